"""The work queue page (待办): every admin user's landing page after approving or rejecting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import TaskState

from .selectors import work_queue_for


class WorkQueueView(WagtailAdminTemplateMixin, TemplateView):
    """What waits for the signed-in user's decision, and their own items waiting for others.

    Open to every admin user: it shows only what the user may act on or submitted.
    """

    template_name = "cems_site/work_queue.html"
    page_title = _("My work")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["queue"] = work_queue_for(self.request.user)
        return context


@require_POST
def work_queue_action(request, task_state_id: int, action: str):
    """Approve or send back a workflow task from the work queue, then land back on it (7.3.3).

    The same checks as Wagtail's workflow action view: the task is in progress and offers
    ``action`` to this user; its form (the comment) is validated before acting.
    """
    task_state = get_object_or_404(
        TaskState.objects.select_related("revision"),
        pk=task_state_id,
        status=TaskState.STATUS_IN_PROGRESS,
    )
    obj = task_state.revision.content_object
    obj = getattr(obj, "specific", obj)
    task = task_state.task.specific
    if action not in {name for name, _label, _modal in task.get_actions(obj, request.user)}:
        raise PermissionDenied
    form_class = task.get_form_for_action(action)
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(
                request, " ".join(form.errors.get("comment", [])) or _("Check the form.")
            )
            return redirect("cems_work_queue")
        data = form.cleaned_data
    task.on_action(task_state.specific, request.user, action, **data)
    title = obj.get_admin_display_title() if hasattr(obj, "get_admin_display_title") else str(obj)
    if action == "approve":
        text = gettext("'%(title)s' approved (%(task)s).")
    elif action == "reject":
        text = gettext("'%(title)s' sent back for changes (%(task)s).")
    else:
        text = gettext("'%(title)s': %(task)s done.")
    messages.success(request, text % {"title": title, "task": task.name})
    return redirect("cems_work_queue")
