"""A worker killed during a run in parts (issue 13 §4; T/CSES 146—2024 6.3.1 f): the run is
queued again or ends failed, never stays "running", and nothing of it counts before it is
done (calculators.run_sweeper, calculators.services.chunks)."""

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone, translation

import pandas as pd
import pytest
from django_q.conf import Conf

from calculators import selectors
from calculators.demo_data import year_csv
from calculators.models import (
    AccountingRun,
    ChunkStatus,
    GwpSet,
    RunChunk,
    RunResult,
    RunStatus,
    SeriesPoint,
)
from calculators.run_sweeper import ABANDONED, runs_sweep, stale_after
from calculators.services import chunks
from calculators.services.datasets import dataset_review, dataset_submit
from calculators.services.runs import run_create, run_execute
from cems_registers.demo import accounting_registers
from cems_registers.roles import Role

from ..users import role_user
from .factories import DEC_2025, JAN_2025, builtin_sets

ROOT = Path(__file__).resolve().parents[2]
SIZE = 60


class Killed(BaseException):
    """Stands for SIGKILL: no ``except Exception`` in the task catches it."""


def _new_run() -> AccountingRun:
    return run_create(
        user=role_user("submitter", Role.DATA_SUBMITTERS),
        period_start=JAN_2025,
        period_end=DEC_2025,
        factor_sets=builtin_sets(),
        gwp_set=GwpSet.objects.get(key="AR5"),
        enqueue=False,
    )


def _kill(monkeypatch, number: int) -> None:
    """The worker computing part ``number`` dies before it stores anything."""
    real = chunks.chunk_values

    def values(chunk):
        if chunk.number == number:
            raise Killed
        return real(chunk)

    monkeypatch.setattr(chunks, "chunk_values", values)


def _compute(chunk: RunChunk) -> None:
    with contextlib.suppress(Killed):
        chunks.chunk_compute(chunk_id=chunk.pk, attempt=chunk.attempts, enqueue=False)


def _drive(run: AccountingRun) -> AccountingRun:
    for chunk in RunChunk.objects.filter(run=run, status=ChunkStatus.QUEUED).order_by("number"):
        _compute(chunk)
    return chunks.run_finish(run_id=run.pk)


def _results(run: AccountingRun) -> pd.DataFrame:
    frame = selectors.run_results_frame(run).drop(columns=["id", "run_id"])
    return frame.sort_values(["record_id", "gas_group"]).reset_index(drop=True)


def _later() -> dt.datetime:
    return timezone.now() + stale_after() + dt.timedelta(seconds=1)


def _assert_nothing_counted(run: AccountingRun, client) -> None:
    run.refresh_from_db()
    assert run.status != RunStatus.DONE and run.total_tco2e is None
    assert not SeriesPoint.objects.filter(run=run).exists()
    assert not AccountingRun.objects.filter(
        pk=run.pk, status__in=(RunStatus.DONE, RunStatus.APPROVED)
    ).exists()
    client.force_login(role_user("auditor", Role.AUDITORS))
    page = client.get(reverse("calculators_run:results", args=[run.pk]))
    assert page.status_code == 302  # back to the run page: no results yet / failed
    report = client.get(reverse("calculators_run:report", args=[run.pk, "xlsx"]))
    assert report.status_code == 302  # no report of an unfinished run either


@pytest.mark.django_db
def test_a_part_killed_between_parts_is_queued_again_and_the_run_ends_done(
    approved_year, monkeypatch, client
):
    single = run_execute(run=_new_run())
    run = _new_run()
    parts = chunks.run_start(run=run, size=SIZE, enqueue=False)
    assert len(parts) >= 3
    _compute(parts[0])
    _kill(monkeypatch, 2)
    _compute(parts[1])  # the worker dies inside part 2; the later parts' tasks are lost
    states = dict(RunChunk.objects.filter(run=run).values_list("number", "status"))
    assert states[1] == ChunkStatus.DONE and states[2] == ChunkStatus.RUNNING
    assert (
        RunResult.objects.filter(run=run).count()
        == RunChunk.objects.get(pk=parts[0].pk).result_rows
    )
    _assert_nothing_counted(run, client)

    assert runs_sweep() == []  # within the timeout: maybe still working
    assert RunChunk.objects.get(pk=parts[1].pk).attempts == 1
    assert runs_sweep(now=_later()) == []  # not failed: its unfinished parts queued again
    again = RunChunk.objects.filter(run=run).exclude(number=1)
    assert set(again.values_list("status", "attempts")) == {(ChunkStatus.QUEUED, 2)}
    assert RunChunk.objects.get(pk=parts[0].pk).attempts == 1  # the done part is kept
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING

    monkeypatch.undo()
    # the killed attempt's message, were it delivered again, is no longer this part's
    assert chunks.chunk_compute(chunk_id=parts[1].pk, attempt=1, enqueue=False) is None
    run = _drive(run)
    assert run.status == RunStatus.DONE, run.message
    assert run.input_hash == single.input_hash
    assert run.total_tco2e == single.total_tco2e
    pd.testing.assert_frame_equal(_results(single), _results(run), check_exact=True)


@pytest.mark.django_db
def test_a_part_dying_on_every_attempt_fails_the_run_then_a_retry_finishes_it(
    approved_year, monkeypatch, client, settings
):
    settings.CEMS_RUN_CHUNK_ATTEMPTS = 2
    single = run_execute(run=_new_run())
    run = _new_run()
    parts = chunks.run_start(run=run, size=SIZE, enqueue=False)
    _kill(monkeypatch, 2)
    _drive(run)  # every part but 2 is done
    assert runs_sweep(now=_later()) == []  # attempt 2 queued
    _drive(run)  # … and killed again
    assert RunChunk.objects.get(pk=parts[1].pk).status == ChunkStatus.RUNNING
    later = _later()
    assert runs_sweep(now=later) == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.finished_at == later
    assert run.problems[0]["message"] == ABANDONED
    assert run.problems[1]["message"] == chunks.CHUNK_UNFINISHED
    assert run.problems[1]["params"]["number"] == 2
    assert len(run.problems) == 2  # only the part that did not finish is named
    with translation.override("en"):
        assert f"Part 2 of {len(parts)}" in run.display_message
        assert "did not finish" in run.display_message
    with translation.override("zh-hans"):
        assert "未完成" in run.display_message
    assert RunChunk.objects.get(pk=parts[1].pk).status == ChunkStatus.FAILED
    assert RunResult.objects.filter(run=run).exists()  # the done parts, for the retry
    _assert_nothing_counted(run, client)
    assert runs_sweep(now=later + stale_after()) == []  # failed runs are left alone

    monkeypatch.undo()
    assert chunks.run_retry(run=run, enqueue=False) == [2]
    run = _drive(run)
    assert run.status == RunStatus.DONE, run.message
    assert run.input_hash == single.input_hash and run.total_tco2e == single.total_tco2e
    pd.testing.assert_frame_equal(_results(single), _results(run), check_exact=True)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    return (
        f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


def _qcluster(env: dict, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole, like a machine
        )


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else ""


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _wait(condition, seconds: float, step: float = 0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()


@pytest.fixture(scope="module")
def _reload_migrated_data(django_db_blocker):
    """The transactional test ends with a flush; the migrated data (role groups, factor
    library, root page) is put back for whatever runs next on this database, a later
    ``--reuse-db`` run included (as tests/calculators/test_concurrent_approvals.py does)."""
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents:
                connections[alias].creation.deserialize_db_from_string(contents)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_q_cluster_killed_mid_run_is_swept_and_the_run_ends(
    monkeypatch, tmp_path, settings, _reload_migrated_data
):
    """``manage.py qcluster`` on the ORM broker, killed with SIGKILL after the first parts."""
    accounting_registers()
    dataset = dataset_submit(
        file_bytes=year_csv(2025),
        filename="demo-2025.csv",
        user=role_user("submitter", Role.DATA_SUBMITTERS),
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset
    dataset_review(
        dataset=dataset, user=role_user("datareviewer", Role.DATA_REVIEWERS), approve=True
    )
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "cems_site.settings.dev",
        "CEMS_Q_SYNC": "0",
        "REDIS_URL": "",  # the ORM broker, in the test database
        "Q_WORKERS": "1",
        "CEMS_RUN_CHUNK_ROWS": "15",
        "LOG_LEVEL": "INFO",
        "SECRET_KEY": settings.SECRET_KEY,  # tasks are signed with it
    }
    log = tmp_path / "qcluster.log"
    monkeypatch.setattr(Conf, "SYNC", False)  # this process queues through the broker too
    _journal("WAL")  # as the cluster opens it (base settings): a killed writer is rolled back
    try:
        _crash_and_recover(env, log, dataset)
    finally:
        _journal("MEMORY")  # the test settings' mode, for the tests after this one


def _journal(mode: str) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA journal_mode={mode}")


def _crash_and_recover(env: dict, log: Path, dataset) -> None:
    run = _new_run()
    cluster = _qcluster(env, log)
    try:
        from django_q.tasks import async_task

        async_task("calculators.tasks.run_compute", run.pk)
        chunks_of = RunChunk.objects.filter(run=run)
        done = _wait(lambda: chunks_of.filter(status=ChunkStatus.DONE).count() >= 2, 240)
        assert done, f"the cluster computed no part within 4 minutes:\n{_tail(log)}"
    finally:
        _kill_group(cluster)
    run.refresh_from_db()
    total = chunks_of.count()
    assert total > 3
    finished = chunks_of.filter(status=ChunkStatus.DONE).count()
    assert run.status == RunStatus.RUNNING and finished < total, "killed after the run ended"
    assert run.total_tco2e is None and not SeriesPoint.objects.filter(run=run).exists()

    later = _later()
    assert runs_sweep(now=later) == []  # queued again (attempt 2), not failed
    assert set(chunks_of.exclude(status=ChunkStatus.DONE).values_list("status", flat=True)) == {
        ChunkStatus.QUEUED
    }
    cluster = _qcluster(env, log)  # a worker started again takes the queued parts
    try:
        ended = _wait(
            lambda: AccountingRun.objects.filter(
                pk=run.pk, status__in=(RunStatus.DONE, RunStatus.FAILED)
            ).exists(),
            240,
            0.2,
        )
    finally:
        _kill_group(cluster)
    run.refresh_from_db()
    assert ended and run.status == RunStatus.DONE, f"{run.message}\n{_tail(log)}"
    assert run.input_rows == dataset.row_count
    Conf.SYNC = True  # put back by the test's monkeypatch too
    single = run_execute(run=_new_run())
    assert run.input_hash == single.input_hash and run.total_tco2e == single.total_tco2e
