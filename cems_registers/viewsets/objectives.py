"""Admin viewsets of the objectives and indicators (clause 6.5)."""

from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Table
from wagtail.admin.widgets.button import Button

from ..history import related_history_entries
from ..models import Indicator, Objective
from ..services.objectives import objective_approve, user_can_approve_objectives
from ..views.history import FieldHistoryView, RevertView, history_columns
from ._export import export_spec, filterset_for
from .approve import ApproveConfirmView
from .base import RegisterIndexView, RegisterInspectView, RegisterViewSet

#: Export column holding an objective's indicators (not a model field).
INDICATORS_COLUMN = "indicators"


class ObjectiveForm(WagtailAdminModelForm):
    """Objective form: changing what was approved withdraws the approval (clause 5.1).

    Top management approved a wording, level, deadline and indicators; once any of them
    changes, the objective returns to draft and needs a new approval. Moving an approved
    objective to achieved or not achieved keeps the approval.
    """

    def save(self, commit=True):
        instance = self.instance
        if instance.pk and instance.approved_at and self.changes_approved_content():
            instance.withdraw_approval()
        return super().save(commit)

    def changes_approved_content(self) -> bool:
        if any(name in self.changed_data for name in Objective.approved_content_fields):
            return True
        indicators = self.formsets.get("indicators")
        return bool(indicators is not None and indicators.has_changed())


class ObjectiveApproveView(ApproveConfirmView):
    """Confirm (GET) and record (POST) top management's approval of an objective (5.1)."""

    model = Objective
    template_name = "cems_registers/objective_approve.html"
    header_icon = "crosshairs"
    page_title = _("Approve objective")

    def user_can_approve(self, user) -> bool:
        return user_can_approve_objectives(user)

    def approve(self, obj, user) -> None:
        objective_approve(objective=obj, user=user)

    def success_message(self, obj) -> str:
        return gettext("Objective '%(objective)s' approved.") % {"objective": obj}


def decimal_text(value) -> str:
    """A decimal without trailing zeros (2.1000 → 2.1, 30.0000 → 30); no query."""
    if value is None:
        return "—"
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return text


def indicator_line(indicator) -> str:
    """One indicator as a line of text: name, baseline → target with units and years (6.5)."""
    return gettext(
        "%(name)s: %(baseline)s %(unit)s (%(baseline_year)s) → %(target)s %(unit)s "
        "(%(target_year)s)"
    ) % {
        "name": indicator.name,
        "baseline": decimal_text(indicator.baseline_value),
        "baseline_year": indicator.baseline_year,
        "target": decimal_text(indicator.target_value),
        "target_year": indicator.target_year,
        "unit": indicator.unit,
    }


class IndicatorTable(Component):
    """The objective's indicators, baseline and target, on its inspect view (6.5).

    Read-only roles (auditors, top management once it approved) see what was approved here;
    the edit form is not theirs. Takes the indicators already fetched: issues no query.
    """

    template_name = "cems_registers/includes/objective_indicators.html"

    def __init__(self, indicators):
        self.indicators = list(indicators)

    def get_context_data(self, parent_context=None):
        rows = []
        for indicator in self.indicators:
            change = indicator.target_change
            rows.append(
                {
                    "name": indicator.name,
                    "metric": indicator.get_metric_display(),
                    "unit": indicator.unit,
                    "baseline": decimal_text(indicator.baseline_value),
                    "baseline_year": indicator.baseline_year,
                    "target": decimal_text(indicator.target_value),
                    "target_year": indicator.target_year,
                    "change": None if change is None else f"{change * 100:+.1f} %",
                }
            )
        return {"rows": rows}


class ObjectiveInspectView(RegisterInspectView):
    approve_url_name = None

    def get_fields(self):
        return [*super().get_fields(), "indicators"]

    def get_context_for_field(self, field_name):
        if field_name == "indicators":
            table = IndicatorTable(self.object.indicators.all())
            return {
                "label": capfirst(Indicator._meta.verbose_name_plural),
                "value": table,
                "component": table,
            }
        return super().get_context_for_field(field_name)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if not self.object.is_approved and user_can_approve_objectives(self.request.user):
            url = reverse(self.approve_url_name, args=(quote(self.object.pk),))
            buttons.append(Button(_("Approve"), url=url, icon_name="check", priority=30))
        return buttons


class ObjectiveIndexView(RegisterIndexView):
    approve_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("indicators")

    def to_row_dict(self, item):
        """The export row, with the indicators one per line (baseline → target, 6.5)."""
        row = super().to_row_dict(item)
        if INDICATORS_COLUMN in row:
            row[INDICATORS_COLUMN] = "\n".join(
                indicator_line(indicator) for indicator in item.indicators.all()
            )
        return row

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_approved and user_can_approve_objectives(self.request.user):
            url = reverse(self.approve_url_name, args=(quote(instance.pk),))
            buttons.append(Button(_("Approve"), url=url, icon_name="check", priority=30))
        return buttons


class ObjectiveFieldHistoryView(FieldHistoryView):
    """The objective's field history, then its indicators' (5.1, 6.5, 7.3, 9.3).

    What top management approved is the objective with its indicators, so the indicators'
    baselines and targets carry their own history here, deleted indicators included, each
    version restorable (which withdraws an approval, as any change of an indicator does). Both
    tables have the history's columns (:func:`history_columns`), the second naming the indicator.
    """

    template_name = "cems_registers/objective_field_history.html"
    indicator_revert_url_name = None

    def indicator_entries(self):
        rows = Indicator.history.filter(objective_id=self.object.pk).select_related("history_user")
        # the inline formset saves every indicator with its objective: leave out the rows
        # of indicators that did not change
        entries = [
            entry
            for entry in related_history_entries(rows, model=Indicator)
            if entry.changes or entry.type != "~"
        ]
        if self.can_revert:
            live = set(self.object.indicators.values_list("pk", flat=True))
            newest = {}
            for entry in entries:
                newest.setdefault(entry.record.id, entry.history_id)
            for entry in entries:
                entry.can_revert = (
                    entry.type != "-"
                    and entry.record.id in live
                    and newest[entry.record.id] != entry.history_id
                )
        return entries

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.results_only:
            entries = self.indicator_entries()
            columns = history_columns(
                revert_url_name=self.indicator_revert_url_name,
                object_pk=quote(self.object.pk),
                record_label=_("Indicator"),
            )
            context["indicator_entries"] = entries
            context["indicator_table"] = Table(columns, entries)
        return context


class IndicatorRevertView(RevertView):
    """POST only: restore a version of one of the objective's indicators (change permission
    on the objective); a change withdraws the objective's approval (5.1)."""

    def get_history_record(self, instance, history_id):
        return Indicator.history.filter(history_id=history_id, objective_id=instance.pk).first()


class ObjectiveViewSet(RegisterViewSet):
    """Objectives, with the approval action of top management (clauses 5.1, 6.5)."""

    model = Objective
    icon = "crosshairs"
    list_display = ["code", "title", "level", "deadline", "status", "approved_by"]
    filterset_class = filterset_for(Objective, ["level", "status"], "deadline")
    search_fields = ["code", "title", "description"]
    list_export, export_headings = export_spec(
        Objective,
        [
            "code",
            "title",
            "level",
            "facility",
            "description",
            "deadline",
            "status",
            "owner",
            "approved_by",
            "approved_at",
            INDICATORS_COLUMN,
        ],
        extra={INDICATORS_COLUMN: _("Indicators (baseline → target)")},
    )
    edit_handler = ObjectList(Objective.panels, base_form_class=ObjectiveForm)
    index_view_class = ObjectiveIndexView
    inspect_view_class = ObjectiveInspectView
    field_history_view_class = ObjectiveFieldHistoryView

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
        return ObjectiveApproveView.as_view(
            approve_url_name=self.get_url_name("approve"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_field_history_view_kwargs(self, **kwargs):
        return super().get_field_history_view_kwargs(
            indicator_revert_url_name=self.get_url_name("revert_indicator"), **kwargs
        )

    @property
    def indicator_revert_view(self):
        return self.construct_view(IndicatorRevertView)

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            *super().get_urlpatterns(),
            path(f"approve/<{conv}:pk>/", self.approve_view, name="approve"),
            path(
                f"field-history/<{conv}:pk>/indicators/<int:history_id>/revert/",
                self.indicator_revert_view,
                name="revert_indicator",
            ),
        ]
