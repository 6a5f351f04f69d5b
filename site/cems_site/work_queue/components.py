"""Dashboard panel of the work queue, first on the dashboard (7.3.3, 8.5, 9.1, 5.1)."""

from django.urls import reverse

from wagtail.admin.ui.components import Component

from .selectors import work_queue_for


class WorkQueuePanel(Component):
    name = "cems_work_queue"
    template_name = "cems_site/includes/work_queue_panel.html"
    #: Before Wagtail's own panels (site summary 100, workflow panels 210–220).
    order = 10

    def __init__(self, queue):
        self.queue = queue

    @classmethod
    def for_request(cls, request):
        """The panel, or ``None`` when nothing waits for the user."""
        queue = work_queue_for(request.user)
        return None if queue.is_empty else cls(queue)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["queue"] = self.queue
        # the panel's approve/reject forms post from the dashboard: a component's context
        # starts empty, so the page's CSRF token is passed on (as Wagtail's own panels do)
        context["csrf_token"] = parent_context.get("csrf_token")
        context["request"] = parent_context.get("request")
        context["work_queue_url"] = reverse("cems_work_queue")
        return context
