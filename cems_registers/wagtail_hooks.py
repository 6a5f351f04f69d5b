"""Admin registration of the registers; the only module that registers with Wagtail.

One menu group per chapter of the standard (clauses 4–10), the "What is due" dashboard
panel, the shared tools' admin URLs (import, templates, risk heat map, PDFs) and their
"Register tools" menu, and the snippet hooks that keep related registers in step.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet

from .components import WhatIsDuePanel
from .due import due_models, user_can_view, viewable_models
from .lazy_views import LazyModule, lazy_view
from .models import ComplianceEvaluation, ManagementReview
from .services.compliance import compliance_obligation_schedule_next_review
from .services.management_review import management_review_gather_inputs
from .views import heatmap, reports
from .viewsets import monitoring_plans
from .viewsets.groups import REGISTER_GROUPS
from .viewsets_communications import CommunicationViewSet

# The import views read files with pandas and openpyxl: imported at their first use, not when
# Django starts (issue 13 §3).
IMPORTS = "cems_registers.views.imports"
imports = LazyModule(IMPORTS)

for group in REGISTER_GROUPS:
    register_snippet(group)
register_snippet(CommunicationViewSet)  # the communication log, its own menu item (8.1 b)
register_snippet(monitoring_plans.MonitoringPlanViewSet)  # monitoring plans (8.5, 9.1.4)


@hooks.register("after_create_snippet")
def gather_management_review_inputs(request, instance):
    """A review created in the admin snapshots its inputs from the registers (9.5)."""
    if isinstance(instance, ManagementReview):
        management_review_gather_inputs(review=instance)


@hooks.register("after_create_snippet")
def schedule_next_compliance_review(request, instance):
    """An evaluation recorded on its own moves the obligation's next review on (9.2)."""
    if isinstance(instance, ComplianceEvaluation):
        compliance_obligation_schedule_next_review(
            obligation=instance.obligation, evaluated_on=instance.evaluated_on
        )


@hooks.register("construct_homepage_panels")
def add_what_is_due_panel(request, panels):
    # Only for users who may see at least one register with due dates.
    if viewable_models(request.user, due_models()):
        panels.append(WhatIsDuePanel(request))


@hooks.register("register_admin_urls")
def register_infra_urls():
    return [
        path(
            "registers/import/",
            lazy_view(f"{IMPORTS}:RegisterImportView", as_view=True),
            name="cems_registers_import",
        ),
        path(
            "registers/import/<slug:slug>/template.xlsx",
            lazy_view(f"{IMPORTS}:import_template_view"),
            name="cems_registers_import_template",
        ),
        path(
            "registers/risk-heat-map/",
            heatmap.RiskHeatMapView.as_view(),
            name="cems_registers_risk_heat_map",
        ),
        *reports.urlpatterns,
        *monitoring_plans.urlpatterns,
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


class ToolsMenuItem(SubmenuMenuItem):
    """Shown when one of the tools is (they are pages, not models: no viewset group)."""

    def is_shown(self, request):
        return any(item.is_shown(request) for item in self.menu.registered_menu_items)


#: The tools' menu items: (class, label, URL name, icon, name), in menu order.
TOOLS = (
    (ImportMenuItem, _("Import from a file"), "cems_registers_import", "upload", "cems-import"),
    (
        HeatMapMenuItem,
        _("Risk heat map"),
        "cems_registers_risk_heat_map",
        "table",
        "cems-risk-heat-map",
    ),
)


@hooks.register("register_admin_menu_item")
def register_tools_menu():
    tools = Menu(
        items=[
            item_class(label, reverse(url_name), icon_name=icon, name=name, order=10 * number)
            for number, (item_class, label, url_name, icon, name) in enumerate(TOOLS, start=1)
        ]
    )
    return ToolsMenuItem(
        _("Register tools"), tools, icon_name="cogs", name="cems-register-tools", order=700
    )
