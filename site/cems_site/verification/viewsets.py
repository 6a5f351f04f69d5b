"""Admin of the verification engagements (6.3.3, 9.3, 10.2): three register viewsets in one
menu group, *Verification*, with the extra actions "Record samples" (an engagement's rows, all
or nothing) and "Raise a nonconformity" (a finding, 10.2). Registered in ``wagtail_hooks.py``.
"""

from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cems_registers.display import EMPTY, plain_value
from cems_registers.viewsets._export import export_spec, filterset_for
from cems_registers.viewsets.base import (
    RegisterEditView,
    RegisterIndexView,
    RegisterInspectView,
    RegisterViewSet,
)

from . import views
from .models import Engagement, Finding, Sample
from .services import ADD_SAMPLE, can_raise_nonconformity


def number_text(value, digits: int = 3, suffix: str = "") -> str:
    """A float as it reads (localised, ``digits`` decimals), or "—"; no query."""
    if value is None:
        return EMPTY
    value = round(value, digits) or 0.0  # no "-0.000"
    return f"{formats.number_format(value, digits, use_l10n=True)}{suffix}"


class NumberColumn(Column):
    """A float field, localised with a fixed number of decimals."""

    def __init__(self, name, *, digits: int = 3, suffix: str = "", **kwargs):
        self.digits, self.suffix = digits, suffix
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return number_text(getattr(instance, self.accessor), self.digits, self.suffix)


def _label(model, name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


#: A sample's columns in lists, the engagement's table and exports.
SAMPLE_FIELDS = [
    "engagement",
    "dataset",
    "row_number",
    "gas_group",
    "row_label",
    "recalculated_tco2e",
    "run_tco2e",
    "difference_tco2e",
    "difference_pct",
    "within_materiality",
    "note",
]
FINDING_FIELDS = [
    "engagement",
    "reference",
    "severity",
    "clause",
    "description",
    "dataset",
    "row_number",
    "source",
    "document",
    "owner",
    "due_date",
    "response",
    "responded_on",
    "status",
    "nonconformity",
]


def sample_cells(sample) -> list[str]:
    """A sample as a row of the engagement's table; issues no query."""
    return [
        f"#{sample.dataset_id}",
        str(sample.row_number),
        sample.gas_group or EMPTY,
        sample.row_label or EMPTY,
        number_text(sample.recalculated_tco2e),
        number_text(sample.run_tco2e),
        number_text(sample.difference_tco2e),
        number_text(sample.difference_pct, 2, " %"),
        plain_value(sample.within_materiality),
    ]


def finding_cells(finding) -> list[str]:
    """A finding as a row of the engagement's table (related rows loaded: no query)."""
    return [
        finding.reference,
        finding.get_severity_display(),
        finding.description,
        finding.response or EMPTY,
        finding.get_status_display(),
        finding.nonconformity.code if finding.nonconformity_id else EMPTY,
    ]


class EngagementInspectView(RegisterInspectView):
    """The engagement, the run's total beside the verified one, its samples and findings."""

    record_samples_url_name = None

    def get_fields(self):
        return [*super().get_fields(), "run_total", "samples", "findings"]

    def get_context_for_field(self, field_name):
        if field_name == "run_total":
            run = self.object.run
            return {
                "label": _("Run total and difference (tCO2e)"),
                "value": f"{number_text(run.total_tco2e)} / "
                f"{number_text(self.object.run_difference_tco2e)}",
                "component": None,
            }
        if field_name == "samples":
            samples = self.object.samples.order_by("dataset_id", "row_number", "gas_group")
            columns = [
                _label(Sample, name)
                for name in SAMPLE_FIELDS[1:-1]  # engagement and note left out
            ]
            return self._rows(
                capfirst(Sample._meta.verbose_name_plural),
                columns,
                [sample_cells(s) for s in samples],
            )
        if field_name == "findings":
            findings = self.object.findings.select_related("nonconformity")
            columns = [
                _label(Finding, name)
                for name in ("reference", "severity", "description", "response", "status")
            ] + [_label(Finding, "nonconformity")]
            return self._rows(
                capfirst(Finding._meta.verbose_name_plural),
                columns,
                [finding_cells(f) for f in findings],
            )
        return super().get_context_for_field(field_name)

    @staticmethod
    def _rows(label, columns, rows) -> dict:
        return {
            "label": label,
            "value": None,
            "component": None,
            "table": {"columns": columns, "rows": rows},
        }

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(ADD_SAMPLE):
            buttons.append(
                Button(
                    _("Record samples"),
                    url=reverse(self.record_samples_url_name, args=(quote(self.object.pk),)),
                    icon_name="table",
                    priority=30,
                )
            )
        return buttons


class EngagementViewSet(RegisterViewSet):
    model = Engagement
    icon = "tick-inverse"
    list_display = [
        "reporting_year",
        "verifier_organisation",
        "lead_verifier",
        "run",
        "materiality_pct",
        "status",
        "opinion",
        "end_date",
    ]
    filterset_class = filterset_for(Engagement, ["reporting_year", "status", "opinion"])
    search_fields = ["verifier_organisation", "lead_verifier", "scope"]
    list_export, export_headings = export_spec(
        Engagement,
        [
            "reporting_year",
            "run",
            "verifier_organisation",
            "lead_verifier",
            "team",
            "scope",
            "criteria",
            "materiality_pct",
            "start_date",
            "end_date",
            "report_date",
            "status",
            "verified_tco2e",
            "opinion",
            "opinion_text",
            "statement",
            "owner",
        ],
    )
    inspect_view_class = EngagementInspectView

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            record_samples_url_name=self.get_url_name("record_samples"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"record-samples/<{self.pk_path_converter}:pk>/",
                views.RecordSamplesView.as_view(inspect_url_name=self.get_url_name("inspect")),
                name="record_samples",
            ),
        ]


class SampleViewSet(RegisterViewSet):
    model = Sample
    icon = "table"
    list_display = [
        "engagement",
        "__str__",
        "row_label",
        NumberColumn("recalculated_tco2e", label=_label(Sample, "recalculated_tco2e")),
        NumberColumn("run_tco2e", label=_label(Sample, "run_tco2e")),
        NumberColumn("difference_tco2e", label=_label(Sample, "difference_tco2e")),
        NumberColumn(
            "difference_pct", digits=2, suffix=" %", label=_label(Sample, "difference_pct")
        ),
        "within_materiality",
    ]
    filterset_class = filterset_for(Sample, ["engagement", "within_materiality"])
    search_fields = ["row_label", "gas_group", "note"]
    list_export, export_headings = export_spec(Sample, SAMPLE_FIELDS)
    inspect_view_fields = SAMPLE_FIELDS


class FindingButtonsMixin:
    """ "Raise a nonconformity" for users who may, on a finding not raised yet (10.2)."""

    raise_nonconformity_url_name = None

    def nonconformity_buttons(self, finding) -> list[Button]:
        if not can_raise_nonconformity(self.request.user, finding):
            return []
        url = reverse(self.raise_nonconformity_url_name, args=(quote(finding.pk),))
        return [Button(_("Raise a nonconformity"), url=url, icon_name="warning", priority=31)]


class FindingIndexView(FindingButtonsMixin, RegisterIndexView):
    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *self.nonconformity_buttons(instance)]


class FindingInspectView(FindingButtonsMixin, RegisterInspectView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *self.nonconformity_buttons(self.object)]


class FindingEditView(FindingButtonsMixin, RegisterEditView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *self.nonconformity_buttons(self.object)]


class FindingViewSet(RegisterViewSet):
    model = Finding
    icon = "warning"
    list_display = [
        "reference",
        "engagement",
        "severity",
        "description",
        "owner",
        "due_date",
        "status",
        "nonconformity",
    ]
    filterset_class = filterset_for(Finding, ["engagement", "severity", "status"], "due_date")
    search_fields = ["reference", "description", "response", "clause"]
    list_export, export_headings = export_spec(Finding, FINDING_FIELDS)
    inspect_view_fields = FINDING_FIELDS
    index_view_class = FindingIndexView
    inspect_view_class = FindingInspectView
    edit_view_class = FindingEditView

    def _action_kwargs(self) -> dict:
        return {"raise_nonconformity_url_name": self.get_url_name("raise_nonconformity")}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**self._action_kwargs(), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(**self._action_kwargs(), **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(**self._action_kwargs(), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"raise-nonconformity/<{self.pk_path_converter}:pk>/",
                views.RaiseNonconformityView.as_view(inspect_url_name=self.get_url_name("inspect")),
                name="raise_nonconformity",
            ),
        ]


class VerificationGroup(SnippetViewSetGroup):
    """The menu *Verification* (核查, 6.3.3, 9.3); the pages' revisions join it by its hook."""

    menu_label = pgettext_lazy("third-party verification", "Verification")
    menu_icon = "tick-inverse"
    menu_order = 219
    submenu_hook = "register_verification_menu_item"
    items = (EngagementViewSet, SampleViewSet, FindingViewSet)
