"""Admin views of an accounting run's results and its report downloads (6.3.2, 9.1).

Thin: the numbers come from :mod:`calculators.reports`. The results page issues a constant
number of queries whatever the size of the run (results are aggregated by the database in one
query). Access needs the view permission on accounting runs (auditors have it), asked of the
runs' permission policy; the admin URL wrapper sends anonymous users to the login page. A run
that is queued, running or failed has no results: its results page and reports send the user
back to the run page. Wired by :class:`calculators.viewsets.AccountingRunViewSet`.
"""

import datetime as dt
import math

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from calculators import selectors
from calculators.models import AccountingRun, RunReport, RunStatus
from calculators.reports import charts, report_context, report_pdf, report_xlsx
from calculators.reports.context import intensity_rows, load_run, run_overview

#: Report languages offered for download: (code, label shown on the button).
REPORT_LANGUAGES = (("zh-hans", "中文"), ("en", "English"))
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _require_view(request) -> None:
    policy = policy_registry.get_by_type(AccountingRun)
    if not request.user.is_authenticated or not policy.user_has_permission(request.user, "view"):
        raise PermissionDenied


def _run_or_404(pk: int) -> AccountingRun:
    try:
        return load_run(pk)
    except AccountingRun.DoesNotExist as exc:
        raise Http404 from exc


#: Statuses of a run that has results (6.3.2): computed, and computed then approved.
RESULT_STATUSES = (RunStatus.DONE, RunStatus.APPROVED)
#: Most periods in the comparison with other periods (9.1).
COMPARISON_LIMIT = 12


def _months(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _without_results(request, run: AccountingRun):
    """A redirect to the run page with why there is nothing to show, or ``None``."""
    if run.status in RESULT_STATUSES:
        return None
    if run.status == RunStatus.FAILED:
        messages.error(
            request,
            _("Run #%(id)s failed, so it has no results: %(message)s")
            % {"id": run.pk, "message": run.message or "—"},
        )
    elif run.status == RunStatus.RUNNING:
        messages.warning(
            request, _("Run #%(id)s is still running: it has no results yet.") % {"id": run.pk}
        )
    else:
        messages.warning(
            request, _("Run #%(id)s is queued: it has no results yet.") % {"id": run.pk}
        )
    return redirect("calculators_run:inspect", run.pk)


def is_comparable(total) -> bool:
    """Whether a run total can stand in a comparison: known, finite and not zero."""
    return total is not None and math.isfinite(total) and total != 0


def comparison_rows(
    run: AccountingRun,
    others: list[AccountingRun],
    *,
    limit: int = COMPARISON_LIMIT,
    withdrawn: set[int] = frozenset(),
) -> list[dict]:
    """Rows comparing ``run`` with ``others`` of the same length, oldest period first (9.1).

    Only computed or approved runs with a finite, non-zero total count (a zero or non-finite
    total is a failed computation, not a year without emissions); of several runs of one
    period the newest counts. ``others`` come newest first. Rows of runs not approved yet
    are marked ``draft``, and runs that used a dataset in ``withdrawn`` ``data_withdrawn``.
    Empty unless ``run`` itself qualifies. Issues no query.
    """
    if run.status not in RESULT_STATUSES or not is_comparable(run.total_tco2e):
        return []
    months = _months(run.period_start, run.period_end)
    chosen = {run.period_start: run}
    for other in others:
        if len(chosen) >= limit:
            break
        if (
            other.status in RESULT_STATUSES
            and is_comparable(other.total_tco2e)
            and _months(other.period_start, other.period_end) == months
        ):
            chosen.setdefault(other.period_start, other)
    rows = []
    for start in sorted(chosen):
        other = chosen[start]
        intensity = {r["key"]: r["value"] for r in intensity_rows(other, other.total_tco2e)}
        rows.append(
            {
                "pk": other.pk,
                "period": f"{other.period_start:%Y-%m} – {other.period_end:%Y-%m}",
                "name": other.name,
                "status": other.get_status_display(),
                "draft": other.status != RunStatus.APPROVED,
                "data_withdrawn": bool(set(other.dataset_ids or []) & withdrawn),
                "total": other.total_tco2e,
                "per_t": intensity.get("per_t", intensity.get("production_output")),
                "per_wan_yuan": intensity.get(
                    "per_wan_yuan", intensity.get("per_10k_cny", intensity.get("production_value"))
                ),
                "current": other.pk == run.pk,
            }
        )
    return rows


def comparison_chart(rows: list[dict]) -> str:
    """Bar chart of the comparison's totals; drafts say so in their label. Issues no query."""
    if len(rows) < 2:
        return ""
    items = [
        (
            _("%(period)s (draft)") % {"period": r["period"]} if r["draft"] else r["period"],
            r["total"],
        )
        for r in rows
    ]
    return charts.hbar_svg(
        items, title=_("Total emissions by period"), width=640, colour=charts.PALETTE[4]
    )


def run_comparison(
    run: AccountingRun, *, limit: int = COMPARISON_LIMIT, withdrawn: set[int] = frozenset()
) -> dict:
    """Rows and chart of the comparison with other periods; one query."""
    others = list(
        AccountingRun.objects.filter(status__in=RESULT_STATUSES, total_tco2e__isnull=False)
        .exclude(pk=run.pk)
        .exclude(total_tco2e=0)
        .only(
            "pk",
            "name",
            "period_start",
            "period_end",
            "status",
            "total_tco2e",
            "intensity",
            "dataset_ids",
        )
        .order_by("-period_start", "-pk")[: limit * 4]
    )
    rows = comparison_rows(run, others, limit=limit, withdrawn=withdrawn)
    return {"rows": rows, "chart": comparison_chart(rows)}


def run_results(request, pk: int):
    """Totals by gas, scope, category, source, facility and month, with charts and metadata.

    A run without results (queued, running, failed) redirects to its run page with a message.
    """
    _require_view(request)
    run = _run_or_404(pk)
    if (response := _without_results(request, run)) is not None:
        return response
    context = run_overview(run, language=translation.get_language())
    context["issued"] = list(RunReport.objects.filter(run=run).order_by("language", "fmt"))
    context["downloads"] = [
        {
            "format": fmt,
            "language": code,
            "label": label,
            "url": reverse("calculators_run:report", args=(run.pk, fmt)) + f"?lang={code}",
        }
        for fmt in ("pdf", "xlsx")
        for code, label in REPORT_LANGUAGES
    ]
    withdrawn = selectors.withdrawn_dataset_ids()
    context["withdrawn"] = selectors.withdrawn_datasets_of(run, withdrawn)
    context["comparison"] = run_comparison(run, withdrawn=withdrawn)
    for row in context["comparison"]["rows"]:
        row["url"] = reverse("calculators_run:results", args=(row["pk"],))
    context["detail_url"] = reverse("calculators_run:inspect", args=(run.pk,))
    context["dataset_links"] = [
        {"id": pk, "url": reverse("calculators_dataset:inspect", args=(pk,))}
        for pk in context["meta"]["dataset_ids"]
    ]
    return TemplateResponse(request, "calculators/run_results.html", context)


def report_filename(run: AccountingRun, language: str, fmt: str) -> str:
    period = f"{run.period_start:%Y%m}-{run.period_end:%Y%m}"
    return f"ghg-report-{run.pk}-{period}-{slugify(language)}.{fmt}"


def run_report(request, pk: int, fmt: str):
    """The accounting report of a run as PDF or XLSX in ``?lang=zh-hans`` or ``?lang=en``.

    An approved run's report is served as issued (``RunReport``, with its SHA-256 in the
    ``X-Report-SHA256`` header); a draft is rendered on request.
    """
    _require_view(request)
    if fmt not in CONTENT_TYPES:
        raise Http404
    run = _run_or_404(pk)
    if (response := _without_results(request, run)) is not None:
        return response
    languages = dict(REPORT_LANGUAGES)
    language = request.GET.get("lang") or translation.get_language() or "zh-hans"
    if language not in languages:
        language = "en" if language.startswith("en") else "zh-hans"
    filename = report_filename(run, language, fmt)
    issued = RunReport.objects.filter(run=run, language=language, fmt=fmt).first()
    if issued is not None:  # an approved run's report as it was issued (6.3.2)
        response = FileResponse(
            issued.file.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type=CONTENT_TYPES[fmt],
        )
        response["X-Report-SHA256"] = issued.sha256
        return response
    context = report_context(run, language)
    body = report_pdf(context) if fmt == "pdf" else report_xlsx(context)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
