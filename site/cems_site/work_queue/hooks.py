"""Wagtail hooks of the work queue; imported by ``cems_site.wagtail_hooks``."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .components import WorkQueuePanel
from .selectors import can_open_page_explorer
from .views import WorkQueueView, work_queue_action


@hooks.register("register_admin_urls")
def register_work_queue_url():
    return [
        path("my-work/", WorkQueueView.as_view(), name="cems_work_queue"),
        path(
            "my-work/task/<int:task_state_id>/<slug:action>/",
            work_queue_action,
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
    if can_open_page_explorer(request.user):
        return None
    return redirect("cems_work_queue")
