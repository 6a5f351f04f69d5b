"""Admin views of accounting runs: list, create, inspect with progress, approve (6.3.1, 9.1).

Wired by :class:`calculators.viewsets.AccountingRunViewSet`; who may do what is
:class:`calculators.admin_views.permissions.AccountingRunPermissionPolicy`'s. The results page
and report downloads are in :mod:`calculators.results_views`.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

import django_filters

from calculators import selectors
from calculators.admin_views.base import (
    AddView,
    PeriodColumn,
    covers_year,
    record_column,
    year_choices,
)
from calculators.admin_views.forms import MonthField, RunApproveForm, RunCreateForm
from calculators.models import AccountingRun, RunStatus
from calculators.monitoring_plan_check import run_monitoring_section
from calculators.rules import option_label
from calculators.services.runs import run_approve, run_create
from cems_registers.people import person_name
from cems_registers.viewsets.base import PersonColumn


class RunFilterSet(WagtailFilterSet):
    """Filters of the run list: status, the year its period covers, creator."""

    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=RunStatus.choices)
    year = django_filters.TypedChoiceFilter(
        label=gettext_lazy("Year"), choices=year_choices, coerce=int, method=covers_year
    )
    created_by = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Created by"),
        queryset=lambda request: (
            get_user_model().objects.filter(calculator_runs_created__isnull=False).distinct()
        ),
    )

    class Meta:
        model = AccountingRun
        fields = ["status", "year", "created_by"]


class RunStatusColumn(Column):
    """The run's status, its progress while running, and a badge when its data was withdrawn."""

    cell_template_name = "calculators/admin/includes/run_status_cell.html"

    def get_value(self, instance):
        return instance.get_status_display()


class RunTotalColumn(Column):
    """The total in tCO2e; a non-finite total is flagged (the computation went wrong)."""

    cell_template_name = "calculators/admin/includes/run_total_cell.html"


class RunIndexView(generic.IndexView):
    """Every run, filtered and paged; a run whose data was withdrawn since says so (8.5)."""

    any_permission_required = ["view"]
    page_title = gettext_lazy("Accounting runs")
    add_item_label = gettext_lazy("New accounting run")

    def get_base_queryset(self):
        return AccountingRun.objects.select_related("gwp_set", "created_by", "approved_by")

    def get_table(self, object_list):
        withdrawn = selectors.withdrawn_dataset_ids()
        for run in object_list:
            run.data_withdrawn = bool(set(run.dataset_ids or []) & withdrawn)
        return super().get_table(object_list)

    @property
    def columns(self):
        return [
            record_column(
                self,
                "title",
                label=_("Run"),
                accessor=lambda run: f"#{run.pk} {run.name}",
                sort_key="pk",
            ),
            PeriodColumn(),
            Column("gwp_set", label=_("GWP set")),
            RunStatusColumn("status", label=_("Status"), sort_key="status"),
            RunTotalColumn("total_tco2e", label=_("Total (tCO2e)"), sort_key="total_tco2e"),
            PersonColumn("created_by", label=_("Created by")),
            PersonColumn("approved_by", label=_("Approved by")),
        ]


def _person(user) -> str:
    return person_name(user) if user else "—"


class RunInspectView(generic.InspectView):
    """A run, its progress, and its approval (9.1): who may approve it, and the form.

    ``approve_form``: a refused approval's form, shown again with what the approver typed.
    """

    any_permission_required = ["view"]
    template_name = "calculators/admin/run_detail.html"
    status_url_name = approve_url_name = results_url_name = None
    approve_form = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            AccountingRun.objects.select_related("gwp_set", "created_by", "approved_by"),
            pk=self.pk,
        )

    def get_page_title(self):
        return _("Accounting run")

    def get_fields(self):
        return []  # the template lays the record out itself (no generic field list to fetch)

    def get_page_subtitle(self):
        return f"#{self.object.pk} {self.object.name}".strip()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run, user = self.object, self.request.user
        withdrawn = selectors.withdrawn_datasets_of(run)
        awaiting = run.status == RunStatus.DONE and not withdrawn
        can_approve = awaiting and self.user_has_permission_for_instance("approve", run)
        context.update(
            {
                "run": run,
                "can_approve": can_approve,
                "approve_form": self.approve_form or RunApproveForm(run=run),
                "approve_url": reverse(self.approve_url_name, args=(quote(run.pk),)),
                # maker–checker (8.5): the creator waits for another approver, named here
                "awaiting_approval": awaiting and not can_approve,
                "own_run": run.created_by_id == user.pk and self.user_has_permission("approve"),
                "approvers": (
                    [_person(u) for u in selectors.run_approvers(run)] if awaiting else []
                ),
                "creator": _person(run.created_by),
                "results_url": reverse(self.results_url_name, args=(quote(run.pk),)),
                "status_url": reverse(self.status_url_name, args=(quote(run.pk),)),
                "polling": run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
                "withdrawn": withdrawn,
                "options": options_display(run.options or {}),
                # flags against the monitoring plan in force (8.5, 9.1.4)
                "monitoring": run_monitoring_section(run),
                # actions other apps add to a run's page, e.g. the evidence pack (6.3.3)
                "extra_actions": [
                    action
                    for hook in hooks.get_hooks("cems_run_actions")
                    if (action := hook(run)) is not None
                ],
            }
        )
        return context


def period_asked(request):
    """The period of "pre-select for the period" (GET ``period_start``, ``period_end``)."""
    field = MonthField()
    try:
        start = field.clean(request.GET.get("period_start"))
        end = field.clean(request.GET.get("period_end"))
    except ValidationError:
        return None
    return (start, end) if start <= end else None


class RunCreateView(AddView):
    """Start a run with its parameters (6.3.1 a–e); it is computed in the background."""

    template_name = "calculators/admin/run_create.html"
    page_title = gettext_lazy("New accounting run")

    def get_form(self):
        return RunCreateForm(
            self.request.POST if self.request.method == "POST" else None,
            period=period_asked(self.request),
            initial={"name": self.request.GET.get("name", "")},
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            try:
                run = run_create(
                    user=request.user,
                    name=data["name"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    factor_sets=list(data["factor_sets"]),
                    gwp_set=data["gwp_set"],
                    facilities=list(data["facilities"]),
                    options=form.run_options(),
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                return redirect(self.inspect_url_name, run.pk)
        return self.render_to_response(self.get_context_data(form=form))


class RunStatusView(PermissionCheckedMixin, View):
    """JSON for the progress bar: status, progress 0–100, message, total."""

    permission_required = "view"
    http_method_names = ["get"]
    model = AccountingRun

    def get(self, request, pk):
        run = get_object_or_404(AccountingRun, pk=pk)
        return JsonResponse(
            {
                "id": run.pk,
                "status": run.status,
                "status_label": str(run.get_status_display()),
                "progress": run.progress,
                "message": run.display_message,
                "total_tco2e": run.total_tco2e,
            }
        )


class RunApproveView(PermissionCheckedMixin, View):
    """Approve a run after confirmation, with the approver's comment (9.1, 6.3.2).

    The model permission is checked here; the run's own rules (computed, data still
    approved, not the approver's own run) by :func:`run_approve`, whose refusal is shown
    on the run page with what the approver typed.
    """

    permission_required = "approve"
    http_method_names = ["post"]
    model = AccountingRun
    inspect_url_name = None
    #: ``(request, pk, **extra)`` → the run's page, rendered again (set by the viewset)
    inspect_page = None

    def post(self, request, pk):
        run = get_object_or_404(AccountingRun, pk=pk)
        form = RunApproveForm(request.POST, run=run)
        if not form.is_valid():
            return self.inspect_page(request, pk, approve_form=form)
        try:
            run_approve(run=run, user=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return self.inspect_page(request, pk, approve_form=form)
        messages.success(
            request, _("Run approved: its results are final and its report is being issued.")
        )
        return redirect(self.inspect_url_name, pk)


def options_display(options: dict) -> list[tuple[str, str]]:
    """A run's method options as (label, value) in the user's language (6.3.1 f)."""
    labels = {
        "biomass": _("Biomass combustion"),
        "ch4": _("Methane GWP"),
        "electricity": _("Electricity in standard coal"),
        "ipcc_sector": _("IPCC default factors"),
        "ch4_fossil_split": _("Fossil and non-fossil CH4 GWPs"),
    }
    out = []
    for key, value in options.items():
        rule = option_label(key, value)
        if rule is not None:
            shown = rule
        elif isinstance(value, bool):
            shown = _("yes") if value else _("no")
        else:
            shown = str(value)
        out.append((str(labels.get(key, key)), shown))
    return out
