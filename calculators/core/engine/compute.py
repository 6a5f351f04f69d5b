"""compute(): the per-row results of an activity frame, and what they were computed from.

T/CSES 146-2024 6.3.1 (f) (emissions per source, gas, scope, facility, month), 6.3.2 (every
result names its factors: the traceability columns, :func:`trace`, :func:`factor_values`);
GB/T 32150-2015. No Python loop per row: every per-row column is a gather from a
per-combination table, or ``quantity × coefficient``. No Django, no query.
"""

from collections.abc import Callable
from dataclasses import asdict

import numpy as np
import pandas as pd

from calculators.core.factors import FactorTable
from calculators.core.gwp import GROUPS, GwpError, GwpTable
from calculators.core.issues import EngineError, Issue
from calculators.core.messages import (
    UNKNOWN_CH4_ORIGIN,
    UNKNOWN_GAS,
    UNKNOWN_GWP_SET,
    UNKNOWN_OPTION,
)

from .annotate import annotate
from .coefficients import ch4_gwp_of, coefficients, gas_properties, with_defaults
from .prepare import as_category, prepare
from .resolve import Resolution, missing_factor_issues, resolve
from .spec import (
    BIOMASS_RULES,
    CH4_ORIGIN_ALIASES,
    CH4_RULES,
    CHUNK,
    METHOD_INDEX,
    NEEDS,
    OUTPUT_COLUMNS,
    OVERRIDE_BIT,
    PARAM_INDEX,
    PARAMS,
    UNKNOWN_METHOD,
    Options,
)


def compute(
    activity: pd.DataFrame,
    factors: FactorTable,
    *,
    gwp_set: "str | pd.DataFrame | GwpTable",
    options: "Options | dict | None" = None,
    progress: Callable[[float], None] | None = None,
) -> pd.DataFrame:
    """Per-row results of an activity frame (6.3.1 f); see the package docstring.

    ``activity``: the intake frame (template columns; ``quantity``/``unit`` or
    ``quantity_normalised``/``unit_normalised``); optional ``scope``/``category`` columns
    (from the source register) take precedence over the method defaults.
    ``gwp_set``: ``SAR``/``AR4``/``AR5``/``AR6`` (shipped values) or a GWP frame/table.
    Returns a frame aligned with ``activity``'s index with :data:`RESULT_COLUMNS` plus the
    passthrough columns ``row``, ``source``, ``facility``, ``period``, ``material``, ``gas``
    where present; ``attrs`` holds ``gwp_set``, ``options`` and the core's per-combination
    tables (read them with :func:`trace` and :func:`factor_values`; the trace gives per combination
    and parameter: value, unit, set, year, source, verification, factor_id).
    Raises :class:`EngineError` (strict) when a row lacks a factor or a gas lacks a GWP.
    """
    options = Options.of(options)
    bad_options = option_issues(options)
    if bad_options:
        raise EngineError(bad_options)
    gwp = _gwp_table(gwp_set)
    origin_pos, origin_nf, bad_origin = ch4_origin_rows(activity)
    if bad_origin:
        raise EngineError(bad_origin)
    res = resolve(activity, factors, options)
    if progress:
        progress(0.3)
    gprops, unknown_gases = gas_properties(res, gwp, options)
    issues = _issues(res, activity, unknown_gases)
    if issues and options.strict:
        raise EngineError(issues)
    # combination coefficients (library values + defaults)
    params = with_defaults(res.u_m, res.lib.copy())
    coef = coefficients(res.u_m, res.u_dim, res.u_out, params, gprops, options)
    mask, ov_rows = _override_rows(res)
    coef_o = _override_coefficients(res, ov_rows, gprops, options) if len(ov_rows) else {}
    out = _gather(res, coef, ov_rows, coef_o)
    out["gwp_ch4"] = gprops["gwp_ch4"].take(res.combo)
    if len(origin_pos):
        _ch4_origin_apply(out, origin_pos, origin_nf, gwp, options)
    if progress:
        progress(0.8)
    out.update(annotate(activity, res, mask, ov_rows, gprops, gwp))
    result = pd.DataFrame(out, index=activity.index, copy=False)
    result.attrs["gwp_set"] = gwp.name
    result.attrs["options"] = asdict(options)
    result.attrs["core"] = _Shared(
        {
            "trace": res.trace,
            "combo_gwp": {grp: gprops["gw_" + grp] for grp in GROUPS},
            "combo_name": res.u_name,
            "combo_lib": res.lib,
            "combo_method": res.u_m,
            "combo_year": res.u_year,
        }
    )
    if progress:
        progress(1.0)
    return result


def _gwp_table(gwp_set) -> GwpTable:
    try:
        return gwp_set if isinstance(gwp_set, GwpTable) else GwpTable(gwp_set)
    except GwpError as exc:
        raise EngineError(
            [Issue("unknown_gwp_set", UNKNOWN_GWP_SET, {"value": str(gwp_set)})]
        ) from exc


def option_issues(options: Options) -> list[Issue]:
    """An unknown biomass or CH4 rule, as issues naming the option and the value (8.5)."""
    issues = []
    for name, value, allowed in (
        ("biomass", options.biomass_rule, BIOMASS_RULES),
        ("ch4", options.ch4 or "auto", CH4_RULES),
    ):
        if value not in allowed:
            issues.append(
                Issue(
                    "unknown_option",
                    UNKNOWN_OPTION,
                    {"column": name, "value": str(value), "allowed": ", ".join(allowed)},
                )
            )
    return issues


def ch4_origin_rows(activity: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list[Issue]]:
    """Rows whose ``ch4_origin`` says where their methane comes from (a per-row override of
    the material's origin): (positions, non-fossil flags, issues for values that are neither
    ``fossil`` nor ``non_fossil``, naming row, column and value). Per distinct value."""
    empty = np.zeros(0, dtype=np.intp)
    if "ch4_origin" not in activity:
        return empty, np.zeros(0, dtype=bool), []
    cat = as_category(activity["ch4_origin"])
    names = [str(c).strip() for c in cat.cat.categories]
    origin = [CH4_ORIGIN_ALIASES.get(n.lower(), "?" if n else "") for n in names]
    codes = cat.cat.codes.to_numpy()
    valid = np.array([o != "?" for o in origin] + [True])
    nf = np.array([o == "non_fossil" for o in origin] + [False])
    given = np.array([o in ("fossil", "non_fossil") for o in origin] + [False])
    bad = np.flatnonzero(~valid[codes])
    rows = row_numbers(activity)
    issues = [
        Issue(
            "unknown_ch4_origin",
            UNKNOWN_CH4_ORIGIN,
            {"row": int(rows[p]), "column": "ch4_origin", "value": names[codes[p]]},
        )
        for p in bad.tolist()
    ]
    pos = np.flatnonzero(given[codes])
    return pos, nf[codes[pos]], issues


def row_numbers(activity: pd.DataFrame) -> np.ndarray:
    """File row numbers for messages: ``row``, else ``row_number``, else 2, 3, … (header = 1)."""
    for name in ("row", "row_number"):
        if name in activity:
            return activity[name].to_numpy()
    return np.arange(len(activity)) + 2


def _ch4_origin_apply(out: dict, pos, non_fossil, gwp: GwpTable, options: Options) -> None:
    """The rows that name their methane's origin: their CH4 GWP, and their CO2e (or the CO2e
    left out of the total under the ``exclude`` rule) by the CH4 mass × the GWP difference."""
    new = ch4_gwp_of(non_fossil, gwp, options)
    delta = out["ch4"][pos] * (new - out["gwp_ch4"][pos])
    excluded = out["co2e_excluded"][pos] != 0
    out["gwp_ch4"][pos] = new
    out["co2e"][pos] += np.where(excluded, 0.0, delta)
    out["co2e_excluded"][pos] += np.where(excluded, delta, 0.0)


def _issues(res: Resolution, activity: pd.DataFrame, unknown_gases: list[str]) -> list[Issue]:
    """Rows lacking a factor, and rows releasing a gas the GWP set does not know."""
    issues: list[Issue] = []
    if len(res.missing_rows):
        issues.extend(missing_factor_issues(res, activity))
    if unknown_gases:
        for pos in np.flatnonzero(np.isin(res.u_name[res.combo], list(set(unknown_gases)))):
            issues.append(
                Issue(
                    "unknown_gas",
                    UNKNOWN_GAS,
                    {
                        "row": int(res.prep.rows[pos]),
                        "column": "gas",
                        "value": res.u_name[res.combo[pos]],
                    },
                )
            )
    return issues


def _override_rows(res: Resolution) -> tuple[np.ndarray, np.ndarray]:
    """(override mask per row, sorted positions of the rows with an override their method
    reads): only the overrides the row's method reads count."""
    prep = res.prep
    used_bits = np.zeros(UNKNOWN_METHOD + 1, dtype=np.int32)
    for method_key, needs in NEEDS.items():
        for need in needs:
            used_bits[METHOD_INDEX[method_key]] |= OVERRIDE_BIT.get(need.slot, 0)
    mask = np.zeros(prep.n, dtype=np.int32)
    used_pos = []
    for slot, (pos, _values) in prep.overrides.items():
        bit = OVERRIDE_BIT.get(slot, 0)
        p = pos[(used_bits[res.u_m[res.combo[pos]]] & bit) != 0]
        if len(p):
            mask[p] |= bit
            used_pos.append(p)
    ov_rows = np.unique(np.concatenate(used_pos)) if used_pos else np.zeros(0, dtype=np.intp)
    return mask, ov_rows


def _override_coefficients(
    res: Resolution, ov_rows: np.ndarray, gprops: dict, options: Options
) -> dict[str, np.ndarray]:
    """Coefficients of the overridden rows: their combination's library values with the
    row's measured values in their place (6.3.1 e)."""
    c = res.combo[ov_rows]
    params = res.lib[c].copy()
    for slot, (pos, values) in res.prep.overrides.items():
        if slot in PARAM_INDEX:
            k = np.minimum(np.searchsorted(ov_rows, pos), len(ov_rows) - 1)
            hit = ov_rows[k] == pos
            params[k[hit], PARAM_INDEX[slot]] = values[hit]
    params = with_defaults(res.u_m[c], params)
    gsub = {k: v[c] for k, v in gprops.items()}
    return coefficients(res.u_m[c], res.u_dim[c], res.u_out[c], params, gsub, options)


def _gather(
    res: Resolution, coef: dict, ov_rows: np.ndarray, coef_o: dict
) -> dict[str, np.ndarray]:
    """The numeric result columns: ``quantity × coefficient[combination]``.

    The non-zero columns go into one block (a single allocation), a chunk of rows at a time
    so that its combos and quantities stay in cache across the columns; all-zero columns are
    zeros. Rows lacking a factor are NaN.
    """
    n, q = res.prep.n, res.prep.q
    nonzero = [
        col for col in OUTPUT_COLUMNS if np.any(coef[col]) or (len(ov_rows) and np.any(coef_o[col]))
    ]
    block = np.empty((len(nonzero), n))
    if nonzero:
        table = [coef[col] for col in nonzero]
        for start in range(0, n, CHUNK):
            rows = slice(start, start + CHUNK)
            combo, qc = res.combo[rows], q[rows]
            for j, cvec in enumerate(table):
                np.multiply(cvec.take(combo), qc, out=block[j, rows])
        if len(ov_rows):
            block[:, ov_rows] = np.stack([coef_o[col] for col in nonzero]) * q[ov_rows]
        if len(res.missing_rows):
            block[:, res.missing_rows] = np.nan
    out: dict[str, np.ndarray] = {}
    for col in OUTPUT_COLUMNS:
        if col in nonzero:
            out[col] = block[nonzero.index(col)]
        else:
            out[col] = np.zeros(n)
            if len(res.missing_rows):
                out[col][res.missing_rows] = np.nan
    return out


class _Shared:
    """Holder for the result's per-combination tables in ``attrs``.

    pandas deep-copies ``attrs`` on every derived frame or column; the tables never change
    after compute(), so a deep copy returns the same holder (column access stays cheap).
    """

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __deepcopy__(self, memo):
        return self


def trace(result: pd.DataFrame) -> pd.DataFrame:
    """Per combination (``factor_combo``) and parameter: the library factor used, with value,
    unit, set, version, year, source, verification and factor_id (6.3.2)."""
    return result.attrs["core"].value["trace"]


def factor_values(result: pd.DataFrame, activity: pd.DataFrame) -> pd.DataFrame:
    """Per row, the value of every parameter its method used (canonical units; NaN = not used).

    The row's measured override where given, else the library value of its combination;
    columns :data:`PARAMS` (``ncv`` GJ/t or GJ/m³, ``carbon_content`` tC/GJ, ``ef_*`` t gas
    per canonical quantity unit, fractions …). Meant for reports and exports of a few rows.
    """
    info = result.attrs["core"].value
    combo = result["factor_combo"].to_numpy()
    lib = info["combo_lib"][combo]
    prep = prepare(activity)
    used = np.zeros((len(info["combo_method"]), len(PARAMS)), dtype=bool)
    for method_key, needs in NEEDS.items():
        sel = info["combo_method"] == METHOD_INDEX[method_key]
        for need in needs:
            used[sel, PARAM_INDEX[need.slot]] = True
    out = {}
    for slot, j in PARAM_INDEX.items():
        values = lib[:, j].copy()
        if slot in prep.overrides:
            pos, given = prep.overrides[slot]
            values[pos] = given
        out[slot] = np.where(used[combo, j], values, np.nan)
    return pd.DataFrame(out, index=result.index)
