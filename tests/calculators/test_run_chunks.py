"""Runs spread over workers (issue 13 §2; T/CSES 146—2024 6.3.1 f, 6.3.2): a run split into
parts computed as separate tasks gives the input hash, results, totals and series of a run
computed in one task; a failed part fails the run naming it; a retry recomputes only the
parts not done (calculators.services.chunks)."""

import datetime as dt

from django.urls import reverse
from django.utils import translation

import numpy as np
import pandas as pd
import pytest

from calculators import selectors
from calculators.models import (
    AccountingRun,
    ChunkStatus,
    GwpSet,
    RunChunk,
    RunResult,
    RunStatus,
    SeriesPoint,
)
from calculators.services import chunks
from calculators.services.chunks import chunk_plan
from calculators.services.runs import RunProblem, run_create, run_execute
from cems_registers.roles import Role

from ..users import role_user
from .factories import DEC_2025, JAN_2025, builtin_sets

pytestmark = pytest.mark.django_db

#: Rows per part in these tests: the demo year (365 rows in four facilities of 125, 132, 60
#: and 48 rows) makes five parts: the two large facilities cut by months, the small two packed.
SIZE = 110

SERIES_COLUMNS = [
    "period",
    "source_id",
    "facility_id",
    "scope",
    "category",
    "carrier",
    "tco2e",
    "energy_gj",
    "production_t",
]


def _new_run(**options) -> AccountingRun:
    return run_create(
        user=role_user("submitter", Role.DATA_SUBMITTERS),
        period_start=JAN_2025,
        period_end=DEC_2025,
        factor_sets=builtin_sets(),
        gwp_set=GwpSet.objects.get(key="AR5"),
        options=options or None,
        enqueue=False,
    )


def _drive(run: AccountingRun) -> AccountingRun:
    """Compute every queued part one by one, as workers would, then the final task."""
    for chunk in RunChunk.objects.filter(run=run, status=ChunkStatus.QUEUED).order_by("number"):
        chunks.chunk_compute(chunk_id=chunk.pk, attempt=chunk.attempts, enqueue=False)
    return chunks.run_finish(run_id=run.pk)


def _results(run: AccountingRun) -> pd.DataFrame:
    frame = selectors.run_results_frame(run).drop(columns=["id", "run_id"])
    return frame.sort_values(["record_id", "gas_group"]).reset_index(drop=True)


def _series(run: AccountingRun) -> pd.DataFrame:
    rows = SeriesPoint.objects.filter(run=run).values_list(*SERIES_COLUMNS)
    frame = pd.DataFrame.from_records(list(rows), columns=SERIES_COLUMNS)
    return frame.sort_values(SERIES_COLUMNS[:6]).reset_index(drop=True)


def test_plan_packs_small_facilities_and_cuts_a_large_one_into_month_ranges():
    months = [dt.date(2025, m, 1) for m in range(1, 13)]
    counts = {
        7: dict.fromkeys(months, 10),  # 120 rows: cut into month ranges
        3: {months[0]: 5, months[5]: 5},  # 10 rows
        5: dict.fromkeys(months, 3),  # 36 rows
        9: {months[11]: 70},  # 70 rows in one month, more than a part: alone
    }
    parts = chunk_plan(counts, period=(months[0], months[-1]), size=50)
    assert [p.facility_ids for p in parts] == [[7], [7], [7], [9], [3, 5]]
    assert [p.rows for p in parts] == [50, 50, 20, 70, 46]
    # the cut ranges follow one another and cover the whole period
    cut = [(p.month_start, p.month_end) for p in parts if p.facility_ids == [7]]
    assert cut == [
        (months[0], months[4]),
        (months[5], months[9]),
        (months[10], months[11]),
    ]
    # a facility alone (one large month) and the packed ones cover the whole period
    assert (parts[3].month_start, parts[3].month_end) == (months[0], months[-1])
    assert (parts[4].month_start, parts[4].month_end) == (months[0], months[-1])
    assert sum(p.rows for p in parts) == 10 * 12 + 10 + 36 + 70


def test_a_run_in_parts_equals_a_run_in_one_task_row_by_row(approved_year):
    single = run_execute(run=_new_run(biomass="memo"))
    assert single.status == RunStatus.DONE, single.message
    assert not RunChunk.objects.filter(run=single).exists()

    split = _new_run(biomass="memo")
    parts = chunks.run_start(run=split, size=SIZE, enqueue=False)
    assert len(parts) >= 4
    assert any(len(p.facility_ids) > 1 for p in parts)  # whole facilities packed together
    assert any(p.month_start != JAN_2025 for p in parts)  # a facility cut by months
    assert AccountingRun.objects.get(pk=split.pk).status == RunStatus.RUNNING
    split = _drive(split)
    assert split.status == RunStatus.DONE, split.message
    assert split.progress == 100

    assert split.input_hash == single.input_hash
    assert split.input_rows == single.input_rows == approved_year.row_count
    assert split.dataset_ids == single.dataset_ids == [approved_year.pk]
    assert split.factor_set_versions == single.factor_set_versions
    assert split.gwp_key == single.gwp_key
    # totals and intensity summed in the single run's row order: equal, not merely close
    assert split.total_tco2e == single.total_tco2e
    assert split.biogenic_co2_t == single.biogenic_co2_t
    assert split.intensity == single.intensity
    assert split.intensity["per_t"]["production"] > 0

    a, b = _results(single), _results(split)
    assert len(a) == len(b) == RunResult.objects.filter(run=single).count()
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    sa, sb = _series(single), _series(split)
    assert len(sa) > 0
    pd.testing.assert_frame_equal(sa, sb, check_exact=True)
    # what the parts handed over is dropped once the run is assembled
    assert all(not bytes(c.payload) for c in RunChunk.objects.filter(run=split))
    assert sum(RunChunk.objects.filter(run=split).values_list("input_rows", flat=True)) == (
        split.input_rows
    )


def test_a_run_through_the_queue_is_split_when_large(
    approved_year, settings, django_capture_on_commit_callbacks
):
    settings.CEMS_RUN_CHUNK_ROWS = SIZE
    run = _new_run()
    with django_capture_on_commit_callbacks(execute=True):
        chunks.run_start(run=run)  # what calculators.tasks.run_compute does
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.message
    states = set(RunChunk.objects.filter(run=run).values_list("status", flat=True))
    assert states == {ChunkStatus.DONE}
    assert RunChunk.objects.filter(run=run).count() > 1
    assert run.total_tco2e > 0

    settings.CEMS_RUN_CHUNK_ROWS = 10_000  # a small run keeps the single task
    small = _new_run()
    with django_capture_on_commit_callbacks(execute=True):
        chunks.run_start(run=small)
    small.refresh_from_db()
    assert small.status == RunStatus.DONE
    assert not RunChunk.objects.filter(run=small).exists()
    assert small.input_hash == run.input_hash and small.total_tco2e == run.total_tco2e


def _fail_part(monkeypatch, number: int) -> None:
    """Make part ``number`` fail as bad data would (a run problem)."""
    real = chunks.chunk_values

    def values(chunk):
        if chunk.number == number:
            raise RunProblem(chunks.NOT_FINITE)
        return real(chunk)

    monkeypatch.setattr(chunks, "chunk_values", values)


def test_a_failed_part_fails_the_run_naming_it_and_a_retry_recomputes_only_it(
    approved_year, monkeypatch, client
):
    single = run_execute(run=_new_run())
    run = _new_run()
    parts = chunks.run_start(run=run, size=SIZE, enqueue=False)
    _fail_part(monkeypatch, 2)
    run = _drive(run)
    assert run.status == RunStatus.FAILED
    header, problem = run.problems[0], run.problems[1]
    assert header["message"] == chunks.CHUNK_FAILED
    assert header["params"]["number"] == 2 and header["params"]["count"] == len(parts)
    facilities = parts[1].facility_ids
    assert header["params"]["facilities"]
    assert header["params"]["start"] == f"{parts[1].month_start:%Y-%m}"
    assert problem["message"] == chunks.NOT_FINITE
    with translation.override("en"):
        assert f"Part 2 of {len(parts)} (facilities " in run.display_message
        assert "not finite" in run.display_message
    with translation.override("zh-hans"):
        assert f"第 2 块（共 {len(parts)} 块" in run.display_message
    states = dict(RunChunk.objects.filter(run=run).values_list("number", "status"))
    assert states[2] == ChunkStatus.FAILED
    assert all(s == ChunkStatus.DONE for n, s in states.items() if n != 2)
    # the parts that were done keep their rows, but a failed run shows and counts none
    assert RunResult.objects.filter(run=run).exists()
    assert (
        not RunResult.objects.filter(run=run, facility_id__in=facilities)
        .filter(period__gte=parts[1].month_start, period__lte=parts[1].month_end)
        .exists()
    )
    assert run.total_tco2e is None and not SeriesPoint.objects.filter(run=run).exists()
    client.force_login(role_user("auditor", Role.AUDITORS))
    response = client.get(reverse("calculators_run:results", args=[run.pk]))
    assert response.status_code == 302  # back to the run page: "failed, so it has no results"

    done_before = dict(
        RunChunk.objects.filter(run=run, status=ChunkStatus.DONE).values_list("pk", "finished_at")
    )
    monkeypatch.undo()
    assert chunks.run_retry(run=run, enqueue=False) == [2]
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.problems == []
    run = _drive(run)
    assert run.status == RunStatus.DONE, run.message
    after = dict(RunChunk.objects.filter(pk__in=done_before).values_list("pk", "finished_at"))
    assert after == done_before  # not recomputed
    assert RunChunk.objects.get(run=run, number=2).attempts == 2
    assert run.input_hash == single.input_hash and run.total_tco2e == single.total_tco2e
    pd.testing.assert_frame_equal(_results(single), _results(run), check_exact=True)


def test_retry_refuses_a_run_that_did_not_fail(done_run):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        chunks.run_retry(run=done_run, enqueue=False)
    assert caught.value.code == "not_failed"


def test_parts_that_computed_with_other_factors_fail_the_run(approved_year, monkeypatch):
    run = _new_run()
    chunks.run_start(run=run, size=SIZE, enqueue=False)
    first = RunChunk.objects.filter(run=run).order_by("number").first()
    chunks.chunk_compute(chunk_id=first.pk, attempt=1, enqueue=False)
    # a factor of a set the run uses changed after the first part was computed
    RunChunk.objects.filter(pk=first.pk).update(factors_digest="0" * 64)
    run = _drive(run)
    assert run.status == RunStatus.FAILED
    assert run.problems[0]["message"] == chunks.FACTORS_CHANGED
    assert run.problems[0]["params"]["number"] == first.number
    assert run.total_tco2e is None
    # the retry computes that part again with the current factors
    assert chunks.run_retry(run=run, enqueue=False) == [first.number]
    assert _drive(run).status == RunStatus.DONE


def test_a_stale_attempt_of_a_part_stores_nothing(approved_year):
    run = _new_run()
    chunks.run_start(run=run, size=SIZE, enqueue=False)
    chunk = RunChunk.objects.filter(run=run).order_by("number").first()
    assert chunks.chunk_compute(chunk_id=chunk.pk, attempt=2, enqueue=False) is None
    chunk.refresh_from_db()
    assert chunk.status == ChunkStatus.QUEUED and chunk.started_at is None
    done = chunks.chunk_compute(chunk_id=chunk.pk, attempt=1, enqueue=False)
    assert done is not None
    rows = RunResult.objects.filter(run=run).count()
    assert rows > 0
    # the same message delivered twice: the second finds the part done and does nothing
    assert chunks.chunk_compute(chunk_id=chunk.pk, attempt=1, enqueue=False) is None
    assert RunResult.objects.filter(run=run).count() == rows
    totals = np.array(RunChunk.objects.filter(run=run).values_list("result_rows", flat=True))
    assert totals.sum() == rows
