"""Wagtail hooks of the shared register machinery; imported by ``wagtail_hooks.py``.

Dashboard panel "What is due", admin URLs (import, templates, risk heat map, PDFs) and
a "Register tools" menu.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .components import WhatIsDuePanel
from .due import due_models, user_can_view, viewable_models
from .views import heatmap, imports


@hooks.register("construct_homepage_panels")
def add_what_is_due_panel(request, panels):
    # Only for users who may see at least one register with due dates.
    if viewable_models(request.user, due_models()):
        panels.append(WhatIsDuePanel(request))


@hooks.register("register_admin_urls")
def register_infra_urls():
    from .views import reports

    return [
        path(
            "registers/import/", imports.RegisterImportView.as_view(), name="cems_registers_import"
        ),
        path(
            "registers/import/<slug:slug>/template.xlsx",
            imports.import_template_view,
            name="cems_registers_import_template",
        ),
        path(
            "registers/risk-heat-map/",
            heatmap.RiskHeatMapView.as_view(),
            name="cems_registers_risk_heat_map",
        ),
        *reports.urlpatterns,
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(imports.importable_specs(request.user))


class HeatMapMenuItem(MenuItem):
    def is_shown(self, request):
        try:
            model = heatmap.risk_model()
        except LookupError:
            return False
        return user_can_view(request.user, model)


def _tools_menu():
    return Menu(
        items=[
            ImportMenuItem(
                _("Import from a file"),
                reverse("cems_registers_import"),
                icon_name="upload",
                name="cems-import",
                order=10,
            ),
            HeatMapMenuItem(
                _("Risk heat map"),
                reverse("cems_registers_risk_heat_map"),
                icon_name="table",
                name="cems-risk-heat-map",
                order=20,
            ),
        ]
    )


class ToolsMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return any(item.is_shown(request) for item in self.menu.registered_menu_items)


@hooks.register("register_admin_menu_item")
def register_tools_menu():
    return ToolsMenuItem(
        _("Register tools"), _tools_menu(), icon_name="cogs", name="cems-register-tools", order=700
    )
