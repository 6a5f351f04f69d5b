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


def performance_update(run_id: int | None = None) -> dict:
    """After approving run ``run_id`` (or monthly, without one): the performance series, the
    base year, objectives progress and deviation alerts (6.3.2, 6.5, 9.1.2, 9.1.3)."""
    from calculators.performance.services import performance_update as update

    return update(run_id=run_id)


def dataset_notify_submitted(dataset_id: int) -> int:
    """E-mail the data reviewers about submitted dataset ``dataset_id`` (8.5); how many."""
    from calculators.services.notices import dataset_submitted_notify

    return dataset_submitted_notify(dataset_id=dataset_id)


def dataset_notify_reviewed(dataset_id: int) -> int:
    """E-mail the submitter of dataset ``dataset_id`` its approval or rejection (8.5)."""
    from calculators.services.notices import dataset_reviewed_notify

    return dataset_reviewed_notify(dataset_id=dataset_id)


def performance_alerts() -> int:
    """Check the deviation alerts after data was approved (9.1.3); how many were raised."""
    from calculators.performance.services import alerts_check

    return len(alerts_check())
