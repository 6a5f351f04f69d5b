"""django-q2 tasks of the calculators: thin adapters that take ids and call a service."""

from calculators.models import AccountingRun
from calculators.services.runs import run_execute


def run_compute(run_id: int) -> int:
    """Compute accounting run ``run_id`` (6.3.1); returns its status-independent id."""
    run = run_execute(run=AccountingRun.objects.get(pk=run_id))
    return run.pk


def run_reports_issue(run_id: int) -> int:
    """Issue the report files of approved run ``run_id`` (6.3.2); returns how many it keeps."""
    from calculators.services.report_archive import reports_issue

    return len(reports_issue(run=AccountingRun.objects.get(pk=run_id)))
