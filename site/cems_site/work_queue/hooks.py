"""Wagtail hooks of the work queue; imported by ``cems_site.wagtail_hooks``.

The queue's selectors read the calculators' selectors (pandas): they are imported by the
hooks that run on a request, not when Django starts (issue 13 §3).
"""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cems_registers.lazy_views import lazy_view

VIEWS = "cems_site.work_queue.views"


@hooks.register("register_admin_urls")
def register_work_queue_url():
    return [
        path("my-work/", lazy_view(f"{VIEWS}:WorkQueueView", as_view=True), name="cems_work_queue"),
        path(
            "my-work/task/<int:task_state_id>/<slug:action>/",
            lazy_view(f"{VIEWS}:work_queue_action"),
            name="cems_work_queue_action",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_work_queue_menu_item():
    return MenuItem(
        _("My work"), reverse("cems_work_queue"), icon_name="tasks", name="cems-work", order=50
    )


@hooks.register("construct_homepage_panels")
def add_work_queue_panel(request, panels):
    """The work queue first; Wagtail's "Awaiting your review" panel goes, as the queue lists
    the same workflow tasks (``TaskState.objects.reviewable_by``) with their actions, and
    reading them twice cost a query per task (issue 13 §3)."""
    from .components import WorkQueuePanel  # noqa: PLC0415 — keeps pandas out of start-up

    panels[:] = [p for p in panels if getattr(p, "name", "") != "workflow_objects_to_moderate"]
    panel = WorkQueuePanel.for_request(request)
    if panel is not None:
        panels.insert(0, panel)


@hooks.register("after_edit_page")
def land_on_work_queue_after_workflow_action(request, page):
    """After approving or sending back a page from its editor, Wagtail goes to the page
    explorer; approvers who may not open it (reviewers, management representative, top
    management) land on their work queue instead, with the success message (7.3.3)."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if request.GET.get("next") or request.POST.get("next"):
        return None  # Wagtail follows the caller's own landing page
    from .selectors import can_open_page_explorer  # noqa: PLC0415 — keeps pandas out of start-up

    if can_open_page_explorer(request.user):
        return None
    return redirect("cems_work_queue")
