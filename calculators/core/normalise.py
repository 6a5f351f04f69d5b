"""Template columns → the engine's canonical arrays, vectorised per distinct unit (6.3.1 e, 8.5).

Shared by :mod:`calculators.core.intake` (validation of a file) and
:mod:`calculators.core.engine` (which may receive stored rows with raw values and units).
No Django, no query, no pint object per row.

Quantity: converted to the canonical unit of its dimension (:data:`DIM_UNITS`). Overrides
(6.3.1 e, measured values) to the canonical units of :mod:`calculators.core.factors`; a blank
``*_unit`` takes the method's default (:data:`DEFAULT_OVERRIDE_UNITS`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from calculators.core import template
from calculators.core.units import convert_units

#: Quantity dimensions in code order, and their canonical units.
DIMS: tuple[str, ...] = (
    template.MASS,
    template.VOLUME,
    template.ENERGY,
    template.CO2E,
    template.CURRENCY,
)
DIM_UNITS: tuple[str, ...] = tuple(template.CANONICAL_UNIT[d] for d in DIMS)
METHOD_INDEX: dict[str, int] = {m: i for i, m in enumerate(template.METHOD_KEYS)}

#: Override columns the engine reads, in canonical units (see factors.PARAMETER_TARGETS).
OVERRIDES: tuple[str, ...] = (
    "ncv",
    "carbon_content",
    "carbon_content_mass",
    "oxidation_rate",
    "ef_co2",
    "ef_ch4",
    "ef_n2o",
    "purity",
    "calcination_fraction",
    "steam_enthalpy",
    "carbon_fraction",
)

_ENERGY_EF = ("purchased_electricity", "exported_electricity")
_HEAT_EF = ("purchased_heat", "exported_heat", "steam_heat")
#: Default unit of ef_co2/ef_ch4/ef_n2o when ef_unit is blank, by method.
DEFAULT_EF_UNIT: dict[str, str] = {
    **dict.fromkeys(_ENERGY_EF, "tCO2/MWh"),
    **dict.fromkeys(_HEAT_EF, "tCO2/GJ"),
    "ipcc_tier1": "kg/TJ",
    "biomass": "kg/TJ",
    "carbonate": "tCO2/t",
}
#: Defaults of ncv_unit (by quantity dimension) and carbon_content_unit (by method).
DEFAULT_NCV_UNIT: dict[str, str] = {template.MASS: "GJ/t", template.VOLUME: "GJ/万Nm3"}
DEFAULT_CC_UNIT = "tC/GJ"
DEFAULT_CC_MASS_UNIT: dict[str, str] = {template.MASS: "tC/t", template.VOLUME: "tC/万Nm3"}


@dataclass
class Problem:
    """A cell that cannot be used: position (0-based), column key, value, kind, params."""

    pos: int
    column: str
    value: object
    kind: str
    params: dict = field(default_factory=dict)


def method_codes(methods: pd.Series) -> np.ndarray:
    """Index of each row's method in ``template.METHOD_KEYS`` (−1 unknown/blank), per category."""
    cat = (
        methods.astype("category")
        if not isinstance(methods.dtype, pd.CategoricalDtype)
        else methods
    )
    lut = np.array(
        [METHOD_INDEX.get(str(c).strip(), -1) for c in cat.cat.categories] + [-1], dtype=np.int16
    )
    return lut[cat.cat.codes.to_numpy()]


def quantity_canonical(units: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(factor to the canonical unit, dimension code) per row; code −1 unknown, −2 other dim, −3 blank."""
    conv = convert_units(units, DIM_UNITS)
    return conv.factor, conv.target


def _num(frame: pd.DataFrame, key: str) -> np.ndarray | None:
    if key not in frame:
        return None
    col = frame[key]
    if col.dtype.kind == "f":
        arr = col.to_numpy()
    else:
        arr = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float)
    return arr if not np.isnan(arr).all() else None


def _unit_codes(frame: pd.DataFrame, key: str, n: int) -> tuple[np.ndarray, list[str]]:
    """Category codes (−1 blank) and stripped names of a unit column; no per-row Python."""
    if key not in frame:
        return np.full(n, -1, dtype=np.int64), []
    col = frame[key]
    cat = col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype("category")
    names = [str(c).strip() for c in cat.cat.categories]
    blank = np.array([not x or x.lower() == "nan" for x in names] + [True])
    codes = cat.cat.codes.to_numpy().astype(np.int64)
    return np.where(blank[codes], -1, codes), names


def _lut(keys: Sequence, mapping: dict, default: str) -> np.ndarray:
    return np.asarray([mapping.get(k, default) for k in keys] + [default], dtype=object)


def overrides_canonical(
    frame: pd.DataFrame, mcode: np.ndarray, dim: np.ndarray
) -> tuple[dict[str, np.ndarray], list[Problem]]:
    """Per-row overrides in canonical units (NaN = not given) and the unusable cells.

    ``mcode``: method index per row (−1 unknown); ``dim``: quantity dimension code per row
    (see :data:`DIMS`, negative = unusable). Each ``*_unit`` column is converted per distinct
    unit (blank → the method's default); a unit of the wrong dimension for the row's method
    gives a Problem of kind ``unknown_unit``, ``wrong_dimension`` or ``required``.
    """
    n = len(frame)
    out: dict[str, np.ndarray] = {}
    problems: list[Problem] = []
    n_m = len(template.METHOD_KEYS)
    m = np.where(mcode < 0, n_m, mcode)
    d = np.where(dim < 0, len(DIMS), dim)
    method_names = np.asarray([*template.METHOD_KEYS, ""], dtype=object)

    def convert(values, unit_key, default_lut, default_idx, targets, want, strip=False):
        """``want``: per-row wanted target index (−1 = any target is fine)."""
        given = ~np.isnan(values)
        if not given.any():
            return values
        ucodes, names = _unit_codes(frame, unit_key, n)
        strings = [*names, *default_lut]
        eff = np.where(ucodes >= 0, ucodes, len(names) + default_idx)
        conv = convert_units(np.asarray(strings, dtype=object), targets, strip_co2e=strip)
        blank = np.asarray([not x for x in strings])
        target = np.where(blank, -3, conv.target)[eff]
        res = values * conv.factor[eff]
        shown = np.asarray(strings, dtype=object)[eff]
        for pos in np.flatnonzero(given & (target == -1)):
            problems.append(Problem(int(pos), unit_key, shown[pos], "unknown_unit"))
        for pos in np.flatnonzero(given & (target == -3)):
            problems.append(Problem(int(pos), unit_key, "", "required"))
        bad = given & ((target == -2) | ((target >= 0) & (want >= 0) & (target != want)))
        for pos in np.flatnonzero(bad):
            problems.append(
                Problem(
                    int(pos),
                    unit_key,
                    shown[pos],
                    "wrong_dimension",
                    {"method": method_names[m[pos]]},
                )
            )
        res[bad | (target < 0)] = np.nan
        return res

    dim_keys = [*DIMS]
    # ncv: GJ/t for mass quantities, GJ/m3 for volume; an energy quantity needs none
    ncv = _num(frame, "ncv")
    if ncv is not None:
        ncv = np.where(d == DIMS.index(template.ENERGY), np.nan, ncv)
        lut = _lut(dim_keys, DEFAULT_NCV_UNIT, "GJ/t")
        want = np.where(d == DIMS.index(template.VOLUME), 1, 0)
        out["ncv"] = convert(ncv, "ncv_unit", lut, d, ("GJ/t", "GJ/m**3"), want)
    cc = _num(frame, "carbon_content")
    if cc is not None:
        is_mass = m == template.METHOD_KEYS.index("fuel_cn_carbon_mass")
        lut = _lut(dim_keys, DEFAULT_CC_MASS_UNIT, "tC/t")
        want = np.where(d == DIMS.index(template.VOLUME), 1, 0)
        cm = convert(
            np.where(is_mass, cc, np.nan), "carbon_content_unit", lut, d, ("t/t", "t/m**3"), want
        )
        ce = convert(
            np.where(is_mass, np.nan, cc),
            "carbon_content_unit",
            np.asarray([DEFAULT_CC_UNIT], dtype=object),
            np.zeros(n, dtype=np.int64),
            ("t/GJ",),
            np.zeros(n, dtype=np.int64),
        )
        if not np.isnan(cm).all():
            out["carbon_content_mass"] = cm
        if not np.isnan(ce).all():
            out["carbon_content"] = ce
    ef_values = {k: _num(frame, k) for k in ("ef_co2", "ef_ch4", "ef_n2o")}
    if any(v is not None for v in ef_values.values()):
        ef_targets = ("t/t", "t/m**3", "t/GJ", "t/万元")
        energy_m = np.zeros(n_m + 1, dtype=bool)
        for key in (*_ENERGY_EF, *_HEAT_EF, "ipcc_tier1", "biomass"):
            energy_m[template.METHOD_KEYS.index(key)] = True
        carbonate_m = m == template.METHOD_KEYS.index("carbonate")
        # wanted target by quantity dimension: mass, volume, energy, co2e (none), currency
        dim_target = np.asarray([0, 1, 2, -1, 3, -1], dtype=np.int64)
        want_ef = np.where(energy_m[m], 2, np.where(carbonate_m, 0, dim_target[d]))
        ef_lut = _lut(template.METHOD_KEYS, DEFAULT_EF_UNIT, "")
        for gas_key, values in ef_values.items():
            if values is not None:
                out[gas_key] = convert(
                    values, "ef_unit", ef_lut, m, ef_targets, want_ef, strip=True
                )
    for key in (
        "oxidation_rate",
        "purity",
        "calcination_fraction",
        "steam_enthalpy",
        "carbon_fraction",
    ):
        values = _num(frame, key)
        if values is not None:
            out[key] = values
    return out, problems
