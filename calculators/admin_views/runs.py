"""Admin views of accounting runs: list, create, progress, approve (6.3.1, 9.1)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calculators import selectors
from calculators.admin_views.forms import MonthField, RunApproveForm, RunCreateForm
from calculators.models import (
    AccountingRun,
    BiomassTreatment,
    RunStatus,
)
from calculators.services.runs import run_approve, run_create


def _require_view(user):
    if not user.has_perm("calculators.view_accountingrun"):
        raise PermissionDenied


def run_list(request):
    _require_view(request.user)
    runs = list(AccountingRun.objects.select_related("gwp_set", "created_by", "approved_by")[:200])
    withdrawn = selectors.withdrawn_dataset_ids()
    for run in runs:
        run.data_withdrawn = bool(set(run.dataset_ids or []) & withdrawn)
    return TemplateResponse(
        request,
        "calculators/admin/run_list.html",
        {"runs": runs, "can_create": request.user.has_perm("calculators.add_accountingrun")},
    )


def _period_asked(request):
    """The period of "pre-select for the period" (GET ``period_start``, ``period_end``)."""
    field = MonthField()
    try:
        start = field.clean(request.GET.get("period_start"))
        end = field.clean(request.GET.get("period_end"))
    except ValidationError:
        return None
    return (start, end) if start <= end else None


def run_create_view(request):
    if not request.user.has_perm("calculators.add_accountingrun"):
        raise PermissionDenied
    form = RunCreateForm(
        request.POST or None,
        period=_period_asked(request),
        initial={"name": request.GET.get("name", "")},
    )
    if request.method == "POST" and form.is_valid():
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
                options={"biomass": data["biomass"]},
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            return redirect("calculators_run_detail", run.pk)
    return TemplateResponse(request, "calculators/admin/run_create.html", {"form": form})


def _results_url(run) -> str:
    """The results page of the reports part, when it is installed."""
    try:
        return reverse("calculators_run_results", args=(run.pk,))
    except NoReverseMatch:
        return ""


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "—"


def run_detail(request, pk: int, *, approve_form: RunApproveForm | None = None):
    """A run, its progress, and its approval (9.1): who may approve it, and the form.

    ``approve_form``: a refused approval's form, shown again with what the approver typed.
    """
    _require_view(request.user)
    run = get_object_or_404(
        AccountingRun.objects.select_related("gwp_set", "created_by", "approved_by"), pk=pk
    )
    withdrawn = selectors.withdrawn_datasets_of(run)
    awaiting = run.status == RunStatus.DONE and not withdrawn
    may_approve = request.user.has_perm("calculators.approve_accountingrun")
    can_approve = awaiting and may_approve and run.created_by_id != request.user.pk
    approvers = [_person(u) for u in selectors.run_approvers(run)] if awaiting else []
    return TemplateResponse(
        request,
        "calculators/admin/run_detail.html",
        {
            "run": run,
            "can_approve": can_approve,
            "approve_form": approve_form or RunApproveForm(run=run),
            # maker–checker (8.5): the creator waits for another approver, named here
            "awaiting_approval": awaiting and not can_approve,
            "own_run": run.created_by_id == request.user.pk and may_approve,
            "approvers": approvers,
            "creator": _person(run.created_by),
            "results_url": _results_url(run),
            "status_url": reverse("calculators_run_status", args=(run.pk,)),
            "polling": run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
            "withdrawn": withdrawn,
            "options": options_display(run.options or {}),
        },
    )


def run_status(request, pk: int):
    """JSON for the progress bar: status, progress 0–100, message, total."""
    _require_view(request.user)
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


@require_POST
def run_approve_view(request, pk: int):
    """Approve a run after confirmation, with the approver's comment (9.1, 6.3.2)."""
    if not request.user.has_perm("calculators.approve_accountingrun"):
        raise PermissionDenied
    run = get_object_or_404(AccountingRun, pk=pk)
    form = RunApproveForm(request.POST, run=run)
    if not form.is_valid():
        return run_detail(request, pk, approve_form=form)  # keeps the comment typed
    try:
        run_approve(run=run, user=request.user, comment=form.cleaned_data["comment"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return run_detail(request, pk, approve_form=form)
    messages.success(
        request, _("Run approved: its results are final and its report is being issued.")
    )
    return redirect("calculators_run_detail", pk)


def options_display(options: dict) -> list[tuple[str, str]]:
    """A run's method options as (label, value) in the user's language (6.3.1 f)."""
    labels = {
        "biomass": _("Biogenic CO2"),
        "ipcc_sector": _("IPCC default factors"),
        "ch4_fossil_split": _("Fossil and non-fossil CH4 GWPs"),
    }
    out = []
    for key, value in options.items():
        if key == "biomass":
            shown = (
                str(BiomassTreatment(value).label) if value in BiomassTreatment.values else value
            )
        elif isinstance(value, bool):
            shown = _("yes") if value else _("no")
        else:
            shown = str(value)
        out.append((str(labels.get(key, key)), shown))
    return out
