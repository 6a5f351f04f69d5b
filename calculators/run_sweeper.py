"""Runs left "running" by a worker that died (T/CSES 146—2024 6.3.1 f, 7.5.3; issue 13 §4).

django-q2 stops a task that outlives ``Q_CLUSTER["timeout"]`` and, with ``max_attempts`` 1,
never runs a killed task again; a run whose worker was killed (or timed out) therefore stays
"running" for ever. :func:`runs_sweep`, scheduled every few minutes
(``calculators.schedules``), marks every run still running after that timeout as failed and
deletes whatever results and series it holds, so nothing of an unfinished computation is
counted; the user starts the run again. A computation writes its results in one transaction
at its end (:func:`calculators.services.runs.run_execute`), so a killed run has no new
results: what it may hold are those of an earlier computation, no longer valid.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from calculators.models import AccountingRun, RunResult, RunStatus, SeriesPoint

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
    """Mark runs running for longer than :func:`stale_after` as failed; their ids.

    Each run is changed by a conditional update (still running, same start), so a run the
    queue started again meanwhile is left alone; its results and series are deleted in the
    same transaction.
    """
    now = now or timezone.now()
    cutoff = now - stale_after()
    minutes = int(settings.Q_CLUSTER.get("timeout") or 0) // 60
    problem = {"message": ABANDONED, "params": {"minutes": minutes}}
    swept = []
    stale = AccountingRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=cutoff)
    for pk, started_at in stale.values_list("pk", "started_at"):
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


def runs_sweep_task() -> int:
    """The scheduled task (django-q2): sweep; how many runs were marked failed."""
    return len(runs_sweep())
