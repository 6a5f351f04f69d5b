"""Runs left "running" by a worker that died (T/CSES 146—2024 6.3.1 f, 7.5.3; issue 13 §4).

django-q2 stops a task that outlives ``Q_CLUSTER["timeout"]`` and, with ``max_attempts`` 1,
never runs a killed task again; a run whose worker was killed (or timed out) therefore stays
"running" for ever. :func:`runs_sweep`, scheduled every few minutes
(``calculators.schedules``), finds every run on which nothing happened for longer than that
timeout (plus a margin):

* a run computed in one task (its start is the last thing that happened) is marked failed
  and whatever results and series it holds are deleted, so nothing of an unfinished
  computation is counted; the user starts the run again. Such a computation writes its
  results in one transaction at its end (:func:`calculators.services.runs.run_execute`), so a
  killed run has no new results: what it may hold are those of an earlier computation.
* a run split into parts (:mod:`calculators.services.chunks`; its last activity is the
  latest part queued, started or finished): its parts not done are queued again while they
  have been queued fewer than ``settings.CEMS_RUN_CHUNK_ATTEMPTS`` times; after that the run
  is marked failed, naming the parts, and keeps the results of its done parts so that
  :func:`calculators.services.chunks.run_retry` recomputes only the others. A running or
  failed run's results are never shown or counted (only done and approved runs are read).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_noop

from calculators.models import (
    AccountingRun,
    ChunkStatus,
    RunChunk,
    RunResult,
    RunStatus,
    SeriesPoint,
)
from calculators.services.chunks import CHUNK_UNFINISHED, chunk_header, chunks_requeue

#: Seconds after the task timeout before a run counts as abandoned (the worker's own
#: bookkeeping, clocks of several hosts).
MARGIN_SECONDS = 120

#: Why a swept run failed (translated when shown: ``run.display_message``).
ABANDONED = gettext_noop(
    "The computation stopped without finishing (the background worker was stopped or ran out "
    "of time after %(minutes)s minutes); nothing of it is counted. Start the run again."
)


def stale_after() -> dt.timedelta:
    """How long a run may be running before it is swept: the q cluster's timeout plus margin."""
    return dt.timedelta(seconds=int(settings.Q_CLUSTER.get("timeout") or 0) + MARGIN_SECONDS)


def runs_sweep(*, now: dt.datetime | None = None) -> list[int]:
    """Mark runs idle for longer than :func:`stale_after` as failed, or queue their unfinished
    parts again; the ids of the runs marked failed.

    Each run is changed by a conditional update (still running, same start), so a run the
    queue started again meanwhile is left alone; a run in one task has its results and series
    deleted in the same transaction.
    """
    now = now or timezone.now()
    cutoff = now - stale_after()
    minutes = int(settings.Q_CLUSTER.get("timeout") or 0) // 60
    problem = {"message": ABANDONED, "params": {"minutes": minutes}}
    swept = []
    stale = AccountingRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=cutoff)
    for pk, started_at in stale.values_list("pk", "started_at"):
        if RunChunk.objects.filter(run_id=pk).exists():
            if _parts_sweep(pk, started_at, now=now, cutoff=cutoff, problem=problem):
                swept.append(pk)
            continue
        with transaction.atomic():
            changed = AccountingRun.objects.filter(
                pk=pk, status=RunStatus.RUNNING, started_at=started_at
            ).update(
                status=RunStatus.FAILED,
                message=ABANDONED % {"minutes": minutes},
                problems=[problem],
                finished_at=now,
            )
            if changed:
                RunResult.objects.filter(run_id=pk).delete()
                SeriesPoint.objects.filter(run_id=pk).delete()
                swept.append(pk)
    return swept


def _parts_sweep(pk: int, started_at, *, now, cutoff, problem: dict) -> bool:
    """A run split into parts: requeue its idle unfinished parts, or fail it; True if failed."""
    chunks = RunChunk.objects.filter(run_id=pk)
    last = chunks.aggregate(
        queued=Max("queued_at"), started=Max("started_at"), finished=Max("finished_at")
    )
    if any(moment and moment >= cutoff for moment in last.values()):
        return False  # a part moved recently: the run is being worked on
    attempts = int(getattr(settings, "CEMS_RUN_CHUNK_ATTEMPTS", 2))
    with transaction.atomic():
        unfinished = list(
            chunks.select_for_update().exclude(status=ChunkStatus.DONE).defer("payload")
        )
        run = AccountingRun.objects.filter(pk=pk, status=RunStatus.RUNNING, started_at=started_at)
        if not run.exists():
            return False
        if all(chunk.attempts < attempts for chunk in unfinished):
            # all parts done but the final task lost: queue it again (chunks_requeue does)
            chunks_requeue(run=run.get(), chunks=unfinished)
            return False
        count = chunks.count()
        headers = [chunk_header(chunk, count, CHUNK_UNFINISHED) for chunk in unfinished]
        RunChunk.objects.filter(pk__in=[c.pk for c in unfinished]).update(
            status=ChunkStatus.FAILED, finished_at=now, problems=[problem]
        )
        return bool(
            run.update(
                status=RunStatus.FAILED,
                message=problem["message"] % problem["params"],
                problems=[problem, *headers],
                finished_at=now,
            )
        )


def runs_sweep_task() -> int:
    """The scheduled task (django-q2): sweep; how many runs were marked failed."""
    return len(runs_sweep())
