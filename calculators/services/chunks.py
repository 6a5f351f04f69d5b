"""Accounting runs spread over workers (T/CSES 146—2024 6.3.1 f, 6.3.2; issue 13 §2).

A run over more approved rows than ``settings.CEMS_RUN_CHUNK_ROWS`` is split into parts
(:class:`~calculators.models.RunChunk`): whole facilities over the run's period, or one
facility over a range of months when it alone is larger. Each part is its own django-q2 task
(:func:`chunk_compute`): it reads its rows, computes them with the same adapter as a single
run (:mod:`calculators.run_adapter`), stores its ``RunResult`` rows and keeps what only the
whole run can use — its rows' hashes, per-row CO2e and production, its series rows, a digest
of the factors and GWP values it computed with. The part that finishes last (counted under
the run's row lock) queues the final task (:func:`run_finish`), which checks that every part
used the same factors, takes the input hash over all rows, the totals and the intensity in
the row order of a single run, stores the series, freezes the factor sets and sets the status.
So the input hash, the results, the totals and the series are those of a single-task run.

A failed part fails the run with its problems, headed by the part (facilities, months);
:func:`run_retry` recomputes only the parts that are not done (and those whose factors
changed since). Results of a run count only once it is done: the results pages, reports and
series read done or approved runs only (``calculators.results_views.RESULT_STATUSES``).
A run of one part keeps the single-task path (:func:`calculators.services.runs.run_execute`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

import numpy as np
import pandas as pd
from django_q.tasks import async_task

from calculators import selectors
from calculators.core import engine
from calculators.core.issues import EngineError
from calculators.core.performance import KEY_COLUMNS, VALUE_COLUMNS
from calculators.models import (
    AccountingRun,
    ChunkStatus,
    RunChunk,
    RunResult,
    RunStatus,
    SeriesPoint,
)
from calculators.run_adapter import (
    Inputs,
    activity_row_hashes,
    factors_gwp_bytes,
    inputs_hash_of,
    results_frame,
    run_inputs,
    run_results,
)
from calculators.services.bulk import frame_insert
from calculators.services.runs import (
    NOT_FINITE,
    RunProblem,
    _problems,
    run_execute,
    run_mark_done,
)
from cems_registers.models import Facility

#: Heads a failed part's problems in the run (translated when shown: ``run.display_message``).
CHUNK_FAILED = gettext_noop(
    "Part %(number)s of %(count)s (facilities %(facilities)s, %(start)s – %(end)s) failed:"
)
#: Names a part the run sweeper found unfinished (``calculators.run_sweeper``).
CHUNK_UNFINISHED = gettext_noop(
    "Part %(number)s of %(count)s (facilities %(facilities)s, %(start)s – %(end)s) did not finish."
)
#: Why the final task refuses to assemble the parts.
FACTORS_CHANGED = gettext_noop(
    "The factor sets or GWP values changed while the run was computed (part %(number)s used "
    "other values); start the run again."
)

#: Production methods whose quantities make the intensity (9.1.2), coded in a part's payload.
PRODUCTION_KINDS = ("production_output", "production_value")


def chunk_rows() -> int:
    """Approved rows per part (``settings.CEMS_RUN_CHUNK_ROWS``); 0 or less: one task."""
    return int(getattr(settings, "CEMS_RUN_CHUNK_ROWS", 100_000))


@dataclass
class Part:
    """A planned part: facilities over an inclusive month range, and its approved rows."""

    facility_ids: list[int]
    month_start: dt.date
    month_end: dt.date
    rows: int = 0
    months: list[dt.date] = field(default_factory=list, repr=False)


def chunk_plan(
    counts: dict[int, dict[dt.date, int]], *, period: tuple[dt.date, dt.date], size: int
) -> list[Part]:
    """Split ``counts`` (facility id → month → approved rows) into parts of about ``size``
    rows: facilities that fit are packed whole (the whole period) in id order; a facility
    larger than ``size`` is cut into consecutive month ranges (a month is never cut, so a
    part may exceed ``size`` by up to one facility-month). No query."""
    parts: list[Part] = []
    packed = Part([], *period)
    for facility_id in sorted(counts):
        months = counts[facility_id]
        rows = sum(months.values())
        if rows <= size:
            if packed.facility_ids and packed.rows + rows > size:
                parts.append(packed)
                packed = Part([], *period)
            packed.facility_ids.append(facility_id)
            packed.rows += rows
            continue
        current = None
        for month in sorted(months):
            n = months[month]
            if current is not None and current.rows + n > size:
                parts.append(current)
                current = None
            if current is None:
                current = Part([facility_id], month, month)
            current.month_end, current.rows = month, current.rows + n
        parts.append(current)
    if packed.facility_ids:
        parts.append(packed)
    # the cut ranges cover the months that have rows; widen them to cover the whole period
    by_facility: dict[int, list[Part]] = {}
    for part in parts:
        if len(part.facility_ids) == 1 and part.rows > 0:
            by_facility.setdefault(part.facility_ids[0], []).append(part)
    for ranges in by_facility.values():
        if len(ranges) > 1 or ranges[0].month_start != period[0]:
            ranges[0].month_start = period[0]
            for before, after in zip(ranges, ranges[1:], strict=False):
                after.month_start = _next_month(before.month_end)
            ranges[-1].month_end = period[1]
    return parts


def _next_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _row_counts(run: AccountingRun) -> tuple[dict[int, dict[dt.date, int]], list[int]]:
    """Approved rows of the run per facility and month, and the datasets they are in; one
    grouped query."""
    records = selectors.approved_records(
        period_start=run.period_start,
        period_end=run.period_end,
        facility_ids=selectors.run_facility_ids(run),
    )
    counts: dict[int, dict[dt.date, int]] = {}
    datasets = set()
    for facility_id, period, dataset_id, n in (
        records.order_by()
        .values_list("facility_id", "period", "dataset_id")
        .annotate(n=Count("id"))
        .values_list("facility_id", "period", "dataset_id", "n")
    ):
        month = counts.setdefault(facility_id, {})
        month[period] = month.get(period, 0) + n
        datasets.add(dataset_id)
    return counts, sorted(datasets)


def run_start(*, run: AccountingRun, size: int | None = None, enqueue: bool = True) -> list:
    """Start computing ``run`` (6.3.1 f): split into parts queued as tasks, or, for one part,
    compute it in this task (:func:`calculators.services.runs.run_execute`). Returns the parts.

    The datasets are fixed when the run is split: every part reads exactly those
    (``run.dataset_ids``), so data approved meanwhile does not enter half of the parts.
    """
    size = chunk_rows() if size is None else size
    run = AccountingRun.objects.get(pk=run.pk)
    if run.status == RunStatus.APPROVED:
        raise ValidationError(_("An approved run cannot be recomputed in place."), code="approved")
    if size <= 0:
        run_execute(run=run)
        return []
    counts, dataset_ids = _row_counts(run)
    parts = chunk_plan(counts, period=(run.period_start, run.period_end), size=size)
    if len(parts) <= 1:
        run_execute(run=run)
        return []
    now = timezone.now()
    with transaction.atomic():
        # not approved, and not running already (the same task delivered twice)
        started = AccountingRun.objects.filter(pk=run.pk).exclude(
            status__in=(RunStatus.APPROVED, RunStatus.RUNNING)
        )
        if not started.update(
            status=RunStatus.RUNNING,
            progress=1,
            started_at=now,
            finished_at=None,
            message="",
            problems=[],
            dataset_ids=dataset_ids,
        ):
            return []
        # an earlier computation of this run no longer counts
        RunResult.objects.filter(run_id=run.pk).delete()
        SeriesPoint.objects.filter(run_id=run.pk).delete()
        RunChunk.objects.filter(run_id=run.pk).delete()
        RunChunk.objects.bulk_create(
            RunChunk(
                run_id=run.pk,
                number=number,
                facility_ids=part.facility_ids,
                month_start=part.month_start,
                month_end=part.month_end,
                planned_rows=part.rows,
                queued_at=now,
            )
            for number, part in enumerate(parts, start=1)
        )
        chunks = list(RunChunk.objects.filter(run_id=run.pk).defer("payload").order_by("number"))
        if enqueue:
            # after the commit: a worker must find the parts it is handed
            transaction.on_commit(lambda: _enqueue(chunks))
    return chunks


def _enqueue(chunks: list[RunChunk]) -> None:
    for chunk in chunks:
        async_task(
            "calculators.tasks.run_chunk_compute",
            chunk.pk,
            chunk.attempts,
            task_name=f"accounting run {chunk.run_id} part {chunk.number}",
        )


def _enqueue_finish(run_id: int) -> None:
    async_task("calculators.tasks.run_finish", run_id, task_name=f"accounting run {run_id} end")


def chunk_results(chunk: RunChunk):
    """The ``RunResult`` rows a part writes: its run's, facilities and months."""
    return RunResult.objects.filter(
        run_id=chunk.run_id,
        facility_id__in=chunk.facility_ids,
        period__gte=chunk.month_start,
        period__lte=chunk.month_end,
    )


@dataclass
class ChunkValues:
    """What a computed part stores: its results and what the final task assembles."""

    results: pd.DataFrame
    input_rows: int
    dataset_ids: list[int]
    hash_columns: str
    factors_digest: str
    payload: bytes


def chunk_values(chunk: RunChunk) -> ChunkValues:
    """Compute one part (6.3.1 f); writes nothing. Queries: those of ``run_inputs``."""
    run = chunk.run
    inputs = run_inputs(
        run,
        dataset_ids=run.dataset_ids,
        facility_ids=chunk.facility_ids,
        months=(chunk.month_start, chunk.month_end),
    )
    activity = inputs.activity
    columns, hashes = activity_row_hashes(activity)
    arrays = {"hashes": hashes, "ids": activity["id"].to_numpy(dtype=np.int64)}
    if len(activity):
        rows, summary = run_results(run, inputs)
        results = results_frame(run, rows)
        wide = summary["wide"]
        series = summary["series"]
    else:
        results = pd.DataFrame()
        wide = pd.DataFrame({"co2e": [], "co2_biogenic": [], "method": [], "quantity": []})
        series = pd.DataFrame(columns=[*KEY_COLUMNS, *VALUE_COLUMNS])
    arrays["co2e"] = wide["co2e"].to_numpy(dtype=float)
    arrays["biogenic"] = wide["co2_biogenic"].to_numpy(dtype=float)
    method = wide["method"].astype(object).to_numpy()
    kind = np.zeros(len(method), dtype=np.int8)
    for code, name in enumerate(PRODUCTION_KINDS, start=1):
        kind[method == name] = code
    produced = np.flatnonzero(kind)
    arrays["prod_pos"] = produced
    arrays["prod_kind"] = kind[produced]
    arrays["prod_quantity"] = wide["quantity"].to_numpy(dtype=float)[produced]
    for name in (*KEY_COLUMNS, *VALUE_COLUMNS):
        values = series[name].to_numpy()
        if values.dtype == object:
            values = (
                values.astype(str)
                if name in ("period", "category", "carrier")
                else (values.astype(float))
            )
        arrays[f"s_{name}"] = values
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return ChunkValues(
        results=results,
        input_rows=len(activity),
        dataset_ids=sorted(int(i) for i in activity["dataset_id"].unique()),
        hash_columns="|".join(columns),
        factors_digest=hashlib.sha256(factors_gwp_bytes(inputs)).hexdigest(),
        payload=buffer.getvalue(),
    )


def chunk_compute(*, chunk_id: int, attempt: int, enqueue: bool = True) -> RunChunk | None:
    """The task of one part: claim it, compute, store; None when it was no longer this
    attempt's to do (a retry queued it again, or its run failed or ended)."""
    claimed = RunChunk.objects.filter(
        pk=chunk_id,
        attempts=attempt,
        status=ChunkStatus.QUEUED,
        # the other parts of a run failed by one go on: a retry then recomputes only that one
        run__status__in=(RunStatus.RUNNING, RunStatus.FAILED),
    ).update(status=ChunkStatus.RUNNING, started_at=timezone.now())
    if not claimed:
        return None
    chunk = RunChunk.objects.select_related("run__gwp_set").defer("payload").get(pk=chunk_id)
    try:
        values = chunk_values(chunk)
        last = _chunk_store(chunk, attempt, values)
    except Exception as exc:
        _chunk_fail(chunk, attempt, exc)
        if not isinstance(exc, (ValidationError, EngineError, RunProblem)):
            raise
        return chunk
    if last and enqueue:
        transaction.on_commit(lambda: _enqueue_finish(chunk.run_id))
    return chunk


def _chunk_store(chunk: RunChunk, attempt: int, values: ChunkValues) -> bool:
    """Store a computed part in one transaction; True when it was the run's last part."""
    with transaction.atomic():
        mine = RunChunk.objects.select_for_update().filter(
            pk=chunk.pk, attempts=attempt, status=ChunkStatus.RUNNING
        )
        if not mine.exists():
            return False
        # no earlier rows to delete: an attempt stores only while the part is running with its
        # number, and a done part queued again has its rows deleted then (chunks_requeue)
        frame_insert(RunResult, values.results)
        mine.update(
            status=ChunkStatus.DONE,
            finished_at=timezone.now(),
            input_rows=values.input_rows,
            result_rows=len(values.results),
            dataset_ids=values.dataset_ids,
            hash_columns=values.hash_columns,
            factors_digest=values.factors_digest,
            payload=values.payload,
            problems=[],
            message="",
        )
        # the run's row lock orders the parts that finish together: one of them sees all done
        run = AccountingRun.objects.select_for_update().only("status").get(pk=chunk.run_id)
        states = dict(
            RunChunk.objects.filter(run_id=chunk.run_id)
            .order_by()
            .values_list("status")
            .annotate(n=Count("id"))
        )
        done, total = states.get(ChunkStatus.DONE, 0), sum(states.values())
        if run.status != RunStatus.RUNNING:
            return False
        AccountingRun.objects.filter(pk=chunk.run_id, status=RunStatus.RUNNING).update(
            progress=min(95, 5 + (90 * done) // total)
        )
        return done == total


def chunk_header(chunk: RunChunk, count: int, message: str = CHUNK_FAILED) -> dict:
    """A problem naming the part: its number, facilities (codes) and months; one query."""
    codes = Facility.objects.filter(pk__in=chunk.facility_ids).order_by("code")
    return {
        "message": message,
        "params": {
            "number": chunk.number,
            "count": count,
            "facilities": ", ".join(codes.values_list("code", flat=True)),
            "start": f"{chunk.month_start:%Y-%m}",
            "end": f"{chunk.month_end:%Y-%m}",
        },
    }


def _chunk_fail(chunk: RunChunk, attempt: int, exc: Exception) -> None:
    """Mark the part failed and its run failed with the part's problems (added to those of
    other failed parts)."""
    problems = _problems(exc)
    now = timezone.now()
    with transaction.atomic():
        changed = RunChunk.objects.filter(
            pk=chunk.pk, attempts=attempt, status=ChunkStatus.RUNNING
        ).update(
            status=ChunkStatus.FAILED,
            finished_at=now,
            problems=problems,
            message=str(exc)[:2000],
        )
        if not changed:
            return
        run = AccountingRun.objects.select_for_update().get(pk=chunk.run_id)
        if run.status not in (RunStatus.RUNNING, RunStatus.FAILED):
            return
        count = RunChunk.objects.filter(run_id=chunk.run_id).count()
        header = chunk_header(chunk, count)
        earlier = run.problems if run.status == RunStatus.FAILED else []
        message = (CHUNK_FAILED % header["params"]) + " " + str(exc)
        AccountingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            message=(f"{run.message}\n{message}" if earlier else message)[:2000],
            problems=[*earlier, header, *problems][:1000],
            finished_at=now,
        )


def _payload(chunk: RunChunk) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(bytes(chunk.payload)), allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


def _assemble(run: AccountingRun, chunks: list[RunChunk]) -> dict:
    """The whole run's figures from its parts, in a single run's row order; two queries
    (factors, GWP values). Raises :class:`RunProblem` when parts used other factors."""
    factor_set_ids = [entry["id"] for entry in run.factor_set_versions] or list(
        run.factor_sets.values_list("id", flat=True)
    )
    inputs = Inputs(
        pd.DataFrame(),
        selectors.factor_frame(factor_set_ids),
        selectors.gwp_frame(run.gwp_set_id),
        factor_set_ids,
    )
    digest = hashlib.sha256(factors_gwp_bytes(inputs)).hexdigest()
    columns = {chunk.hash_columns for chunk in chunks}
    for chunk in chunks:
        if chunk.factors_digest != digest or len(columns) != 1:
            raise RunProblem(FACTORS_CHANGED, number=chunk.number)
    parts = [_payload(chunk) for chunk in chunks]
    hashes = np.concatenate([p["hashes"] for p in parts])
    ids = np.concatenate([p["ids"] for p in parts])
    order = np.argsort(ids, kind="stable")  # a single run reads its rows by id
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    method = np.full(len(ids), "", dtype=object)
    quantity = np.zeros(len(ids))
    offset = 0
    for p in parts:
        at = rank[offset + p["prod_pos"]]
        method[at] = np.asarray(PRODUCTION_KINDS, dtype=object)[p["prod_kind"] - 1]
        quantity[at] = p["prod_quantity"]
        offset += len(p["ids"])
    wide = pd.DataFrame(
        {
            "co2e": np.concatenate([p["co2e"] for p in parts])[order],
            "co2_biogenic": np.concatenate([p["biogenic"] for p in parts])[order],
            "method": method,
            "quantity": quantity,
        }
    )
    series = (
        pd.concat(
            [
                pd.DataFrame({name: p[f"s_{name}"] for name in (*KEY_COLUMNS, *VALUE_COLUMNS)})
                for p in parts
            ],
            ignore_index=True,
        )
        .sort_values(list(KEY_COLUMNS), kind="stable")  # each key is in one part only
        .reset_index(drop=True)
    )
    activity_digest = engine.rows_digest(next(iter(columns)).split("|"), hashes)
    return {
        "inputs": inputs,
        "input_hash": inputs_hash_of(activity_digest, inputs, run.options or {}),
        "input_rows": len(ids),
        "summary": engine.run_summary(wide),
        "series": series,
        "dataset_ids": sorted({i for chunk in chunks for i in chunk.dataset_ids}),
    }


def run_finish(*, run_id: int) -> AccountingRun:
    """The run's final task: assemble its parts, check them, set the status (6.3.1 f, 6.3.2).

    Does nothing unless the run is running and every part is done (a second call, or one
    queued before a retry, finds it so). A problem fails the run with its message.
    """
    run = AccountingRun.objects.select_related("gwp_set").get(pk=run_id)
    chunks = list(RunChunk.objects.filter(run_id=run_id).order_by("number"))
    if run.status != RunStatus.RUNNING or not chunks:
        return run
    if any(chunk.status != ChunkStatus.DONE for chunk in chunks):
        return run
    try:
        with transaction.atomic():
            locked = AccountingRun.objects.select_for_update().get(pk=run_id)
            if locked.status != RunStatus.RUNNING:
                return locked
            figures = _assemble(run, chunks)
            summary = figures["summary"]
            if not np.isfinite(summary["total_tco2e"]):
                raise RunProblem(NOT_FINITE)
            run_mark_done(
                run,
                inputs=figures["inputs"],
                input_hash=figures["input_hash"],
                input_rows=figures["input_rows"],
                dataset_ids=figures["dataset_ids"],
                summary=summary,
                series=figures["series"],
            )
            RunChunk.objects.filter(run_id=run_id).update(payload=b"")
    except Exception as exc:
        AccountingRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED,
            message=str(exc)[:2000],
            problems=_problems(exc),
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
        if not isinstance(exc, (ValidationError, EngineError, RunProblem)):
            raise
    return run


def chunks_requeue(*, run: AccountingRun, chunks: list[RunChunk], enqueue: bool = True) -> int:
    """Queue ``chunks`` of ``run`` again as new attempts (their earlier attempts no longer
    store); their results, if a done part is among them, are deleted. In the caller's
    transaction; returns how many."""
    now = timezone.now()
    for chunk in chunks:
        if chunk.status == ChunkStatus.DONE:
            chunk_results(chunk).delete()
    ids = [chunk.pk for chunk in chunks]
    RunChunk.objects.filter(pk__in=ids).update(
        status=ChunkStatus.QUEUED,
        attempts=F("attempts") + 1,
        queued_at=now,
        started_at=None,
        finished_at=None,
        problems=[],
        message="",
        payload=b"",
    )
    if enqueue:
        queued = list(RunChunk.objects.filter(pk__in=ids).order_by("number"))
        if queued:
            transaction.on_commit(lambda: _enqueue(queued))
        else:
            transaction.on_commit(lambda: _enqueue_finish(run.pk))
    return len(ids)


def run_retry(*, run: AccountingRun, user=None, enqueue: bool = True) -> list[int]:
    """Compute a failed run again (6.3.1 f): only its parts that are not done, and the done
    ones whose factors changed since; a run of one part is computed whole. Returns the
    numbers of the parts queued ([] for a whole run)."""
    if user is not None and not user.has_perm("calculators.add_accountingrun"):
        raise PermissionDenied(gettext("You may not start accounting runs."))
    run = AccountingRun.objects.get(pk=run.pk)
    if run.status != RunStatus.FAILED:
        raise ValidationError(
            _("Only a failed run can be retried; this one is %(status)s.")
            % {"status": run.get_status_display()},
            code="not_failed",
        )
    chunks = list(RunChunk.objects.filter(run_id=run.pk).defer("payload").order_by("number"))
    if not chunks:
        if (
            AccountingRun.objects.filter(pk=run.pk, status=RunStatus.FAILED).update(
                status=RunStatus.QUEUED, progress=0
            )
            and enqueue
        ):
            async_task(
                "calculators.tasks.run_compute", run.pk, task_name=f"accounting run {run.pk}"
            )
        return []
    factor_set_ids = [entry["id"] for entry in run.factor_set_versions]
    current = hashlib.sha256(
        factors_gwp_bytes(
            Inputs(
                pd.DataFrame(),
                selectors.factor_frame(factor_set_ids),
                selectors.gwp_frame(run.gwp_set_id),
            )
        )
    ).hexdigest()
    again = [c for c in chunks if c.status != ChunkStatus.DONE or c.factors_digest != current]
    with transaction.atomic():
        chunks_requeue(run=run, chunks=again, enqueue=enqueue)
        done = len(chunks) - len(again)
        if not AccountingRun.objects.filter(pk=run.pk, status=RunStatus.FAILED).update(
            status=RunStatus.RUNNING,
            started_at=timezone.now(),
            finished_at=None,
            message="",
            problems=[],
            progress=5 + (90 * done) // len(chunks),
        ):
            raise ValidationError(_("The run was started again meanwhile."), code="raced")
    return [chunk.number for chunk in again]
