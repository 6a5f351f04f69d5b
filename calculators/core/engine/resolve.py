"""Library factors per combination, and the rows that lack a required factor.

T/CSES 146-2024 6.3.1 (e), 6.3.2 (every result names its factors). One
:meth:`FactorTable.choose` per preference group over a few hundred (combination, parameter)
keys, never over the rows. No Django, no query.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.core import template
from calculators.core.factors import IPCC_PREFERENCE, FactorTable
from calculators.core.issues import Issue
from calculators.core.messages import MISSING_FACTOR
from calculators.core.normalise import DIMS

from .prepare import Prepared, prepare
from .spec import IPCC_METHODS, METHOD_INDEX, NEEDS, PARAM_INDEX, PARAMS, Options

_ENERGY = DIMS.index(template.ENERGY)
_VOLUME = DIMS.index(template.VOLUME)
#: Rank of each slot name: the trace is sorted by (combination, slot name).
_SLOT_RANK = {p: i for i, p in enumerate(sorted(PARAMS))}


@dataclass
class Resolution(Prepared):
    """A :class:`Prepared` frame with its library factors per combination and the rows that
    lack a required one."""

    lib: np.ndarray  # U × len(PARAMS), canonical values, NaN = none
    trace: pd.DataFrame  # per (combo, parameter) provenance
    missing_rows: np.ndarray  # row positions lacking a required factor
    missing_params: list[str]  # parameter per missing row

    @property
    def prep(self) -> Prepared:
        """The prepared frame (this resolution itself)."""
        return self


def _per_dim(rule: str, dim: np.ndarray) -> np.ndarray:
    if rule != "q":
        return np.full(len(dim), rule, dtype=object)
    names = np.asarray([*DIMS, "", "", ""], dtype=object)
    return names[np.where(dim < 0, len(DIMS), dim)]


def resolve(activity_or_prep, factors: FactorTable, options: Options | None = None) -> Resolution:
    """Resolve library factors per combination and find rows lacking a required factor."""
    options = Options.of(options)
    prep = activity_or_prep if isinstance(activity_or_prep, Prepared) else prepare(activity_or_prep)
    lib = np.full((len(prep.u_m), len(PARAMS)), np.nan)
    keys = _lookup_keys(prep)
    if keys is not None:
        trace = _look_up(keys, prep, factors, options, lib)
    else:
        trace = pd.DataFrame(columns=["combo", "slot", "material", "parameter", "gas", "value"])
    res = Resolution(
        **vars(prep),
        lib=lib,
        trace=trace,
        missing_rows=np.zeros(0, dtype=np.int64),
        missing_params=[],
    )
    _find_missing(res)
    return res


def _lookup_keys(prep: Prepared) -> dict[str, np.ndarray] | None:
    """Per method, its parameters for its combinations, sorted by (combination, slot name)."""
    u_m, u_dim = prep.u_m, prep.u_dim
    pieces: dict[str, list] = {k: [] for k in ("combo", "slot", "parameter", "gas", "rule")}
    for method_key, needs in NEEDS.items():
        sel = np.flatnonzero(u_m == METHOD_INDEX[method_key])
        if not len(sel):
            continue
        for need in needs:
            s = sel
            if need.slot == "ncv":
                s = sel[u_dim[sel] != _ENERGY]
            if need.slot == "density":
                s = sel[u_dim[sel] == _VOLUME]
            if not len(s):
                continue
            pieces["combo"].append(s)
            for name in ("slot", "parameter", "gas"):
                pieces[name].append(np.full(len(s), getattr(need, name), dtype=object))
            pieces["rule"].append(_per_dim(need.per_dim, u_dim[s]))
    if not pieces["combo"]:
        return None
    k_combo = np.concatenate(pieces["combo"])
    slot = np.concatenate(pieces["slot"])
    order = np.argsort(
        k_combo * len(PARAMS) + np.array([_SLOT_RANK[x] for x in slot.tolist()]), kind="stable"
    )
    k_combo = k_combo[order]
    return {
        "combo": k_combo,
        "slot": slot[order],
        "material": prep.u_name[k_combo],
        "parameter": np.concatenate(pieces["parameter"])[order],
        "gas": np.concatenate(pieces["gas"])[order],
        "per_dim": np.concatenate(pieces["rule"])[order],
        "year": prep.u_year[k_combo].astype(float),
        "ipcc": np.isin(u_m[k_combo], [METHOD_INDEX[m] for m in IPCC_METHODS]),
    }


def _look_up(
    cols: dict, prep: Prepared, factors: FactorTable, options: Options, lib: np.ndarray
) -> pd.DataFrame:
    """Choose a library row per key (the IPCC methods prefer the IPCC sets of the run's
    sector), fill ``lib`` with the values found and return the trace frame."""
    prefer_ipcc = IPCC_PREFERENCE[::-1] if options.ipcc_sector == "energy" else IPCC_PREFERENCE
    keys = [cols[c] for c in ("material", "parameter", "gas", "per_dim", "year")]
    chosen = np.full(len(cols["combo"]), -1, dtype=np.int64)
    for is_ipcc in (False, True):
        at = np.flatnonzero(cols["ipcc"] == is_ipcc)
        if len(at):
            chosen[at] = factors.choose(
                [k[at] for k in keys], prefer=prefer_ipcc if is_ipcc else ()
            )
    cols.update(factors.rows_at(chosen))
    value = cols["value"].astype(float)
    ok = ~np.isnan(value)
    slots = np.array([PARAM_INDEX[x] for x in cols["slot"][ok].tolist()], dtype=np.intp)
    lib[cols["combo"][ok], slots] = value[ok]
    return pd.DataFrame(cols)


def _rows_of(res: Resolution, combos: np.ndarray) -> np.ndarray:
    """Row positions whose combination is one of ``combos``."""
    flag = np.zeros(len(res.u_m), dtype=bool)
    flag[combos] = True
    return np.flatnonzero(flag[res.combo])


def _without_override(rows: np.ndarray, prep: Prepared, slot: str) -> np.ndarray:
    """``rows`` less those that give ``slot`` themselves (a measured value, 6.3.1 e)."""
    if slot in prep.overrides:
        return rows[~np.isin(rows, prep.overrides[slot][0])]
    return rows


def _find_missing(res: Resolution) -> None:
    """Rows whose method needs a factor found neither in the library nor in the row."""
    prep = res.prep
    rows_out: list[np.ndarray] = []
    params_out: list[str] = []
    for method_key, needs in NEEDS.items():
        combos = np.flatnonzero(res.u_m == METHOD_INDEX[method_key])
        if not len(combos):
            continue
        for need in needs:
            if not need.required:
                continue
            lacking = combos[np.isnan(res.lib[combos, PARAM_INDEX[need.slot]])]
            if need.slot == "ncv":
                lacking = lacking[res.u_dim[lacking] != _ENERGY]
            if not len(lacking):
                continue
            rows = _without_override(_rows_of(res, lacking), prep, need.slot)
            rows_out.append(rows)
            params_out.extend([need.slot] * len(rows))
    # direct_ef needs at least one gas factor
    combos = np.flatnonzero(res.u_m == METHOD_INDEX["direct_ef"])
    if len(combos):
        ef = [PARAM_INDEX["ef_co2"], PARAM_INDEX["ef_ch4"], PARAM_INDEX["ef_n2o"]]
        any_lib = ~np.isnan(res.lib[:, ef]).all(axis=1)
        rows = _rows_of(res, combos[~any_lib[combos]])
        for slot in ("ef_co2", "ef_ch4", "ef_n2o"):
            rows = _without_override(rows, prep, slot)
        rows_out.append(rows)
        params_out.extend(["ef"] * len(rows))
    if rows_out:
        res.missing_rows = np.concatenate(rows_out)
        res.missing_params = params_out


def missing_factor_issues(res: Resolution, activity: pd.DataFrame) -> list[Issue]:
    """One :data:`MISSING_FACTOR` issue per row and lacking parameter."""
    issues = []
    mats = activity.get("material", None)
    for pos, param in zip(res.missing_rows.tolist(), res.missing_params, strict=True):
        value = res.u_name[res.combo[pos]]
        if mats is not None and isinstance(mats.iloc[pos], str) and mats.iloc[pos].strip():
            value = mats.iloc[pos].strip()
        issues.append(
            Issue(
                "missing_factor",
                MISSING_FACTOR,
                {
                    "row": int(res.prep.rows[pos]),
                    "column": "material",
                    "value": value,
                    "parameter": param,
                    "year": int(res.u_year[res.combo[pos]]),
                },
            )
        )
    return issues


def missing_factors(
    activity: pd.DataFrame, factors: FactorTable, options: Options | None = None
) -> list[Issue]:
    """One :data:`MISSING_FACTOR` issue per row of ``activity`` and parameter that neither the
    library nor the row gives (intake's last check, 8.5)."""
    return missing_factor_issues(resolve(activity, factors, options), activity)
