"""Issuing the MEE emission report of an approved run and checking it on download (6.3.2, 7.5).

The first request for a language and format renders the report from the approved run
(:mod:`calculators.reports.mee`) and keeps the file with its SHA-256 (``MeeReport``); every
later request serves that file after re-checking its hash. A run that is not approved is
refused with :class:`calculators.reports.mee.MeeReportRefused`.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext

from calculators.models import AccountingRun, MeeReport, ReportFormat
from calculators.reports.mee import mee_context, mee_pdf
from calculators.reports.mee_xlsx import mee_xlsx

#: Languages the MEE report is offered in (Chinese first).
MEE_LANGUAGES = ("zh-hans", "en")


def mee_report_render(*, run: AccountingRun, language: str, fmt: str) -> bytes:
    """The report's bytes, rendered now; refuses a run that is not approved."""
    context = mee_context(run, language)
    return mee_pdf(context) if fmt == ReportFormat.PDF else mee_xlsx(context)


def mee_report_issue(*, run: AccountingRun, language: str, fmt: str) -> MeeReport:
    """The issued MEE report of ``run`` in ``language`` and ``fmt``, issuing it if needed.

    Raises ``MeeReportRefused`` for a run that is not approved, and ``ValidationError``
    (code ``tampered``) when the kept file no longer has its kept SHA-256.
    """
    if language not in MEE_LANGUAGES or fmt not in ReportFormat.values:
        raise ValidationError(
            gettext("Unknown report language or format: %(language)s, %(fmt)s")
            % {"language": language, "fmt": fmt},
            code="invalid",
        )
    report = MeeReport.objects.filter(run=run, language=language, fmt=fmt).first()
    if report is None:
        body = mee_report_render(run=run, language=language, fmt=fmt)
        report = MeeReport(
            run=run,
            language=language,
            fmt=fmt,
            sha256=hashlib.sha256(body).hexdigest(),
            size=len(body),
        )
        report.full_clean(exclude=["file"])
        try:
            with transaction.atomic():
                report.file.save(
                    f"mee-run-{run.pk}-{language}.{fmt}", ContentFile(body), save=False
                )
                report.save()
        except IntegrityError:  # issued meanwhile by another request: that one stands
            report = MeeReport.objects.get(run=run, language=language, fmt=fmt)
    mee_report_check(report=report)
    return report


def mee_report_check(*, report: MeeReport) -> None:
    """Raise ``ValidationError`` (code ``tampered``) unless the file has the kept SHA-256."""
    digest = hashlib.sha256()
    with report.file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != report.sha256:
        with translation.override(report.language):
            message = gettext(
                "The issued MEE report of run #%(id)s (%(fmt)s) no longer matches its SHA-256; "
                "it was altered after issue."
            ) % {"id": report.run_id, "fmt": report.fmt}
        raise ValidationError(message, code="tampered")
