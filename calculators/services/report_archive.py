"""Issuing the accounting report of an approved run (6.3.2, 7.5 documented information, 9.1).

When a run is approved, :func:`reports_issue` renders its report once in every language and
format and keeps the files with their SHA-256 (``RunReport``, private storage). Downloads of an
approved run serve these files, so an issued report never changes afterwards, whatever later
happens to the code, templates or translations; drafts are rendered on request.
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from django_q.tasks import async_task

from calculators.models import AccountingRun, ReportFormat, RunReport, RunStatus
from calculators.reports import report_context, report_pdf, report_xlsx

#: Languages every issued report is kept in.
REPORT_LANGUAGES = ("zh-hans", "en")


def reports_issue(*, run: AccountingRun) -> list[RunReport]:
    """Render and keep the report of an approved run in each language and format; idempotent.

    A run that is not approved gets none. Returns the run's issued reports.
    """
    run = AccountingRun.objects.get(pk=run.pk)
    if run.status != RunStatus.APPROVED:
        return []
    have = set(RunReport.objects.filter(run=run).values_list("language", "fmt"))
    for language in REPORT_LANGUAGES:
        missing = [f for f in ReportFormat.values if (language, f) not in have]
        if not missing:
            continue
        context = report_context(run, language)
        for fmt in missing:
            body = report_pdf(context) if fmt == ReportFormat.PDF else report_xlsx(context)
            report = RunReport(
                run=run,
                language=language,
                fmt=fmt,
                sha256=hashlib.sha256(body).hexdigest(),
                size=len(body),
            )
            name = f"run-{run.pk}-{language}.{fmt}"
            with transaction.atomic():
                report.file.save(name, ContentFile(body), save=False)
                report.save()
    return list(RunReport.objects.filter(run=run))


def reports_issue_later(run: AccountingRun) -> None:
    """Queue :func:`reports_issue` after the current transaction commits (a django-q2 task).

    ``settings.CEMS_ISSUE_REPORTS`` off (the test settings) skips it; tests that check issuing
    call :func:`reports_issue` themselves or turn it on.
    """
    if not getattr(settings, "CEMS_ISSUE_REPORTS", True):
        return

    def enqueue():

        async_task("calculators.tasks.run_reports_issue", run.pk, task_name=f"reports {run.pk}")

    transaction.on_commit(enqueue)
