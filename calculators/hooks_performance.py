"""Admin URLs and menu item of objectives progress (imported by ``wagtail_hooks``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from calculators.performance.views import VIEW_PERMISSION, get_urls


@hooks.register("register_admin_urls")
def register_performance_urls():
    return get_urls()


class _ProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_calculators_menu_item")
def register_progress_menu_item():
    return _ProgressMenuItem(
        _("Objectives progress"),
        reverse("calculators_performance"),
        icon_name="pick",
        order=300,
    )


@hooks.register("register_admin_viewset")
def register_observation_viewset():
    from calculators.performance.viewsets import observation_viewset

    return observation_viewset


class _ObservationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("calculators.view_indicatorobservation")


@hooks.register("register_calculators_menu_item")
def register_observation_menu_item():
    return _ObservationMenuItem(
        _("Observed values of indicators"),
        reverse("calculators_observation:index"),
        icon_name="edit",
        order=310,
    )
