"""Totals, production and intensity of an engine result (6.3.1 f, 9.1.2; GB/T 32150-2015).

No Django, no query.
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from calculators.core import methods

from .spec import GAS_COLUMNS, OUTPUT_COLUMNS

#: The columns :func:`totals` sums: the numeric result columns.
SUM_COLUMNS: tuple[str, ...] = OUTPUT_COLUMNS


def totals(
    result: pd.DataFrame, by: str | Sequence[str] | None = None
) -> "pd.DataFrame | pd.Series":
    """Sums of gas masses (t), biogenic memo (t), CO2e (t) and energy (GJ).

    ``by``: None (one Series), or columns such as ``scope``, ``category``, ``source``,
    ``facility``, ``period`` (month), ``method``. Production rows contribute zeros.
    """
    cols = [c for c in SUM_COLUMNS if c in result]
    if by is None:
        return result[cols].sum()
    return result.groupby(by, observed=True, sort=True)[cols].sum()


def totals_by_gas(result: pd.DataFrame) -> pd.Series:
    """Total mass per gas group (t), indexed by the group names of clause 3."""
    s = result[list(GAS_COLUMNS.values())].sum()
    s.index = list(GAS_COLUMNS)
    return s


def production(result: pd.DataFrame, per: str = "t", by=None):
    """Production quantity: t of product (``per='t'``) or 万元 of output value (``'万元'``)."""
    method = "production_output" if per == "t" else "production_value"
    rows = result[result["method"] == method]
    if by is None:
        return float(rows["quantity"].sum())
    return rows.groupby(by, observed=True)["quantity"].sum()


def intensity(result: pd.DataFrame, per: str = "t", by=None):
    """Emission intensity (ACCOUNTING.md 11): total tCO2e / production.

    ``per='t'``: tCO2e per t of product; ``per='万元'``: per 10⁴ CNY of output value
    (1 亿元 = 10⁴ 万元; the quantities are already in 万元). NaN where production is 0.
    With ``by``, a frame of co2e, production and intensity per group.
    """
    if by is None:
        return float(methods.intensity(result["co2e"].sum(), production(result, per)))
    e = result.groupby(by, observed=True)["co2e"].sum()
    p = production(result, per, by).reindex(e.index).fillna(0.0)
    return pd.DataFrame(
        {"co2e": e, "production": p, "intensity": methods.intensity(e.to_numpy(), p.to_numpy())}
    )


def intensity_summary(result: pd.DataFrame) -> dict:
    """Intensity per t of product and per 万元 of output value (ACCOUNTING.md 11), for the
    kinds of production the result has: ``{"per_t": {"production", "intensity"},
    "per_wan_yuan": {…}}``; a kind without production (or a non-finite intensity) is left out."""
    out = {}
    for per, key in (("t", "per_t"), ("万元", "per_wan_yuan")):
        amount = production(result, per)
        value = intensity(result, per) if amount else float("nan")
        if amount and np.isfinite(value):
            out[key] = {"production": float(amount), "intensity": float(value)}
    return out


def run_summary(result: pd.DataFrame) -> dict:
    """What a run keeps of its result: ``total_tco2e``, ``biogenic_t`` (NaN rows skipped) and
    :func:`intensity_summary` as ``intensity``."""
    return {
        "total_tco2e": float(np.nansum(result["co2e"].to_numpy(dtype=float))),
        "biogenic_t": float(np.nansum(result["co2_biogenic"].to_numpy(dtype=float))),
        "intensity": intensity_summary(result),
    }
