"""Admin download of the MEE emission report of an approved run (6.3.2; issue 12 §4).

Thin: the report is issued and checked by :mod:`calculators.services.mee_report`. Access is
the accounting report's: the view permission on accounting runs (auditors have it). Wired by
:class:`calculators.viewsets.AccountingRunViewSet`; the run page links to it through the
``cems_run_actions`` hook.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from calculators.models import ReportFormat
from calculators.results_views import CONTENT_TYPES, _require_view, _run_or_404
from calculators.services.mee_report import MEE_LANGUAGES, mee_report_issue


def run_mee_report(request, pk: int, fmt: str):
    """The MEE report of an approved run as PDF or XLSX in ``?lang=zh-hans`` or ``?lang=en``.

    Served as issued, with its SHA-256 in ``X-Report-SHA256``; a run that is not approved is
    sent back to its page with the reason.
    """
    _require_view(request)
    if fmt not in ReportFormat.values:
        raise Http404
    run = _run_or_404(pk)
    language = request.GET.get("lang") or translation.get_language() or "zh-hans"
    if language not in MEE_LANGUAGES:
        language = "en" if language.startswith("en") else "zh-hans"
    try:
        report = mee_report_issue(run=run, language=language, fmt=fmt)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("calculators_run:inspect", run.pk)
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"mee-report-run-{run.pk}-{run.period_start:%Y}-{language}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
    response["X-Report-SHA256"] = report.sha256
    return response


def _mee_action(run, fmt: str, label) -> dict | None:
    if not run.is_approved:
        return None
    language = "en" if (translation.get_language() or "").startswith("en") else "zh-hans"
    url = reverse("calculators_run:mee_report", args=(run.pk, fmt))
    return {"url": f"{url}?lang={language}", "label": label}


def run_mee_pdf_action(run) -> dict | None:
    """The MEE report (PDF) button of an approved run's page (hook ``cems_run_actions``)."""
    return _mee_action(run, "pdf", _("MEE emission report (PDF)"))


def run_mee_xlsx_action(run) -> dict | None:
    """The MEE report (XLSX) button of an approved run's page (hook ``cems_run_actions``)."""
    return _mee_action(run, "xlsx", _("MEE emission report (XLSX)"))
