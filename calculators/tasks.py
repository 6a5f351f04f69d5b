"""django-q2 tasks of the calculators: thin adapters that take ids and call a service.

Imported by the q cluster's workers only, so the service modules are imported at the top
(none of them imports this module), except the report files' PDF/XLSX machinery."""

from calculators.models import AccountingRun
from calculators.performance.services import alerts_check, indicator_update
from calculators.performance.services import base_year_change_check as check
from calculators.performance.services import performance_update as update
from calculators.services import chunks
from calculators.services.notices import dataset_reviewed_notify, dataset_submitted_notify
from cems_registers.models import Change, Indicator


def run_compute(run_id: int) -> int:
    """Compute accounting run ``run_id`` (6.3.1): in this task, or split into parts queued as
    tasks of their own when it is large (:func:`calculators.services.chunks.run_start`);
    returns its id."""
    chunks.run_start(run=AccountingRun.objects.get(pk=run_id))
    return run_id


def run_chunk_compute(chunk_id: int, attempt: int) -> int | None:
    """Compute and store one part of a run (6.3.1 f); the last part queues :func:`run_finish`.
    Returns the part's id, None when this attempt was superseded."""
    chunk = chunks.chunk_compute(chunk_id=chunk_id, attempt=attempt)
    return None if chunk is None else chunk.pk


def run_finish(run_id: int) -> str:
    """Assemble a run's parts: input hash, totals, series, status (6.3.1 f, 6.3.2)."""
    return chunks.run_finish(run_id=run_id).status


def run_reports_issue(run_id: int) -> int:
    """Issue the report files of approved run ``run_id`` (6.3.2); returns how many it keeps."""
    from calculators.services.report_archive import reports_issue  # noqa: PLC0415 — PDF/XLSX: heavy

    return len(reports_issue(run=AccountingRun.objects.get(pk=run_id)))


def performance_update(run_id: int | None = None) -> dict:
    """After approving run ``run_id`` (or monthly, without one): the performance series, the
    base year, objectives progress and deviation alerts (6.3.2, 6.5, 9.1.2, 9.1.3)."""
    return update(run_id=run_id)


def dataset_notify_submitted(dataset_id: int) -> int:
    """E-mail the data reviewers about submitted dataset ``dataset_id`` (8.5); how many."""
    return dataset_submitted_notify(dataset_id=dataset_id)


def dataset_notify_reviewed(dataset_id: int) -> int:
    """E-mail the submitter of dataset ``dataset_id`` its approval or rejection (8.5)."""
    return dataset_reviewed_notify(dataset_id=dataset_id)


def performance_alerts() -> int:
    """Check the deviation alerts after data was approved (9.1.3); how many were raised."""
    return len(alerts_check())


def base_year_change_check(change_id: int) -> bool | None:
    """After a change of the change register was approved or implemented (8.4): does it move
    the base-year total beyond the significance threshold (4.3, 6.5)? True when it flagged
    the base year, False when within, None when not checked (kind, status, done before)."""
    change = Change.objects.filter(pk=change_id).first()
    if change is None:
        return None
    result = check(change=change)
    return None if result is None else result.flagged


def indicator_progress_update(indicator_id: int) -> int:
    """Recompute one indicator's tracking and progress (6.5, 9.1.2), e.g. after its owner
    entered an observed value; returns how many years of progress it has."""
    indicator = Indicator.objects.select_related("objective").filter(pk=indicator_id).first()
    if indicator is None:
        return 0
    indicator_update(indicator=indicator)
    return indicator.progress.count()
