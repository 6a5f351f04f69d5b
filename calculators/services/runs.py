"""Writes of accounting runs (6.3.1, 6.3.2, 9.1): create, execute, approve, recompute.

:func:`run_execute` is the one adapter between the database and the pure engine: it loads the
run's approved activity rows, its factor sets and GWP set into frames in a fixed number of
queries, calls :func:`calculators.core.engine.compute`, and writes the results in bulk (COPY on
PostgreSQL). The run keeps everything needed to recompute it: dataset ids, factor-set ids and
versions, GWP set, options, a hash of the inputs and the code version.
"""

import functools
import hashlib
import importlib.metadata
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

import numpy as np
import pandas as pd

from calculators import selectors
from calculators.models import AccountingRun, FactorSet, GwpSet, RunResult, RunStatus
from calculators.services.bulk import frame_insert
from calculators.services.factors import factor_sets_freeze

#: Relative tolerance under which a recomputed value counts as identical.
RECOMPUTE_RTOL = 1e-9


@functools.cache
def code_version() -> str:
    """``cems <version>`` plus ``git describe`` when the code runs from a checkout.

    ``CEMS_CODE_VERSION`` (set at build time) wins, so deployed images need no git.
    """
    if env := os.environ.get("CEMS_CODE_VERSION"):
        return env
    try:
        version = importlib.metadata.version("cems")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    label = f"cems {version}"
    root = Path(__file__).resolve().parents[2]
    if (root / ".git").exists():
        try:
            described = subprocess.run(
                ["git", "describe", "--always", "--dirty"],  # noqa: S607
                cwd=root,
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            described = ""
        if described:
            label = f"{label} ({described})"
    return label[:100]


def run_create(
    *,
    user,
    period_start,
    period_end,
    factor_sets: list[FactorSet],
    gwp_set: GwpSet,
    facilities=(),
    options: dict | None = None,
    name: str = "",
    enqueue: bool = True,
) -> AccountingRun:
    """Create a queued run and hand it to the task queue (django-q2) (6.3.1)."""
    if user is not None and not user.has_perm("calculators.add_accountingrun"):
        raise PermissionDenied(gettext("You may not start accounting runs."))
    if not factor_sets:
        raise ValidationError(_("Choose at least one factor set."), code="no_factor_set")
    run = AccountingRun(
        name=name,
        period_start=period_start.replace(day=1),
        period_end=period_end.replace(day=1),
        gwp_set=gwp_set,
        options=options or {},
        created_by=user,
        gwp_key=gwp_set.key,
        factor_set_versions=[
            {"id": fs.pk, "key": fs.key, "version": fs.version} for fs in factor_sets
        ],
    )
    if run.period_end < run.period_start:
        raise ValidationError(
            _("The period ends (%(end)s) before it starts (%(start)s).")
            % {"start": run.period_start, "end": run.period_end},
            code="period",
        )
    run.full_clean()
    run.save()
    run.factor_sets.set(factor_sets)
    if facilities:
        run.facilities.set(facilities)
    if enqueue:
        from django_q.tasks import async_task

        async_task("calculators.tasks.run_compute", run.pk, task_name=f"accounting run {run.pk}")
    return run


def _progress(run: AccountingRun, percent: int, **fields) -> None:
    AccountingRun.objects.filter(pk=run.pk).update(progress=percent, **fields)
    run.progress = percent
    for name, value in fields.items():
        setattr(run, name, value)


@dataclass
class Inputs:
    activity: pd.DataFrame
    factors: pd.DataFrame
    gwp: pd.DataFrame
    factor_set_ids: list[int] = field(default_factory=list)


def run_inputs(run: AccountingRun, *, dataset_ids: list[int] | None = None) -> Inputs:
    """The run's inputs as frames; a fixed number of queries (6.3.2 reproducibility)."""
    factor_set_ids = [entry["id"] for entry in run.factor_set_versions] or list(
        run.factor_sets.values_list("id", flat=True)
    )
    activity = selectors.run_activity_frame(run, dataset_ids=dataset_ids)
    factors = selectors.factor_frame(factor_set_ids)
    gwp = selectors.gwp_frame(run.gwp_set_id)
    return Inputs(activity, factors, gwp, factor_set_ids)


def inputs_hash(inputs: Inputs, options: dict) -> str:
    """SHA-256 over activity rows, factors, GWP values and options; no query."""
    digest = hashlib.sha256()
    for frame in (inputs.activity, inputs.factors, inputs.gwp.drop(columns=["composition"])):
        hashed = pd.util.hash_pandas_object(frame.reset_index(drop=True), index=True)
        digest.update(hashed.to_numpy().tobytes())
    digest.update(json.dumps(list(inputs.gwp["composition"]), sort_keys=True, default=str).encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def compute(run: AccountingRun, inputs: Inputs, *, progress=None) -> tuple[pd.DataFrame, dict]:
    """Call the pure engine on the run's inputs; return (result rows, summary). No query."""
    from calculators.core import engine

    return engine_adapter(engine, run, inputs, progress=progress)


def engine_adapter(engine, run, inputs: Inputs, *, progress=None):
    result = engine.compute_frames(
        inputs.activity,
        factors=inputs.factors,
        gwp=inputs.gwp,
        options=run.options or {},
        progress=progress,
    )
    return result.rows, result.summary


def results_frame(run: AccountingRun, rows: pd.DataFrame) -> pd.DataFrame:
    """Engine rows → RunResult columns (attnames). No query."""
    out = pd.DataFrame(
        {
            "run_id": run.pk,
            "record_id": rows["id"].astype("int64"),
            "source_id": rows["source_id"].astype("int64"),
            "facility_id": rows["facility_id"].astype("int64"),
            "period": pd.to_datetime(rows["period"]).dt.strftime("%Y-%m-%d"),
            "scope": rows["scope"].astype("int64"),
            "category": rows["category"].astype(str),
            "method": rows["method"].astype(str),
            "material": rows["material"].fillna("").astype(str),
            "gas": rows["gas"].astype(str),
            "gas_group": rows["gas_group"].astype(str),
            "mass_t": rows["mass_t"].astype("float64"),
            "gwp": rows["gwp"].astype("float64"),
            "tco2e": rows["tco2e"].astype("float64"),
            "biogenic_t": rows["biogenic_t"].fillna(0.0).astype("float64"),
            "factors": rows["factors"].fillna("").astype(str),
            "factor_source": rows["factor_source"].fillna("").astype(str),
        }
    )
    return out


def run_execute(*, run: AccountingRun) -> AccountingRun:
    """Compute a run and store its results (6.3.1 f); marks it failed on any error."""
    run = AccountingRun.objects.select_related("gwp_set").get(pk=run.pk)
    if run.status == RunStatus.APPROVED:
        raise ValidationError(_("An approved run cannot be recomputed in place."), code="approved")
    _progress(run, 1, status=RunStatus.RUNNING, started_at=timezone.now(), message="")
    try:
        inputs = run_inputs(run)
        _progress(run, 10)
        options = run.options or {}
        digest = inputs_hash(inputs, options)

        def report(fraction: float) -> None:
            _progress(run, 10 + int(70 * max(0.0, min(1.0, fraction))))

        rows, summary = compute(run, inputs, progress=report)
        _progress(run, 80)
        with transaction.atomic():
            RunResult.objects.filter(run=run).delete()
            frame_insert(RunResult, results_frame(run, rows))
            run.input_hash = digest
            run.input_rows = len(inputs.activity)
            run.dataset_ids = sorted(int(i) for i in inputs.activity["dataset_id"].unique())
            run.factor_set_versions = _factor_set_versions(inputs.factor_set_ids)
            run.gwp_key = run.gwp_set.key
            run.code_version = code_version()
            run.total_tco2e = float(summary.get("total_tco2e", rows["tco2e"].sum()))
            run.biogenic_co2_t = float(summary.get("biogenic_t", rows["biogenic_t"].sum()))
            run.intensity = summary.get("intensity", {})
            run.status = RunStatus.DONE
            run.progress = 100
            run.finished_at = timezone.now()
            run.save()
    except Exception as exc:
        AccountingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, message=str(exc)[:2000], finished_at=timezone.now()
        )
        run.refresh_from_db()
        if not isinstance(exc, ValidationError):
            raise
    return run


def _factor_set_versions(ids: list[int]) -> list[dict]:
    sets = {fs.pk: fs for fs in FactorSet.objects.filter(pk__in=ids)}
    return [{"id": i, "key": sets[i].key, "version": sets[i].version} for i in ids if i in sets]


@transaction.atomic
def run_approve(*, run: AccountingRun, user) -> AccountingRun:
    """Approve a computed run (9.1, 6.3.2): a data reviewer who did not create it.

    Freezes the factor sets it used, so its results stay reproducible.
    """
    if not user.has_perm("calculators.approve_accountingrun"):
        raise PermissionDenied(gettext("You may not approve accounting runs."))
    run = AccountingRun.objects.select_for_update().get(pk=run.pk)
    if run.created_by_id == user.pk:
        raise ValidationError(
            _("You created this run; another data reviewer must approve it."), code="own_run"
        )
    if run.status != RunStatus.DONE:
        raise ValidationError(
            _("Only a finished run can be approved; this one is %(status)s.")
            % {"status": run.get_status_display()},
            code="not_done",
        )
    run.status = RunStatus.APPROVED
    run.approved_by = user
    run.approved_at = timezone.now()
    run.save(update_fields=["status", "approved_by", "approved_at"])
    factor_sets_freeze(factor_set_ids=[entry["id"] for entry in run.factor_set_versions])
    return run


@dataclass
class RecomputeReport:
    identical: bool
    input_hash_same: bool
    stored_rows: int
    recomputed_rows: int
    differing_rows: int
    stored_total: float
    recomputed_total: float
    differences: pd.DataFrame


def run_recompute(*, run: AccountingRun) -> RecomputeReport:
    """Recompute a run from its stored inputs and compare with its stored results (6.3.2).

    Uses the datasets and factor-set ids the run recorded; writes nothing.
    """
    run = AccountingRun.objects.select_related("gwp_set").get(pk=run.pk)
    inputs = run_inputs(run, dataset_ids=run.dataset_ids)
    digest = inputs_hash(inputs, run.options or {})
    rows, _summary = compute(run, inputs)
    fresh = results_frame(run, rows)
    stored = selectors.run_results_frame(run)
    keys = ["record_id", "gas"]
    merged = stored.merge(fresh, on=keys, how="outer", suffixes=("_stored", "_new"), indicator=True)
    a = merged["tco2e_stored"].to_numpy(dtype=float)
    b = merged["tco2e_new"].to_numpy(dtype=float)
    c = merged["mass_t_stored"].to_numpy(dtype=float)
    d = merged["mass_t_new"].to_numpy(dtype=float)
    same = (
        (merged["_merge"] == "both").to_numpy()
        & np.isclose(a, b, rtol=RECOMPUTE_RTOL, atol=1e-12)
        & np.isclose(c, d, rtol=RECOMPUTE_RTOL, atol=1e-12)
    )
    differences = merged.loc[~same, [*keys, "tco2e_stored", "tco2e_new", "_merge"]]
    return RecomputeReport(
        identical=bool(same.all()) and digest == run.input_hash,
        input_hash_same=digest == run.input_hash,
        stored_rows=len(stored),
        recomputed_rows=len(fresh),
        differing_rows=int((~same).sum()),
        stored_total=float(stored["tco2e"].sum()),
        recomputed_total=float(fresh["tco2e"].sum()),
        differences=differences,
    )
