"""Admin URLs and the menu item of the readiness self-assessment."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .services import VIEW_PERMISSION


@hooks.register("register_admin_urls")
def register_readiness_urls():
    return [
        path("readiness/", views.readiness_view, name="cems_readiness"),
        path("readiness/take/", views.readiness_take, name="cems_readiness_take"),
        path("readiness/exclusion/", views.readiness_exclusion, name="cems_readiness_exclusion"),
        path(
            "readiness/<int:pk>/report.<str:fmt>",
            views.readiness_report,
            name="cems_readiness_report",
        ),
    ]


class ReadinessMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_readiness_menu_item():
    return ReadinessMenuItem(
        _("Clause readiness"),
        reverse("cems_readiness"),
        icon_name="tick-inverse",
        name="cems-readiness",
        order=60,
    )
