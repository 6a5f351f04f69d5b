"""A worker killed mid-run (issue 13 §4; 6.3.1 f): the run ends as failed, never stuck in
"running", and nothing of the unfinished computation is counted (calculators.run_sweeper)."""

import datetime as dt

from django.utils import timezone, translation

import pytest
from django_q.models import Schedule

from calculators import run_sweeper
from calculators.models import AccountingRun, RunResult, RunStatus, SeriesPoint
from calculators.run_sweeper import runs_sweep, runs_sweep_task, stale_after
from calculators.schedules import SWEEP_MINUTES, ensure_schedules
from calculators.services import runs as run_services

pytestmark = pytest.mark.django_db


class Killed(BaseException):
    """Stands for SIGKILL: no ``except Exception`` in the run catches it."""


def _kill_between_chunks(monkeypatch) -> list[float]:
    """Make the next computation die right after its first chunk reports progress."""
    real = run_services.run_results
    seen = []

    def killed(run, inputs, *, progress=None):
        def after_chunk(fraction):
            progress(fraction)
            seen.append(fraction)
            raise Killed

        return real(run, inputs, progress=after_chunk)

    monkeypatch.setattr(run_services, "run_results", killed)
    return seen


def test_a_run_killed_between_chunks_is_swept_to_failed_and_counts_nothing(done_run, monkeypatch):
    assert RunResult.objects.filter(run=done_run).exists()  # an earlier computation's
    seen = _kill_between_chunks(monkeypatch)
    with pytest.raises(Killed):
        run_services.run_execute(run=done_run)
    assert seen
    run = AccountingRun.objects.get(pk=done_run.pk)
    assert run.status == RunStatus.RUNNING and 10 < run.progress < 80
    now = timezone.now()
    assert runs_sweep(now=now) == []  # within the q cluster's timeout: maybe still working
    later = run.started_at + stale_after() + dt.timedelta(seconds=1)
    assert runs_sweep(now=later) == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.finished_at == later
    assert not RunResult.objects.filter(run=run).exists()
    assert not SeriesPoint.objects.filter(run=run).exists()
    with translation.override("en"):
        assert "stopped without finishing" in run.display_message
        assert "after 30 minutes" in run.display_message
    with translation.override("zh-hans"):
        assert "计算未完成即停止" in run.display_message
    assert runs_sweep(now=later) == []  # idempotent


def test_the_sweep_leaves_finished_and_recently_started_runs_alone(done_run):
    now = timezone.now()
    fresh = AccountingRun.objects.filter(pk=done_run.pk)
    assert runs_sweep(now=now + stale_after() * 2) == []  # done: not touched
    assert fresh.get().status == RunStatus.DONE
    fresh.update(status=RunStatus.RUNNING, started_at=now - stale_after() + dt.timedelta(minutes=1))
    assert runs_sweep(now=now) == []
    assert fresh.get().status == RunStatus.RUNNING
    assert RunResult.objects.filter(run=done_run).exists()
    fresh.update(started_at=now - stale_after() - dt.timedelta(minutes=1))
    assert runs_sweep_task() == 1
    assert fresh.get().status == RunStatus.FAILED


def test_the_sweep_is_scheduled_every_few_minutes():
    Schedule.objects.filter(name="calculators.runs_sweep").delete()
    assert "calculators.runs_sweep" in ensure_schedules()
    schedule = Schedule.objects.get(name="calculators.runs_sweep")
    assert schedule.func == "calculators.run_sweeper.runs_sweep_task"
    assert callable(run_sweeper.runs_sweep_task)
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == ("I", SWEEP_MINUTES, -1)
    assert schedule.next_run <= timezone.now() + dt.timedelta(seconds=1)
    ensure_schedules()
    assert Schedule.objects.filter(name="calculators.runs_sweep").count() == 1
