"""Carbon performance series, objectives progress and deviation rules (6.3.2, 6.5, 6.6, 9.1).

Pure: frames and numbers in, frames and numbers out; imports nothing from Django and issues
no query. The Django layer (:mod:`calculators.performance`) stores what :func:`series_rows`
returns and feeds the stored series back into :func:`linear_path`, :func:`deviation_pct`,
:func:`progress_status`, :func:`path_breaches` and :func:`source_changes`.

Units: emissions in tCO2e, energy in GJ (1 tce = 29.3076 GJ, GB/T 2589), production in t,
output value in 万元 (10⁴ CNY).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calculators.core.engine import GAS_COLUMNS

#: GJ per tonne of coal equivalent (GB/T 2589-2020: 1 kgce = 29.3076 MJ).
GJ_PER_TCE = 29.3076
#: Gas groups of clause 3, in the order of the series' per-gas columns.
GAS_GROUPS: tuple[str, ...] = tuple(GAS_COLUMNS)
#: Per-gas CO2e columns of a series row, by gas group.
GAS_FIELDS: dict[str, str] = {g: "tco2e_" + g.lower() for g in GAS_GROUPS}
#: Key columns of a series row: one row per month, source, facility, scope, category, carrier.
KEY_COLUMNS: tuple[str, ...] = (
    "period",
    "source_id",
    "facility_id",
    "scope",
    "category",
    "carrier",
)
#: Numeric columns of a series row.
VALUE_COLUMNS: tuple[str, ...] = (
    "tco2e",
    *GAS_FIELDS.values(),
    "biogenic_t",
    "energy_gj",
    "production_t",
    "output_wan",
)
#: Methods whose carrier is the method itself (electricity and heat have no material).
_CARRIER_METHODS = (
    "purchased_electricity",
    "exported_electricity",
    "purchased_heat",
    "exported_heat",
    "steam_heat",
)


def _finite(values: np.ndarray) -> np.ndarray:
    """``values`` with NaN as 0 (rows without a factor in a non-strict run)."""
    nan = np.isnan(values)
    return np.where(nan, 0.0, values) if nan.any() else values


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) of a column, per distinct value; categoricals stay cheap."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), np.asarray(column.cat.categories, dtype=object)
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object)


def _carriers(keys: pd.DataFrame, m_codes, m_labels, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(code, labels) of each row's carrier: the material (fuel) or, for electricity and
    heat without a material, the method; the last label is blank."""
    if "material" in keys:
        mat_codes, mat_uniques = _codes(keys["material"])
    else:
        mat_codes, mat_uniques = np.full(n, -1), np.asarray([], dtype=object)
    mat_labels = [("" if pd.isna(u) else str(u)) for u in mat_uniques]
    no_material = np.asarray([label == "" for label in mat_labels] + [True])[mat_codes]
    by_method = np.asarray([label in _CARRIER_METHODS for label in m_labels] + [False])
    carrier_codes = np.where(
        by_method[m_codes] & no_material, len(mat_labels) + m_codes, np.maximum(mat_codes, -1)
    )
    carrier_labels = np.asarray([*mat_labels, *m_labels, ""], dtype=object)
    return np.where(carrier_codes < 0, len(carrier_labels) - 1, carrier_codes), carrier_labels


def _group_ids(parts: list[np.ndarray], n: int) -> np.ndarray:
    """A dense group number per row from the rows' dense key codes (one int64 key per row)."""
    sizes = [int(part.max()) + 1 for part in parts]
    if float(np.prod(np.asarray(sizes, dtype=float))) < 2.0**62:
        key = np.zeros(n, dtype="int64")
        for part, size in zip(parts, sizes, strict=True):
            key = key * size + part
        return pd.factorize(key)[0]
    group = np.zeros(n, dtype="int64")  # dense after each step: the key never overflows
    for part, size in zip(parts, sizes, strict=True):
        group = pd.factorize(group * size + part)[0]
    return group


def series_rows(wide: pd.DataFrame, keys: pd.DataFrame, gas_rows: pd.DataFrame) -> pd.DataFrame:
    """Aggregate an accounting's per-row results into series rows (6.3.2, 9.1.2).

    ``wide``: the engine's result (:func:`calculators.core.engine.compute`), one row per
    activity row: ``co2e``, ``co2_biogenic``, ``energy_gj``, ``method``, ``quantity``
    (canonical: t, 万元), ``scope``, ``category``.
    ``keys``: aligned with ``wide``: ``period`` (``YYYY-MM…`` text or dates), ``source_id``,
    ``facility_id``, ``material``.
    ``gas_rows``: the long rows (``row_pos``, ``gas_group``, ``tco2e``), one per activity row
    and gas group, whose CO2e add up to the row's CO2e.

    Returns one row per :data:`KEY_COLUMNS` with :data:`VALUE_COLUMNS`: ``tco2e`` (t CO2e),
    per-gas CO2e, biogenic memo (t), energy (GJ; exports negative), production (t) and output
    value (万元). ``period`` is the month's first day as ``YYYY-MM-01`` text. The carrier is
    the material (fuel) or, for electricity and heat, the method. No query.
    """
    n = len(wide)
    if n == 0:
        return pd.DataFrame(columns=[*KEY_COLUMNS, *VALUE_COLUMNS])
    # every text key is handled as integer codes; strings are looked at once per distinct value
    m_codes, m_uniques = _codes(wide["method"])
    m_labels = np.asarray([str(u) for u in m_uniques], dtype=object)
    carrier_codes, carrier_labels = _carriers(keys, m_codes, m_labels, n)
    c_codes, c_uniques = _codes(wide["category"])
    c_labels = np.asarray([*(str(u) for u in c_uniques), ""], dtype=object)
    p_codes, p_uniques = _codes(keys["period"])
    p_labels = np.asarray([f"{str(u)[:7]}-01" for u in p_uniques], dtype=object)
    source = keys["source_id"].to_numpy(dtype="int64")
    facility = keys["facility_id"].to_numpy(dtype="int64")
    scope = wide["scope"].to_numpy(dtype="int64")
    # one int64 key per row from dense codes, then one factorize and a bincount per value
    parts = [
        p_codes.astype("int64"),
        pd.factorize(source)[0],
        pd.factorize(facility)[0],
        pd.factorize(scope)[0],
        np.where(c_codes < 0, len(c_labels) - 1, c_codes).astype("int64"),
        carrier_codes.astype("int64"),
    ]
    group = _group_ids(parts, n)
    size = int(group.max()) + 1
    first = np.full(size, n, dtype="int64")
    np.minimum.at(first, group, np.arange(n))

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(group, weights=_finite(values), minlength=size)

    quantity = _finite(wide["quantity"].to_numpy(dtype=float))
    production = (m_labels == "production_output")[m_codes]
    value = (m_labels == "production_value")[m_codes]
    out = {
        "period": p_labels[p_codes[first]],
        "source_id": source[first],
        "facility_id": facility[first],
        "scope": scope[first],
        "category": c_labels[np.where(c_codes < 0, len(c_labels) - 1, c_codes)[first]],
        "carrier": carrier_labels[carrier_codes[first]],
        "tco2e": total(wide["co2e"].to_numpy(dtype=float)),
    }
    pos = gas_rows["row_pos"].to_numpy(dtype="int64")
    g_codes, g_uniques = _codes(gas_rows["gas_group"])
    gas_group = group[pos]
    tco2e = gas_rows["tco2e"].to_numpy(dtype=float)
    index = {str(u): i for i, u in enumerate(g_uniques)}
    for g, name in GAS_FIELDS.items():
        sel = g_codes == index.get(g, -2)
        out[name] = np.bincount(gas_group[sel], weights=tco2e[sel], minlength=size)
    out["biogenic_t"] = total(wide["co2_biogenic"].to_numpy(dtype=float))
    out["energy_gj"] = total(wide["energy_gj"].to_numpy(dtype=float))
    out["production_t"] = total(np.where(production, quantity, 0.0))
    out["output_wan"] = total(np.where(value, quantity, 0.0))
    frame = pd.DataFrame(out)
    return frame.sort_values(list(KEY_COLUMNS), kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- objectives
def linear_path(
    baseline_year: int, baseline: float, target_year: int, target: float, years
) -> np.ndarray:
    """Value of the straight path from (baseline year, baseline) to (target year, target) in
    each of ``years`` (6.6: a schedule of the reduction); flat outside the two years."""
    years = np.asarray(years, dtype=float)
    span = float(target_year - baseline_year)
    if span <= 0:
        return np.full(years.shape, float(target))
    share = np.clip((years - baseline_year) / span, 0.0, 1.0)
    return baseline + (target - baseline) * share


def deviation_pct(actual, path, *, decreasing: bool):
    """How much worse than the path ``actual`` is, in % of the path (negative = better).

    ``decreasing``: the target is below the baseline (emissions, intensity), so a higher
    actual is worse; otherwise (a share to raise) a lower actual is worse. NaN where the
    path is 0 or a value is missing, except that an actual of 0 on a path of 0 is on it (0 %):
    a share that starts from nothing.
    """
    actual = np.asarray(actual, dtype=float)
    path = np.asarray(path, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = (actual - path) / np.abs(path) * 100.0
    gap = np.where(path == 0, np.where(actual == 0, 0.0, np.nan), gap)
    return gap if decreasing else -gap


#: Status keys of :func:`progress_status`.
ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = "on_track", "at_risk", "off_track", "no_data"


def progress_status(deviation: float, at_risk_pct: float, off_track_pct: float) -> str:
    """On track up to ``at_risk_pct`` % worse than the path, at risk up to ``off_track_pct``,
    off track beyond (thresholds on the objective, 9.1.2 f); no data when NaN."""
    if deviation is None or not np.isfinite(deviation):
        return NO_DATA
    if deviation <= at_risk_pct:
        return ON_TRACK
    if deviation <= off_track_pct:
        return AT_RISK
    return OFF_TRACK


# --------------------------------------------------------------------------- deviation rules
@dataclass(frozen=True)
class Breach:
    """One month that breaks a rule (9.1.3): the value, what it is compared with, the gap."""

    period: str
    value: float
    reference: float
    pct: float
    source_id: int | None = None


def monthly_path(base_months: pd.Series, path_value: float) -> pd.Series:
    """The target path of each month of a year: the year's path × the month's share of the
    base year (``base_months`` indexed by month number 1–12).

    Keeps the base year's seasonality (winter heating, summer cooling), so a cold January is
    not read as a deviation; without a full base year every month gets a twelfth. No query.
    """
    months = pd.Index(range(1, 13))
    total = float(base_months.sum()) if len(base_months) == 12 else 0.0
    if not total:
        return pd.Series(path_value / 12.0, index=months)
    return base_months.reindex(months) / total * path_value


def path_breaches(
    actual: pd.Series, path: pd.Series, pct: float, *, decreasing: bool = True
) -> list[Breach]:
    """Months whose actual is worse than their path by more than ``pct`` % (9.1.3).

    ``actual`` and ``path`` indexed alike (e.g. ``YYYY-MM``); months missing from either are
    skipped.
    """
    both = pd.concat({"actual": actual, "path": path}, axis=1).dropna()
    if both.empty:
        return []
    gap = deviation_pct(both["actual"], both["path"], decreasing=decreasing)
    return [
        Breach(str(idx), float(a), float(p), float(g))
        for idx, a, p, g in zip(both.index, both["actual"], both["path"], gap, strict=True)
        if np.isfinite(g) and g > pct
    ]


def source_changes(by_source_month: pd.DataFrame, period: str, pct: float) -> list[Breach]:
    """Sources whose emissions in ``period`` changed by more than ``pct`` % against the month
    before (9.1.3 analysis of deviations).

    ``by_source_month``: columns ``source_id``, ``period`` (``YYYY-MM``), ``tco2e``. Sources
    without a previous month, or with 0 in it, are not compared (a start is not a change).
    """
    if by_source_month.empty:
        return []
    current = pd.Period(period, freq="M")
    previous = str(current - 1)
    table = by_source_month.pivot_table(
        index="source_id", columns="period", values="tco2e", aggfunc="sum"
    )
    if period not in table or previous not in table:
        return []
    now, before = table[period], table[previous]
    ok = before.notna() & now.notna() & (before.abs() > 0)
    change = (now[ok] - before[ok]) / before[ok].abs() * 100.0
    hits = change[change.abs() > pct]
    return [
        Breach(period, float(now[s]), float(before[s]), float(c), int(s))
        for s, c in hits.sort_index().items()
    ]


# --------------------------------------------------------------------------- renewable share
#: Words in a carrier key (the fuel or material key of the source, e.g. ``green_electricity``,
#: ``pv_self_consumption``, ``wind_ppa``) that mark renewable electricity (6.3.1, 6.5).
RENEWABLE_MARKERS: tuple[str, ...] = (
    "green",
    "renewable",
    "solar",
    "pv",
    "wind",
    "hydro",
    "绿电",
    "可再生",
    "光伏",
    "风电",
    "水电",
)
#: Categories whose energy is electricity consumed (GB/T 32150): exports are not consumption.
ELECTRICITY_CATEGORIES: tuple[str, ...] = ("purchased_electricity",)


def is_renewable_carrier(carrier: str) -> bool:
    """Whether a carrier key names renewable electricity (:data:`RENEWABLE_MARKERS`)."""
    key = str(carrier or "").lower()
    return any(marker in key for marker in RENEWABLE_MARKERS)


def renewable_electricity(frame: pd.DataFrame) -> pd.DataFrame:
    """Electricity consumed and its renewable part per month (6.3.1, 6.5, 9.1.2).

    ``frame``: series rows with ``month``, ``category``, ``carrier`` and ``energy_gj``.
    Electricity consumed is the energy of the rows of :data:`ELECTRICITY_CATEGORIES`
    (purchased electricity, including green electricity bought and self-generated renewable
    electricity recorded as a source of that category); its renewable part is the energy of
    those rows whose carrier :func:`is_renewable_carrier`. Exported electricity is neither.

    Returns ``month``, ``electricity_gj``, ``renewable_gj`` and ``share_pct`` (NaN where no
    electricity was consumed), one row per month of ``frame``. No query.
    """
    if frame.empty:
        return pd.DataFrame(columns=["month", "electricity_gj", "renewable_gj", "share_pct"])
    electric = frame["category"].astype(str).isin(ELECTRICITY_CATEGORIES).to_numpy()
    carriers = frame["carrier"].astype(str)
    marks = {c: is_renewable_carrier(c) for c in carriers.unique()}
    renewable = carriers.map(marks).to_numpy(dtype=bool) & electric
    energy = frame["energy_gj"].to_numpy(dtype=float)
    parts = pd.DataFrame(
        {
            "month": frame["month"].to_numpy(),
            "electricity_gj": np.where(electric, energy, 0.0),
            "renewable_gj": np.where(renewable, energy, 0.0),
        }
    )
    out = parts.groupby("month", sort=True).sum().reset_index()
    total = out["electricity_gj"].where(out["electricity_gj"] != 0)
    out["share_pct"] = out["renewable_gj"] / total * 100.0
    return out
