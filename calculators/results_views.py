"""Admin views of an accounting run's results and its report downloads (6.3.2, 9.1).

Thin: the numbers come from :mod:`calculators.reports`. The results page issues a constant
number of queries whatever the size of the run (results are aggregated by the database in one
query). Access needs the view permission on accounting runs (auditors have it); the admin
URL wrapper sends anonymous users to the login page.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import translation
from django.utils.text import slugify

from calculators.models import AccountingRun
from calculators.reports import report_context, report_pdf, report_xlsx
from calculators.reports.context import load_run, run_comparison, run_overview

VIEW_PERMISSION = "calculators.view_accountingrun"
#: Report languages offered for download: (code, label shown on the button).
REPORT_LANGUAGES = (("zh-hans", "中文"), ("en", "English"))
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _require_view(request) -> None:
    if not request.user.is_authenticated or not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied


def _run_or_404(pk: int) -> AccountingRun:
    try:
        return load_run(pk)
    except AccountingRun.DoesNotExist as exc:
        raise Http404 from exc


def _url_or_blank(name: str, pk: int) -> str:
    """URL of a page in the run and dataset admin, or "" where it is not installed."""
    try:
        return reverse(name, args=(pk,))
    except NoReverseMatch:
        return ""


def run_results(request, pk: int):
    """Totals by gas, scope, category, source, facility and month, with charts and metadata."""
    _require_view(request)
    run = _run_or_404(pk)
    context = run_overview(run, language=translation.get_language())
    context["downloads"] = [
        {
            "format": fmt,
            "language": code,
            "label": label,
            "url": reverse("calculators_run_report", args=(run.pk, fmt)) + f"?lang={code}",
        }
        for fmt in ("pdf", "xlsx")
        for code, label in REPORT_LANGUAGES
    ]
    context["comparison"] = run_comparison(run)
    for row in context["comparison"]["rows"]:
        row["url"] = reverse("calculators_run_results", args=(row["pk"],))
    context["detail_url"] = _url_or_blank("calculators_run_detail", run.pk)
    context["dataset_links"] = [
        {"id": pk, "url": _url_or_blank("calculators_dataset_detail", pk)}
        for pk in context["meta"]["dataset_ids"]
    ]
    return TemplateResponse(request, "calculators/run_results.html", context)


def report_filename(run: AccountingRun, language: str, fmt: str) -> str:
    period = f"{run.period_start:%Y%m}-{run.period_end:%Y%m}"
    return f"ghg-report-{run.pk}-{period}-{slugify(language)}.{fmt}"


def run_report(request, pk: int, fmt: str):
    """The accounting report of a run as PDF or XLSX in ``?lang=zh-hans`` or ``?lang=en``."""
    _require_view(request)
    if fmt not in CONTENT_TYPES:
        raise Http404
    run = _run_or_404(pk)
    languages = dict(REPORT_LANGUAGES)
    language = request.GET.get("lang") or translation.get_language() or "zh-hans"
    if language not in languages:
        language = "en" if language.startswith("en") else "zh-hans"
    context = report_context(run, language)
    body = report_pdf(context) if fmt == "pdf" else report_xlsx(context)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{report_filename(run, language, fmt)}"'
    )
    return response


def get_results_urls() -> list:
    """URL patterns of the results view and report downloads, for ``register_admin_urls``."""
    return [
        path(
            "calculators/runs/<int:pk>/results/",
            run_results,
            name="calculators_run_results",
        ),
        path(
            "calculators/runs/<int:pk>/report.<str:fmt>",
            run_report,
            name="calculators_run_report",
        ),
    ]
