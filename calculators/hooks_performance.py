"""Admin URLs and menu item of objectives progress (imported by ``wagtail_hooks``).

The views read the forecast core and the performance services (numpy, pandas): they are
referenced by dotted path and imported at their first request, so Django starts without
them (issue 13 §3; the pages serve 6.5, 6.6, 9.1 and 10.2).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cems_registers.lazy_views import lazy_view

#: Who reads objectives progress; the same as ``calculators.performance.views``.
VIEW_PERMISSION = "calculators.view_indicatorprogress"
VIEWS = "calculators.performance.views"


@hooks.register("register_admin_urls")
def register_performance_urls():
    return [
        path(
            "calculators/performance/",
            lazy_view(f"{VIEWS}:progress"),
            name="calculators_performance",
        ),
        path(
            "calculators/performance/alerts/<int:pk>/<str:action>/",
            lazy_view(f"{VIEWS}:alert_action"),
            name="calculators_performance_alert",
        ),
        path(
            "calculators/performance/base-year/recalculate/",
            lazy_view(f"{VIEWS}:base_year_recalculate"),
            name="calculators_performance_recalculate",
        ),
    ]


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
    # its form saves through the performance services (numpy, pandas)
    from calculators.performance.viewsets import observation_viewset  # noqa: PLC0415 — keeps numpy, pandas, pint out of start-up

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
