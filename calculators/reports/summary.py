"""Totals of an accounting run by gas, scope, category, source, facility and month (6.3.1 f, 9.1).

Pure: takes the run's results already aggregated by the database (one row per source, month,
scope, category and gas group; see :func:`calculators.reports.context.results_frame`) and
returns plain lists of dicts for templates, spreadsheets and charts. Issues no query.

Units: ``tco2e`` in tCO2e (deductions negative, GB/T 32150 E_total = E_comb + E_proc + E_in
− E_out − E_rec), ``mass_t`` in tonnes of the gas, ``biogenic_t`` in tonnes of biogenic CO2,
which is a memo item outside the total under GB/T 32150.
"""

from dataclasses import dataclass, field

import pandas as pd

from calculators.core.template import CATEGORIES, GAS_GROUPS

#: Columns of the aggregated results frame, in this order.
FRAME_COLUMNS = (
    "source_id",
    "source_code",
    "source_name",
    "source_name_en",
    "facility_code",
    "facility_name",
    "facility_name_en",
    "period",
    "scope",
    "category",
    "gas_group",
    "tco2e",
    "mass_t",
    "biogenic_t",
)
VALUE_COLUMNS = ("tco2e", "mass_t", "biogenic_t")


@dataclass
class Summary:
    """Totals of one run; every list is in report order."""

    total: float = 0.0
    gross: float = 0.0
    deductions: float = 0.0
    biogenic_t: float = 0.0
    by_gas: list[dict] = field(default_factory=list)
    by_scope: list[dict] = field(default_factory=list)
    by_category: list[dict] = field(default_factory=list)
    by_source: list[dict] = field(default_factory=list)
    by_facility: list[dict] = field(default_factory=list)
    by_month: list[dict] = field(default_factory=list)
    months: list[str] = field(default_factory=list)
    scopes: list[int] = field(default_factory=list)


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in FRAME_COLUMNS})


def _share(value: float, total: float) -> float | None:
    return value / total * 100.0 if total else None


def _ordered(keys, preferred) -> list:
    """``keys`` in the order of ``preferred``, then the others sorted."""
    return [k for k in preferred if k in keys] + sorted(k for k in keys if k not in preferred)


def _prepared(frame: pd.DataFrame, *, english: bool) -> pd.DataFrame:
    """A copy with numeric value columns, a ``month`` and the labels in the reader's language."""
    frame = frame.copy()
    for column in VALUE_COLUMNS:
        frame[column] = pd.to_numeric(frame[column]).fillna(0.0)
    frame["month"] = pd.to_datetime(frame["period"]).dt.strftime("%Y-%m")
    for kind in ("source", "facility"):
        name = frame[f"{kind}_name"]
        if english:
            name_en = frame[f"{kind}_name_en"]
            frame[f"{kind}_label"] = name_en.where(name_en.fillna("") != "", name)
        else:
            frame[f"{kind}_label"] = name
    return frame


def _by_gas(frame: pd.DataFrame, total: float) -> list[dict]:
    gases = frame.groupby("gas_group")[["tco2e", "mass_t", "biogenic_t"]].sum()
    return [
        {
            "gas": gas,
            "mass_t": float(gases.loc[gas, "mass_t"]),
            "tco2e": float(gases.loc[gas, "tco2e"]),
            "biogenic_t": float(gases.loc[gas, "biogenic_t"]),
            "share": _share(float(gases.loc[gas, "tco2e"]), total),
        }
        for gas in _ordered(gases.index, GAS_GROUPS)
    ]


def _by_category(frame: pd.DataFrame, total: float) -> list[dict]:
    categories = frame.groupby("category")[["tco2e", "biogenic_t"]].sum()
    scope_of_category = frame.groupby("category")["scope"].min()
    return [
        {
            "category": cat,
            "scope": int(scope_of_category[cat]),
            "tco2e": float(categories.loc[cat, "tco2e"]),
            "biogenic_t": float(categories.loc[cat, "biogenic_t"]),
            "share": _share(float(categories.loc[cat, "tco2e"]), total),
        }
        for cat in _ordered(categories.index, CATEGORIES)
    ]


def _by_source(frame: pd.DataFrame, total: float) -> list[dict]:
    source_keys = ["source_code", "source_label", "facility_code", "scope", "category"]
    sources = frame.groupby(source_keys, dropna=False)[["tco2e", "biogenic_t"]].sum().reset_index()
    gas_lists = frame.groupby("source_code")["gas_group"].agg(
        lambda s: ", ".join(g for g in GAS_GROUPS if g in set(s))
    )
    return [
        {
            "code": row.source_code,
            "name": row.source_label,
            "facility": row.facility_code,
            "scope": int(row.scope),
            "category": row.category,
            "gases": gas_lists.get(row.source_code, ""),
            "tco2e": float(row.tco2e),
            "biogenic_t": float(row.biogenic_t),
            "share": _share(float(row.tco2e), total),
        }
        for row in sources.sort_values("source_code").itertuples(index=False)
    ]


def _by_facility(frame: pd.DataFrame, total: float, scopes: list[int]) -> list[dict]:
    facilities = (
        frame.groupby(["facility_code", "facility_label"])[["tco2e", "biogenic_t"]]
        .sum()
        .reset_index()
        .sort_values("facility_code")
    )
    by_fac_scope = frame.pivot_table(
        index="facility_code", columns="scope", values="tco2e", aggfunc="sum", fill_value=0.0
    )
    return [
        {
            "code": row.facility_code,
            "name": row.facility_label,
            "tco2e": float(row.tco2e),
            "biogenic_t": float(row.biogenic_t),
            "by_scope": [float(by_fac_scope.loc[row.facility_code, s]) for s in scopes],
            "share": _share(float(row.tco2e), total),
        }
        for row in facilities.itertuples(index=False)
    ]


def summarise(frame: pd.DataFrame, *, english: bool = False) -> Summary:
    """Totals of an aggregated results frame (columns :data:`FRAME_COLUMNS`).

    ``english`` picks ``*_name_en`` for labels (falling back to the Chinese name when blank).
    Shares are percentages of the net total. Issues no query.
    """
    out = Summary()
    if frame.empty:
        return out
    frame = _prepared(frame, english=english)
    total = float(frame["tco2e"].sum())
    out.total = total
    out.gross = float(frame.loc[frame["tco2e"] > 0, "tco2e"].sum())
    out.deductions = float(frame.loc[frame["tco2e"] < 0, "tco2e"].sum())
    out.biogenic_t = float(frame["biogenic_t"].sum())
    out.by_gas = _by_gas(frame, total)
    scopes = frame.groupby("scope")["tco2e"].sum().sort_index()
    out.scopes = [int(s) for s in scopes.index]
    out.by_scope = [
        {"scope": int(scope), "tco2e": float(value), "share": _share(float(value), total)}
        for scope, value in scopes.items()
    ]
    out.by_category = _by_category(frame, total)
    out.by_source = _by_source(frame, total)
    out.by_facility = _by_facility(frame, total, out.scopes)
    months = frame.pivot_table(
        index="month", columns="scope", values="tco2e", aggfunc="sum", fill_value=0.0
    ).sort_index()
    out.months = list(months.index)
    out.by_month = [
        {
            "month": month,
            "tco2e": float(months.loc[month].sum()),
            "by_scope": [float(months.loc[month, s]) for s in out.scopes],
        }
        for month in months.index
    ]
    return out
