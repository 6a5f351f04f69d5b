"""The one adapter between an accounting run's database rows and the pure engine (6.3.1, 6.3.2).

Reads: :func:`run_inputs` loads a run's approved activity rows, its factor sets and GWP set
into frames in a fixed number of queries. Pure (no query): :func:`engine_activity` and
:func:`engine_options` turn them into what :mod:`calculators.core.engine` takes,
:func:`run_results` calls the engine and splits its result per gas group
(:func:`calculators.core.engine.gas_rows`), :func:`inputs_hash` fingerprints the inputs and
:func:`results_frame` shapes the rows as ``RunResult`` columns. The writes are in
:mod:`calculators.services.runs`.
"""

import hashlib
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from calculators import selectors
from calculators.core import engine
from calculators.core.factors import FactorTable
from calculators.core.gwp import GwpTable
from calculators.core.performance import series_rows
from calculators.models import AccountingRun


@dataclass
class Inputs:
    """A run's inputs as frames: stored activity rows, factor rows, GWP rows, factor-set ids."""

    activity: pd.DataFrame
    factors: pd.DataFrame
    gwp: pd.DataFrame
    factor_set_ids: list[int] = field(default_factory=list)


def run_inputs(
    run: AccountingRun,
    *,
    dataset_ids: list[int] | None = None,
    facility_ids: list[int] | None = None,
    months: tuple | None = None,
) -> Inputs:
    """The run's inputs as frames; a fixed number of queries (6.3.2 reproducibility).

    ``facility_ids`` and ``months`` (first, last month) read one part of the run only
    (:mod:`calculators.services.chunks`)."""
    factor_set_ids = [entry["id"] for entry in run.factor_set_versions] or list(
        run.factor_sets.values_list("id", flat=True)
    )
    activity = selectors.run_activity_frame(
        run, dataset_ids=dataset_ids, facility_ids=facility_ids, months=months
    )
    factors = selectors.factor_frame(factor_set_ids)
    gwp = selectors.gwp_frame(run.gwp_set_id)
    return Inputs(activity, factors, gwp, factor_set_ids)


def inputs_hash(inputs: Inputs, options: dict) -> str:
    """SHA-256 over the activity rows (core's order-independent hash), the factors, the GWP
    values and the options; no query."""
    return inputs_hash_of(engine.input_hash(engine_activity(inputs.activity)), inputs, options)


def activity_row_hashes(activity: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """The hashed columns and per-row hashes of stored activity rows (a part of a run); their
    concatenation over the parts gives the same :func:`inputs_hash` as the whole. No query."""
    return engine.row_hashes(engine_activity(activity))


def inputs_hash_of(activity_digest: str, inputs: Inputs, options: dict) -> str:
    """:func:`inputs_hash` from the activity rows' digest (``engine.input_hash``, or
    ``engine.rows_digest`` of the parts' row hashes) and the rest of ``inputs``; no query."""
    digest = hashlib.sha256(activity_digest.encode())
    digest.update(factors_gwp_bytes(inputs))
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def factors_gwp_bytes(inputs: Inputs) -> bytes:
    """The factors and GWP values as hashed bytes (the part of the input hash they make)."""
    factors = inputs.factors.sort_values("factor_id").reset_index(drop=True)
    parts = [pd.util.hash_pandas_object(factors, index=False).to_numpy().tobytes()]
    gwp = inputs.gwp.sort_values("species").reset_index(drop=True)
    parts.append(
        pd.util.hash_pandas_object(gwp.drop(columns=["composition"]), index=False)
        .to_numpy()
        .tobytes()
    )
    parts.append(json.dumps(list(gwp["composition"]), sort_keys=True).encode())
    return b"".join(parts)


#: Text columns of the stored activity rows; "" in the database means "not given".
_TEXT_COLUMNS = (*selectors.ACTIVITY_CATEGORICAL, *selectors.SPARSE_TEXTS)


def engine_activity(activity: pd.DataFrame) -> pd.DataFrame:
    """Stored activity rows (selectors.run_activity_frame) → core's activity frame. No query."""
    frame = activity.rename(columns={"row_number": "row"}).copy()
    frame["period"] = engine.month_labels(frame["period"], 7)
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
    # runs stored before the CH4 rule used one CH4 value unless they asked for the split
    out.setdefault("ch4", "split" if out.get("ch4_fossil_split") else "single")
    return out


def run_results(run: AccountingRun, inputs: Inputs, *, progress=None) -> tuple[pd.DataFrame, dict]:
    """Call the pure engine on the run's inputs; return (result rows, summary). No query.

    The rows are long: one per activity row and gas group with a non-zero mass or CO2e
    (:func:`calculators.core.engine.gas_rows`). The summary holds ``total_tco2e``,
    ``biogenic_t``, ``intensity`` (:func:`calculators.core.engine.run_summary`) and
    ``series``, the performance series rows (9.1.2).
    """
    activity = engine_activity(inputs.activity)
    priority = [entry["key"] for entry in run.factor_set_versions]
    table = FactorTable(inputs.factors, priority=priority)
    gwp_key = run.gwp_key or run.gwp_set.key
    gwp = GwpTable(inputs.gwp.assign(key=gwp_key), name=gwp_key)
    options = engine_options(run.options)
    wide = engine.compute(activity, table, gwp_set=gwp, options=options, progress=progress)
    summary = engine.run_summary(wide)
    rows = engine.gas_rows(wide, inputs.activity, gwp=gwp)
    # the performance series keeps what the long rows drop: energy and production (9.1.2)
    summary["series"] = series_rows(wide, inputs.activity, rows)
    # a part of a run hands these to the run's final task (calculators.services.chunks)
    summary["wide"] = wide[["co2e", "co2_biogenic", "method", "quantity"]]
    return rows, summary


#: ``RunResult`` columns (attnames) from the long rows, and their dtypes (None: as they are).
_RESULT_COLUMNS: dict[str, str | None] = {
    "record_id": "int64",
    "source_id": "int64",
    "facility_id": "int64",
    "period": None,
    "scope": "int64",
    "category": None,
    "method": None,
    "material": None,
    "gas": None,
    "gas_group": None,
    "mass_t": "float64",
    "gwp": "float64",
    "tco2e": "float64",
    "biogenic_t": "float64",
    "factors": None,
    "verification": None,
    "overridden": None,
}


def results_frame(run: AccountingRun, rows: pd.DataFrame) -> pd.DataFrame:
    """Long engine rows → RunResult columns (attnames). No query."""
    rows = rows.rename(columns={"id": "record_id"})
    columns = {"run_id": run.pk}
    for name, dtype in _RESULT_COLUMNS.items():
        column = rows[name] if dtype is None else rows[name].astype(dtype)
        columns[name] = column.to_numpy()
    return pd.DataFrame(columns)
