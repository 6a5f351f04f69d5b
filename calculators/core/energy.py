"""Energy consumption per carrier in GJ and tce (T/CSES 146-2024 6.3.2, 9.1; GB/T 2589-2020).

Pure: frames in, frames out; no Django, no query. The GJ are the engine's (``energy_gj``:
fuels NCV × quantity, IPCC Tier 1 and biomass the same, electricity MWh × 3.6, heat and steam
in GJ; exports negative). Conversion to tonnes of standard coal equivalent (tce) by the
coefficients of ``calculators/data/energy_gbt2589.csv``, each with its citation:

* fuels: ``tce = GJ ÷ 29.3076`` (1 kgce = 29,307.6 kJ, GB/T 2589-2020 3.6);
* electricity: ``tce = MWh × 0.1229`` (calorific equivalent, 当量值, the default), or with
  ``electricity="coal_equivalent"`` (等价值) ``MWh × the year's coal consumption of thermal
  power supply`` (kgce/kWh = tce/MWh; [M] values, only on request);
* heat (purchased heat, steam, hot water): ``tce = GJ × 0.03412`` (kgce/MJ = tce/GJ).

Rows whose method reads no NCV (``fuel_cn_carbon_mass``, ``direct_ef``, ``measured``) carry
no energy: give those fuels as ``fuel_cn`` or ``ipcc_tier1`` rows to have them counted.
"""

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from calculators.core.template import METHOD_KEYS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: GJ per tonne of standard coal equivalent (GB/T 2589-2020: 1 kgce = 29.3076 MJ).
GJ_PER_TCE = 29.3076
#: How electricity is converted to tce: calorific equivalent (default) or coal equivalent.
ELECTRICITY_METHODS: tuple[str, ...] = ("calorific", "coal_equivalent")
#: Kinds of energy carrier, in report order.
KINDS: tuple[str, ...] = ("fuel", "electricity", "heat")
_ELECTRICITY = ("purchased_electricity", "exported_electricity")
_HEAT = ("purchased_heat", "exported_heat", "steam_heat", "heat", "steam", "hot_water")
#: Columns of :func:`energy_by_carrier`.
ENERGY_COLUMNS: tuple[str, ...] = (
    "carrier",
    "kind",
    "direction",
    "energy_gj",
    "tce",
    "coefficient",
    "coefficient_unit",
    "basis",
    "citation_zh",
    "citation_en",
    "verification",
)


@lru_cache(maxsize=1)
def load_coefficients() -> pd.DataFrame:
    """``energy_gbt2589.csv``: carrier, kind, parameter, value, unit, year (NaN = any), the
    citation in both languages, where it was read, verification tag, note."""
    df = pd.read_csv(DATA_DIR / "energy_gbt2589.csv", keep_default_na=False)
    df["value"] = df["value"].astype(float)
    df["year"] = pd.to_numeric(df["year"].replace("", np.nan), errors="coerce")
    return df


def carrier_kind(carrier: str, category: str = "") -> str:
    """``electricity``, ``heat`` or ``fuel`` of a carrier (material key or, for electricity
    and heat without a material, the method key) and the row's category."""
    name = str(carrier or "").lower()
    if category in _ELECTRICITY or name in _ELECTRICITY or name.startswith("electricity"):
        return "electricity"
    if category in ("purchased_heat", "exported_heat") or name in _HEAT or "steam" in name:
        return "heat"
    return "fuel"


def coefficient(kind: str, year: int | None, electricity: str = "calorific") -> dict:
    """See :func:`_coefficient` (cached: a few distinct kinds and years per run)."""
    return dict(_coefficient(kind, year, electricity))


@lru_cache(maxsize=256)
def _coefficient(kind: str, year: int | None, electricity: str) -> dict:
    """The coefficient row that turns GJ of ``kind`` into tce in ``year``: value, unit,
    citation_zh, citation_en, verification, and ``per_gj`` (tce per GJ).

    Coal equivalent: the latest year ≤ ``year``, else the earliest shipped; raises
    ``ValueError`` for an unknown ``electricity`` method.
    """
    if electricity not in ELECTRICITY_METHODS:
        raise ValueError(electricity)
    table = load_coefficients()
    if kind == "electricity":
        parameter = "coal_equivalent" if electricity == "coal_equivalent" else "tce_coefficient"
        rows = table[(table["carrier"] == "electricity") & (table["parameter"] == parameter)]
        if parameter == "coal_equivalent":
            rows = rows.sort_values("year")
            earlier = rows[rows["year"] <= (year or 0)]
            rows = earlier.tail(1) if len(earlier) else rows.head(1)
        row = rows.iloc[0]
        per_gj = row["value"] / 3.6  # kgce/kWh = tce/MWh; 1 MWh = 3.6 GJ
    elif kind == "heat":
        row = table[table["carrier"] == "heat"].iloc[0]
        per_gj = row["value"]  # kgce/MJ = tce/GJ
    else:
        row = table[table["carrier"] == "standard_coal"].iloc[0]
        per_gj = 1.0 / row["value"]
    return {
        "value": float(row["value"]),
        "unit": str(row["unit"]),
        "citation_zh": str(row["citation_zh"]),
        "citation_en": str(row["citation_en"]),
        "verification": str(row["verification"]),
        "per_gj": float(per_gj),
    }


def energy_by_carrier(frame: pd.DataFrame, *, electricity: str = "calorific") -> pd.DataFrame:
    """Energy per carrier and direction, GJ and tce (6.3.2, 9.1; GB/T 2589-2020).

    ``frame``: rows with ``carrier``, ``energy_gj`` and optionally ``category`` and ``year``
    (or ``period`` ``YYYY-MM…``): the engine's rows (:func:`result_energy_rows`) or a run's
    series rows. Rows with a negative energy are ``exported`` (deducted), the others
    ``consumed``. Returns :data:`ENERGY_COLUMNS`, one row per carrier and direction with energy
    (carriers without energy are left out), sorted by kind and carrier. No query.
    """
    gj = np.nan_to_num(frame["energy_gj"].to_numpy(dtype=float)) if len(frame) else np.zeros(0)
    keep = np.flatnonzero(gj != 0)
    carriers = frame["carrier"].astype(str).to_numpy()[keep]
    categories = (
        frame["category"].astype(str).to_numpy()[keep]
        if "category" in frame
        else np.full(len(keep), "")
    )
    years = _years(frame)[keep]
    # a few hundred keys at most (carrier × category × year × sign): plain dicts, no groupby
    sums: dict[tuple, float] = {}
    columns = (carriers.tolist(), categories.tolist(), years.tolist(), (gj[keep] < 0).tolist())
    for key, value in zip(zip(*columns, strict=True), gj[keep].tolist(), strict=True):
        sums[key] = sums.get(key, 0.0) + value
    merged: dict[tuple, list[float]] = {}
    for (carrier, cat, year, exported), value in sums.items():
        kind = carrier_kind(carrier, cat)
        coef = coefficient(kind, int(year) if year else None, electricity)
        key = (carrier, kind, "exported" if exported else "consumed", coef["value"])
        entry = merged.setdefault(key, [0.0, 0.0, coef])
        entry[0] += value
        entry[1] += value * coef["per_gj"]
    rows = [
        {
            "carrier": carrier,
            "kind": kind,
            "direction": direction,
            "energy_gj": gj_sum,
            "tce": tce_sum,
            "coefficient": coef["value"],
            "coefficient_unit": coef["unit"],
            "basis": _basis(kind, electricity),
            "citation_zh": coef["citation_zh"],
            "citation_en": coef["citation_en"],
            "verification": coef["verification"],
        }
        for (carrier, kind, direction, _v), (gj_sum, tce_sum, coef) in sorted(
            merged.items(), key=lambda item: (KINDS.index(item[0][1]), item[0][0], item[0][2])
        )
    ]
    return pd.DataFrame(rows, columns=list(ENERGY_COLUMNS))


def _years(frame: pd.DataFrame) -> np.ndarray:
    if "year" in frame:
        return frame["year"].fillna(0).astype(int).to_numpy()
    if "period" in frame:
        text = frame["period"].astype(str).str[:4]
        return pd.to_numeric(text, errors="coerce").fillna(0).astype(int).to_numpy()
    return np.zeros(len(frame), dtype=int)


def _basis(kind: str, electricity: str) -> str:
    """How the tce of a kind were computed (a stable key; the Django layer labels it)."""
    if kind == "electricity":
        return "coal_equivalent" if electricity == "coal_equivalent" else "calorific"
    return "heat" if kind == "heat" else "ncv"


def totals(energy: pd.DataFrame) -> dict[str, float]:
    """Net energy consumption (exports deducted): ``{"energy_gj", "tce"}``."""
    return {
        "energy_gj": float(energy["energy_gj"].sum()) if len(energy) else 0.0,
        "tce": float(energy["tce"].sum()) if len(energy) else 0.0,
    }


def result_energy_rows(result: pd.DataFrame) -> pd.DataFrame:
    """The engine's result (:func:`calculators.core.engine.compute`) as rows for
    :func:`energy_by_carrier`: energy per combination (a bincount over ``factor_combo``, no
    Python per row), its carrier (the material, or the method for electricity and heat
    without one), category and year."""
    core = result.attrs["core"].value
    combo = result["factor_combo"].to_numpy()
    n_u = len(core["combo_method"])
    gj = result["energy_gj"].to_numpy(dtype=float)
    # one sign per combination (the method's: exports negative), so one sum per combination;
    # a combination whose rows lack a factor (non-strict runs) sums to NaN and counts 0
    per_combo = np.nan_to_num(np.bincount(combo, weights=gj, minlength=n_u))
    methods = [METHOD_KEYS[m] if m < len(METHOD_KEYS) else "" for m in core["combo_method"]]
    names = [str(x) for x in core["combo_name"]]
    carrier = [name or method for name, method in zip(names, methods, strict=True)]
    rows = pd.DataFrame(
        {
            "carrier": carrier,
            "category": methods,
            "year": core.get("combo_year", np.zeros(n_u, dtype=int)),
            "energy_gj": per_combo,
        }
    )
    return rows[rows["energy_gj"] != 0].reset_index(drop=True)
