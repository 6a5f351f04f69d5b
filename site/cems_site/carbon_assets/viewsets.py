"""Admin viewsets of the carbon assets, in one menu group "Carbon assets" (3, 6.3, 6.5).

They are the registers' viewsets (:class:`cems_registers.viewsets.base.RegisterViewSet`):
ORM search, formula-escaped CSV/XLSX exports, field history with revert, inspect views.
Periods and statements show their computed figures in the list, the export and the inspect
view; statements add top management's approval.
"""

from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cems_registers.viewsets._export import export_spec, filterset_for
from cems_registers.viewsets.approve import ApproveConfirmView
from cems_registers.viewsets.base import RegisterIndexView, RegisterInspectView, RegisterViewSet

from .forms import CompliancePeriodForm, NeutralityStatementForm
from .models import (
    AllowanceTransaction,
    CompliancePeriod,
    CreditBlock,
    CreditProject,
    NeutralityStatement,
    Retirement,
)
from .selectors import periods_with_balance, statements_with_figures
from .services import APPROVE_PERMISSION, neutrality_statement_approve

#: Computed figures of a period: (attribute, label), in the list, export and inspect view.
PERIOD_FIGURES = (
    ("verified_tco2e", _("Verified emissions (tCO2)")),
    ("held_tco2e", _("Allowances held (tCO2)")),
    ("to_surrender_tco2e", _("Still to surrender (tCO2)")),
    ("shortfall_tco2e", _("Shortfall (tCO2)")),
)
#: Computed figures of a statement.
STATEMENT_FIGURES = (
    ("emissions_tco2e", _("Emissions (tCO2e)")),
    ("retired_tco2e", _("Credits retired (tCO2e)")),
    ("balance_tco2e", _("Balance (tCO2e)")),
)


def figure_columns(figures) -> list[Column]:
    return [Column(name, label=label) for name, label in figures]


class CompliancePeriodIndexView(RegisterIndexView):
    def get_base_queryset(self):
        return periods_with_balance(super().get_base_queryset())


class CompliancePeriodViewSet(RegisterViewSet):
    model = CompliancePeriod
    icon = "calendar-alt"
    list_display = [
        "name",
        "scheme",
        "surrender_deadline",
        *figure_columns(PERIOD_FIGURES),
        "status",
    ]
    filterset_class = filterset_for(CompliancePeriod, ["scheme", "status"], "surrender_deadline")
    search_fields = ["name", "notes"]
    list_export, export_headings = export_spec(
        CompliancePeriod,
        ["name", "scheme", "first_year", "last_year", "surrender_deadline", "status", "owner"]
        + [name for name, _label in PERIOD_FIGURES],
        extra=dict(PERIOD_FIGURES),
    )
    edit_handler = ObjectList(CompliancePeriod.panels, base_form_class=CompliancePeriodForm)
    index_view_class = CompliancePeriodIndexView
    inspect_view_extras = {"runs": list(PERIOD_FIGURES)}


class AllowanceTransactionViewSet(RegisterViewSet):
    model = AllowanceTransaction
    icon = "resubmit"
    list_display = ["period", "kind", "quantity", "date", "unit_price", "counterparty"]
    filterset_class = filterset_for(AllowanceTransaction, ["period", "kind"], "date")
    search_fields = ["counterparty", "note", "period__name"]
    list_export, export_headings = export_spec(
        AllowanceTransaction,
        ["period", "kind", "quantity", "date", "unit_price", "counterparty", "note"],
    )


class CreditProjectViewSet(RegisterViewSet):
    model = CreditProject
    icon = "site"
    list_display = ["project_id", "name", "credit_type", "methodology", "registry"]
    filterset_class = filterset_for(CreditProject, ["credit_type"])
    search_fields = ["project_id", "name", "methodology", "registry", "location"]
    list_export, export_headings = export_spec(
        CreditProject,
        ["registry", "project_id", "name", "credit_type", "methodology", "location"],
    )


class CreditBlockViewSet(RegisterViewSet):
    model = CreditBlock
    icon = "list-ol"
    list_display = [
        "__str__",
        "project",
        "vintage",
        Column("quantity", label=_("Quantity (tCO2e)")),
        "purchase_date",
        "unit_price",
    ]
    filterset_class = filterset_for(CreditBlock, ["project", "vintage"], "purchase_date")
    search_fields = ["serial_prefix", "seller", "project__name", "project__project_id"]
    list_export, export_headings = export_spec(
        CreditBlock,
        [
            "project",
            "vintage",
            "serial_prefix",
            "serial_start",
            "serial_end",
            "quantity",
            "purchase_date",
            "unit_price",
            "seller",
        ],
        extra={"quantity": _("Quantity (tCO2e)")},
    )
    inspect_view_extras = {
        "serial_end": [
            ("quantity", _("Quantity (tCO2e)")),
            ("retired_quantity", _("Retired (tCO2e)")),
            ("available_quantity", _("Not retired (tCO2e)")),
        ]
    }


class RetirementIndexView(RegisterIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("block")


class RetirementViewSet(RegisterViewSet):
    model = Retirement
    icon = "tick-inverse"
    list_display = [
        "__str__",
        "block",
        Column("quantity", label=_("Quantity (tCO2e)")),
        "retired_on",
        "beneficiary",
        "statement",
    ]
    filterset_class = filterset_for(Retirement, ["statement"], "retired_on")
    search_fields = ["claim", "beneficiary", "registry_reference", "block__serial_prefix"]
    list_export, export_headings = export_spec(
        Retirement,
        [
            "block",
            "serial_start",
            "serial_end",
            "quantity",
            "retired_on",
            "claim",
            "beneficiary",
            "registry_reference",
            "statement",
        ],
        extra={"quantity": _("Quantity (tCO2e)")},
    )
    index_view_class = RetirementIndexView
    inspect_view_extras = {"serial_end": [("quantity", _("Quantity (tCO2e)"))]}


def user_can_approve_statements(user) -> bool:
    return user.has_perm(APPROVE_PERMISSION)


def approve_button(url_name, instance, user):
    if instance.is_approved or not user_can_approve_statements(user):
        return None
    url = reverse(url_name, args=(quote(instance.pk),))
    return Button(_("Approve"), url=url, icon_name="check", priority=30)


class NeutralityStatementIndexView(RegisterIndexView):
    approve_url_name = None

    def get_base_queryset(self):
        return statements_with_figures(super().get_base_queryset())

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if button := approve_button(self.approve_url_name, instance, self.request.user):
            buttons.append(button)
        return buttons


class NeutralityStatementInspectView(RegisterInspectView):
    approve_url_name = None

    def get_fields(self):
        return [*super().get_fields(), "status", "approved_by", "approved_at"]

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if button := approve_button(self.approve_url_name, self.object, self.request.user):
            buttons.append(button)
        return buttons


class NeutralityStatementApproveView(ApproveConfirmView):
    """Confirm (GET) and record (POST) top management's approval of a statement."""

    model = NeutralityStatement
    template_name = "cems_assets/statement_approve.html"
    header_icon = "tick-inverse"
    page_title = _("Approve neutrality statement")

    def user_can_approve(self, user) -> bool:
        return user_can_approve_statements(user)

    def approve(self, obj, user) -> None:
        neutrality_statement_approve(statement=obj, user=user)

    def success_message(self, obj) -> str:
        return gettext("Neutrality statement '%(statement)s' approved.") % {"statement": obj}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = self.object.figures
        return context


class NeutralityStatementViewSet(RegisterViewSet):
    model = NeutralityStatement
    icon = "doc-full"
    list_display = ["title", "year", *figure_columns(STATEMENT_FIGURES), "status"]
    filterset_class = filterset_for(NeutralityStatement, ["year", "status"])
    search_fields = ["title", "boundary_description", "claim"]
    list_export, export_headings = export_spec(
        NeutralityStatement,
        [
            "title",
            "year",
            "boundary_description",
            "reductions_tco2e",
            "claim",
            "status",
            "approved_by",
            "approved_at",
        ]
        + [name for name, _label in STATEMENT_FIGURES],
        extra=dict(STATEMENT_FIGURES),
    )
    edit_handler = ObjectList(NeutralityStatement.panels, base_form_class=NeutralityStatementForm)
    index_view_class = NeutralityStatementIndexView
    inspect_view_class = NeutralityStatementInspectView
    inspect_view_extras = {
        "reductions_description": [
            *STATEMENT_FIGURES,
            ("balances", _("Balances (emissions − reductions − retired ≤ 0)")),
        ]
    }

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            approve_url_name=self.get_url_name("approve"), **kwargs
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            approve_url_name=self.get_url_name("approve"), **kwargs
        )

    @property
    def approve_view(self):
        return NeutralityStatementApproveView.as_view(
            approve_url_name=self.get_url_name("approve"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"approve/<{self.pk_path_converter}:pk>/", self.approve_view, name="approve"),
        ]


class CarbonAssetsGroup(SnippetViewSetGroup):
    """The "Carbon assets" menu: allowances, credits, neutrality (3, 6.3, 6.5)."""

    menu_label = _("Carbon assets")
    menu_icon = "pick"
    menu_order = 217
    items = (
        CompliancePeriodViewSet,
        AllowanceTransactionViewSet,
        CreditProjectViewSet,
        CreditBlockViewSet,
        RetirementViewSet,
        NeutralityStatementViewSet,
    )
