"""Wagtail hooks of the performance dashboard; imported by ``cems_site.wagtail_hooks``."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cems_registers.lazy_views import lazy_view

from . import VIEW_PERMISSION


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [
        path(
            "performance/",
            # the view reads pandas and the chart helpers: imported at its first request
            lazy_view("cems_site.dashboard.views:performance_dashboard"),
            name="cems_performance_dashboard",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Performance dashboard"),
        reverse("cems_performance_dashboard"),
        icon_name="history",
        name="cems-performance",
        order=60,
    )
