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
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

import numpy as np
import pandas as pd

from calculators import selectors
from calculators.core.engine import EngineError
from calculators.core.performance import series_rows
from calculators.models import (
    AccountingRun,
    Dataset,
    DatasetStatus,
    FactorSet,
    GwpSet,
    RunResult,
    RunStatus,
)
from calculators.performance.services import performance_update_later, series_store
from calculators.services.bulk import frame_insert
from calculators.services.factors import (
    factor_set_versions,
    factor_sets_changed,
    factor_sets_freeze,
)

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
    factor_sets = factor_sets_in_precedence(factor_sets)
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
            % {"start": f"{run.period_start:%Y-%m}", "end": f"{run.period_end:%Y-%m}"},
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


def factor_sets_in_precedence(factor_sets: list[FactorSet]) -> list[FactorSet]:
    """The precedence of a run's sets: the user's own sets first (measured values win, in
    the order given), then the built-in sets in the core library's default priority
    (China defaults, IPCC, EPA; ``calculators.core.factors.DEFAULT_PRIORITY``). No query."""
    from calculators.core.factors import DEFAULT_PRIORITY, family

    rank = {name: i for i, name in enumerate(DEFAULT_PRIORITY)}
    own = [fs for fs in factor_sets if not fs.is_builtin]
    builtin = sorted(
        (fs for fs in factor_sets if fs.is_builtin),
        key=lambda fs: (rank.get(family(fs.key), len(rank)), fs.key),
    )
    return [*own, *builtin]


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
    """SHA-256 over the activity rows (core's order-independent hash), the factors, the GWP
    values and the options; no query."""
    from calculators.core import engine

    digest = hashlib.sha256(engine.input_hash(engine_activity(inputs.activity)).encode())
    factors = inputs.factors.sort_values("factor_id").reset_index(drop=True)
    digest.update(pd.util.hash_pandas_object(factors, index=False).to_numpy().tobytes())
    gwp = inputs.gwp.sort_values("species").reset_index(drop=True)
    digest.update(
        pd.util.hash_pandas_object(gwp.drop(columns=["composition"]), index=False)
        .to_numpy()
        .tobytes()
    )
    digest.update(json.dumps(list(gwp["composition"]), sort_keys=True).encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    return digest.hexdigest()


#: Text columns of the stored activity rows; "" in the database means "not given".
_TEXT_COLUMNS = (
    "method",
    "material",
    "gas",
    "unit",
    "unit_normalised",
    "ncv_unit",
    "carbon_content_unit",
    "ef_unit",
    "direction",
)


def _month_labels(series: pd.Series, length: int) -> pd.Categorical:
    """Dates or ISO strings → categorical ``YYYY-MM`` (or ``YYYY-MM-DD``), per distinct value."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series, sort=True)
    return pd.Categorical.from_codes(codes, [str(u)[:length] for u in uniques])


def engine_activity(activity: pd.DataFrame) -> pd.DataFrame:
    """Stored activity rows (selectors.run_activity_frame) → core's activity frame. No query."""
    frame = activity.rename(columns={"row_number": "row"}).copy()
    frame["period"] = _month_labels(frame["period"], 7)
    for name in ("source", "facility", "data_source"):
        if name in frame and not isinstance(frame[name].dtype, pd.CategoricalDtype):
            frame[name] = frame[name].astype("category")
    for name in _TEXT_COLUMNS:
        column = frame[name]
        if not isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype("category")
        if "" in column.cat.categories:
            column = column.cat.remove_categories([""])
        frame[name] = column
    return frame


def engine_options(options: dict) -> dict:
    """Run options → core's :class:`~calculators.core.engine.Options` fields."""
    out = dict(options or {})
    out.setdefault("biomass_co2_in_total", out.get("biomass") == "include")
    return out


def compute(run: AccountingRun, inputs: Inputs, *, progress=None) -> tuple[pd.DataFrame, dict]:
    """Call the pure engine on the run's inputs; return (result rows, summary). No query.

    The rows are long: one per activity row and gas group with a non-zero mass or CO2e.
    """
    from calculators.core import engine
    from calculators.core.factors import FactorTable
    from calculators.core.gwp import GwpTable

    activity = engine_activity(inputs.activity)
    priority = [entry["key"] for entry in run.factor_set_versions]
    table = FactorTable(inputs.factors, priority=priority)
    gwp_key = run.gwp_key or run.gwp_set.key
    gwp = GwpTable(inputs.gwp.assign(key=gwp_key), name=gwp_key)
    options = engine_options(run.options)
    wide = engine.compute(activity, table, gwp_set=gwp, options=options, progress=progress)
    summary = {
        "total_tco2e": float(np.nansum(wide["co2e"].to_numpy(dtype=float))),
        "biogenic_t": float(np.nansum(wide["co2_biogenic"].to_numpy(dtype=float))),
        "intensity": _intensity(engine, wide),
    }
    rows = long_results(wide, inputs.activity, gwp, engine.Options.of(options))
    # the performance series keeps what the long rows drop: energy and production (9.1.2)
    summary["series"] = series_rows(wide, inputs.activity, rows)
    return rows, summary


def _intensity(engine, wide: pd.DataFrame) -> dict:
    """Intensity per t of product and per 万元 of output value (ACCOUNTING.md 11)."""
    out = {}
    for per, key in (("t", "per_t"), ("万元", "per_wan_yuan")):
        production = engine.production(wide, per)
        value = engine.intensity(wide, per) if production else float("nan")
        if production and np.isfinite(value):
            out[key] = {"production": float(production), "intensity": float(value)}
    return out


_EMPTY_COLUMNS = (
    "id",
    "source_id",
    "facility_id",
    "scope",
    "row_pos",
    "gas_group",
    "mass_t",
    "gwp",
    "tco2e",
    "biogenic_t",
    "period",
    "category",
    "method",
    "material",
    "gas",
    "factors",
    "verification",
    "overridden",
)


def long_results(wide: pd.DataFrame, activity: pd.DataFrame, gwp, options) -> pd.DataFrame:
    """Engine rows (one per activity row, a column per gas group) → one row per group.

    CO2e per group: CH4 and N2O mass × their GWP, F-gas groups mass × the gas's group GWP,
    the CO2 line the rest of the row's CO2e (so the lines add up to the engine's CO2e
    exactly, measured tCO2e included). A row with a single non-zero group gets the row's
    CO2e on that line. Biogenic CO2 is a memo on the CO2 line. No query.
    """
    from calculators.core.engine import GAS_COLUMNS

    n = len(wide)
    co2e = np.nan_to_num(wide["co2e"].to_numpy(dtype=float))
    bio = np.nan_to_num(wide["co2_biogenic"].to_numpy(dtype=float))
    masses = {g: np.nan_to_num(wide[c].to_numpy(dtype=float)) for g, c in GAS_COLUMNS.items()}
    method = wide["method"].astype(object).to_numpy()
    gas = activity["gas"].astype(object).to_numpy()
    ch4_gwp = gwp.value("CH4")
    if options.ch4_fossil_split:
        fossil, non_fossil = gwp.value("CH4_fossil"), gwp.value("CH4_nonfossil")
        ch4_row = np.where(
            method == "biomass",
            non_fossil if not np.isnan(non_fossil) else ch4_gwp,
            fossil if not np.isnan(fossil) else ch4_gwp,
        )
    else:
        ch4_row = np.full(n, ch4_gwp)
    group_gwp = {"CH4": ch4_row, "N2O": np.full(n, gwp.value("N2O"))}
    f_groups = ("HFCs", "PFCs", "SF6", "NF3")
    f_rows = np.zeros(n, dtype=bool)
    for g in f_groups:
        f_rows |= masses[g] != 0
        group_gwp[g] = np.zeros(n)
    codes, names = pd.factorize(pd.Series(gas).where(f_rows, None))
    if len(names):
        props = gwp.properties([str(x) for x in names])
        for g in f_groups:
            fraction = props.fractions[g]
            weighted = props.weighted[g] if props.weighted else fraction * props.gwp
            per_gas = np.divide(
                weighted, fraction, out=np.zeros_like(weighted), where=fraction != 0
            )
            group_gwp[g] = np.where(codes >= 0, per_gas[np.maximum(codes, 0)], 0.0)
    tco2e = {g: masses[g] * group_gwp[g] for g in group_gwp}
    tco2e["CO2"] = co2e - sum(tco2e.values())
    nonzero = np.vstack([masses[g] != 0 for g in GAS_COLUMNS])
    count = nonzero.sum(axis=0)
    for i, g in enumerate(GAS_COLUMNS):
        if g == "CO2":
            continue
        only = (count == 1) & nonzero[i]
        tco2e[g] = np.where(only, co2e, tco2e[g])
        tco2e["CO2"] = np.where(only, 0.0, tco2e["CO2"])
    # float noise of the CO2 remainder on rows without CO2 goes to their first other group
    noise = (
        (masses["CO2"] == 0)
        & (count > 0)
        & (np.abs(tco2e["CO2"]) <= 1e-9 * np.abs(co2e))
        & (tco2e["CO2"] != 0)
    )
    if noise.any():
        first = np.argmax(nonzero, axis=0)
        for i, g in enumerate(GAS_COLUMNS):
            if g != "CO2":
                tco2e[g] = np.where(noise & (first == i), tco2e[g] + tco2e["CO2"], tco2e[g])
        tco2e["CO2"] = np.where(noise, 0.0, tco2e["CO2"])
    keep = {
        "id": activity["id"].to_numpy(),
        "source_id": activity["source_id"].to_numpy(),
        "facility_id": activity["facility_id"].to_numpy(),
        "scope": wide["scope"].to_numpy(),
    }
    pieces = []
    for g in GAS_COLUMNS:
        sel = masses[g] != 0
        if g == "CO2":
            sel |= (bio != 0) | (tco2e[g] != 0)
        idx = np.flatnonzero(sel)
        if not len(idx):
            continue
        piece = pd.DataFrame({name: values[idx] for name, values in keep.items()})
        piece["row_pos"] = idx
        piece["gas_group"] = g
        piece["mass_t"] = masses[g][idx]
        piece["gwp"] = 1.0 if g == "CO2" else group_gwp[g][idx]
        piece["tco2e"] = tco2e[g][idx]
        piece["biogenic_t"] = bio[idx] if g == "CO2" else 0.0
        pieces.append(piece)
    if not pieces:
        return pd.DataFrame(columns=list(_EMPTY_COLUMNS))
    rows = pd.concat(pieces, ignore_index=True).sort_values(["row_pos", "gas_group"], kind="stable")
    pos = rows["row_pos"].to_numpy()
    periods = _month_labels(activity["period"], 10)
    rows["period"] = np.asarray(periods.categories, dtype=object)[periods.codes[pos]]
    for name, source in (
        ("category", wide["category"]),
        ("method", wide["method"]),
        ("material", activity["material"]),
        ("gas", activity["gas"]),
        ("factors", wide["factors"]),
        ("verification", wide["verification"]),
        ("overridden", wide["overridden"]),
    ):
        rows[name] = _take_text(source, pos)
    return rows.reset_index(drop=True)


def _take_text(series: pd.Series, pos: np.ndarray) -> np.ndarray:
    """Text of ``series`` at positions ``pos``, per distinct value (categoricals stay cheap)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series.astype(object))
    labels = np.asarray([*(str(u) for u in uniques), ""], dtype=object)
    return labels[codes[pos]]


def results_frame(run: AccountingRun, rows: pd.DataFrame) -> pd.DataFrame:
    """Long engine rows → RunResult columns (attnames). No query."""
    return pd.DataFrame(
        {
            "run_id": run.pk,
            "record_id": rows["id"].astype("int64").to_numpy(),
            "source_id": rows["source_id"].astype("int64").to_numpy(),
            "facility_id": rows["facility_id"].astype("int64").to_numpy(),
            "period": rows["period"].to_numpy(),
            "scope": rows["scope"].astype("int64").to_numpy(),
            "category": rows["category"].to_numpy(),
            "method": rows["method"].to_numpy(),
            "material": rows["material"].to_numpy(),
            "gas": rows["gas"].to_numpy(),
            "gas_group": rows["gas_group"].to_numpy(),
            "mass_t": rows["mass_t"].astype("float64").to_numpy(),
            "gwp": rows["gwp"].astype("float64").to_numpy(),
            "tco2e": rows["tco2e"].astype("float64").to_numpy(),
            "biogenic_t": rows["biogenic_t"].astype("float64").to_numpy(),
            "factors": rows["factors"].to_numpy(),
            "verification": rows["verification"].to_numpy(),
            "overridden": rows["overridden"].to_numpy(),
        }
    )


def run_execute(*, run: AccountingRun, timings: dict | None = None) -> AccountingRun:
    """Compute a run and store its results (6.3.1 f); marks it failed on any error.

    ``timings``, when given, receives the seconds spent in ``load``, ``compute`` and
    ``store`` (benchmarks).
    """
    from calculators.services.datasets import _Clock

    run = AccountingRun.objects.select_related("gwp_set").get(pk=run.pk)
    if run.status == RunStatus.APPROVED:
        raise ValidationError(_("An approved run cannot be recomputed in place."), code="approved")
    _progress(run, 1, status=RunStatus.RUNNING, started_at=timezone.now(), message="")
    clock = _Clock(timings)
    try:
        inputs = run_inputs(run)
        clock.lap("load")
        if not len(inputs.activity):
            raise RunProblem(
                NO_ACTIVITY,
                start=f"{run.period_start:%Y-%m}",
                end=f"{run.period_end:%Y-%m}",
            )
        _progress(run, 10)
        options = run.options or {}
        digest = inputs_hash(inputs, options)

        def report(fraction: float) -> None:
            _progress(run, 10 + int(70 * max(0.0, min(1.0, fraction))))

        rows, summary = compute(run, inputs, progress=report)
        clock.lap("compute")
        if not np.isfinite(summary["total_tco2e"]):
            raise RunProblem(NOT_FINITE)
        _progress(run, 80)
        with transaction.atomic():
            RunResult.objects.filter(run=run).delete()
            frame_insert(RunResult, results_frame(run, rows))
            run.input_hash = digest
            run.input_rows = len(inputs.activity)
            run.dataset_ids = sorted(int(i) for i in inputs.activity["dataset_id"].unique())
            run.factor_set_versions = factor_set_versions(
                factor_set_ids=inputs.factor_set_ids, factors=inputs.factors
            )
            run.gwp_key = run.gwp_set.key
            run.code_version = code_version()
            run.total_tco2e = summary["total_tco2e"]
            run.biogenic_co2_t = summary["biogenic_t"]
            run.intensity = summary["intensity"]
            run.status = RunStatus.DONE
            run.progress = 100
            run.finished_at = timezone.now()
            run.save()
            series_store(run=run, rows=summary["series"])
            # a finished run's sets are frozen at once: its approval must find them unchanged
            factor_sets_freeze(factor_set_ids=inputs.factor_set_ids)
        clock.lap("store")
    except Exception as exc:
        AccountingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            message=str(exc)[:2000],
            problems=_problems(exc),
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
        if not isinstance(exc, (ValidationError, EngineError, RunProblem)):
            raise
    return run


#: Why a run fails without a row to blame (translated when shown: ``run.display_message``).
NO_ACTIVITY = gettext_noop(
    "No approved activity data from %(start)s to %(end)s in this boundary: nothing to account."
)
NOT_FINITE = gettext_noop(
    "The results are not finite numbers; look for absurdly large values in the activity data."
)


class RunProblem(Exception):
    """A run cannot be computed; ``message`` is a template translated when shown."""

    def __init__(self, message: str, **params):
        super().__init__(message % params)
        self.message, self.params = message, params


def _problems(exc: Exception) -> list[dict]:
    """The failure as message templates + parameters, so each reader sees their language."""
    if isinstance(exc, EngineError):
        return [{"message": i.message, "params": dict(i.params)} for i in exc.issues[:1000]]
    if isinstance(exc, RunProblem):
        return [{"message": exc.message, "params": exc.params}]
    return []


@transaction.atomic
def run_approve(*, run: AccountingRun, user, comment: str = "") -> AccountingRun:
    """Approve a computed run (9.1, 6.3.2): a data reviewer who did not create it.

    ``comment``: what the approver checked, kept with the run (``approval_comment``).

    Freezes the factor sets it used, so its results stay reproducible, and queues the issuing
    of its report files (:mod:`calculators.services.report_archive`). Refused when a
    dataset it used has been withdrawn since it was computed (8.5).
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
    withdrawn = list(
        Dataset.objects.filter(pk__in=run.dataset_ids or [], status=DatasetStatus.WITHDRAWN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if withdrawn:
        raise ValidationError(
            _(
                "Datasets %(ids)s that this run used were withdrawn; start a new run on the "
                "current data."
            )
            % {"ids": ", ".join(f"#{pk}" for pk in withdrawn)},
            code="withdrawn_data",
        )
    _refuse_changed_inputs(run)
    run.status = RunStatus.APPROVED
    run.approved_by = user
    run.approved_at = timezone.now()
    run.approval_comment = (comment or "").strip()
    run.save(update_fields=["status", "approved_by", "approved_at", "approval_comment"])
    factor_sets_freeze(factor_set_ids=[entry["id"] for entry in run.factor_set_versions])
    from calculators.services.report_archive import reports_issue_later

    reports_issue_later(run)
    performance_update_later(run)
    return run


def _refuse_changed_inputs(run: AccountingRun) -> None:
    """Refuse approving a run whose factor sets no longer hold what it computed with (6.3.2).

    Sets freeze when a run finishes, so this guards runs computed before that rule and any
    write that bypassed it; a run that recorded no set digests has its whole input hash
    compared instead.
    """
    changed = factor_sets_changed(entries=run.factor_set_versions)
    if changed is None:
        if not (run.input_hash and run.dataset_ids):
            return  # never computed here: no recorded inputs to compare with
        inputs = run_inputs(run, dataset_ids=run.dataset_ids)
        if inputs_hash(inputs, run.options or {}) == run.input_hash:
            return
        raise ValidationError(
            _(
                "The inputs of this run (activity data, factors or GWP values) changed after "
                "it was computed; start a new run."
            ),
            code="inputs_changed",
        )
    if changed:
        raise ValidationError(
            _(
                "Factor sets %(sets)s changed after this run was computed: its results no "
                "longer follow from them. Start a new run."
            )
            % {"sets": ", ".join(changed)},
            code="factors_changed",
        )


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
    keys = ["record_id", "gas_group"]
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
