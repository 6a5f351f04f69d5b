"""Template columns → the engine's canonical arrays, vectorised per distinct unit (6.3.1 e, 8.5).

Shared by :mod:`calculators.core.intake` (validation of a file) and
:mod:`calculators.core.engine` (which may receive stored rows with raw values and units).
No Django, no query, no pint object per row.

Quantity: converted to the canonical unit of its dimension (:data:`DIM_UNITS`). Overrides
(6.3.1 e, measured values) to the canonical units of :mod:`calculators.core.factors`; a blank
``*_unit`` takes the method's default (:data:`DEFAULT_OVERRIDE_UNITS`).
"""

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


def _units(frame: pd.DataFrame, key: str, n: int) -> np.ndarray:
    if key not in frame:
        return np.full(n, "", dtype=object)
    col = frame[key]
    cat = col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype("category")
    names = [str(c).strip() for c in cat.cat.categories]
    return np.asarray([*names, ""], dtype=object)[cat.cat.codes.to_numpy()]


def overrides_canonical(
    frame: pd.DataFrame, mcode: np.ndarray, dim: np.ndarray
) -> tuple[dict[str, np.ndarray], list[Problem]]:
    """Per-row overrides in canonical units (NaN = not given) and the unusable cells.

    ``mcode``: method index per row; ``dim``: quantity dimension code per row (see :data:`DIMS`).
    Each ``*_unit`` column is converted per distinct unit; a unit of the wrong dimension for
    the row's method gives a Problem of kind ``unknown_unit`` or ``wrong_dimension``.
    """
    n = len(frame)
    out: dict[str, np.ndarray] = {}
    problems: list[Problem] = []
    keys = np.asarray(template.METHOD_KEYS + ("",), dtype=object)
    mkey = keys[np.where(mcode < 0, len(keys) - 1, mcode)]
    dim_names = np.asarray(DIMS + ("", "", ""), dtype=object)[np.where(dim < 0, 5, dim)]

    def convert(values, unit_key, defaults, targets, want_dim, strip=False):
        units = _units(frame, unit_key, n)
        given = ~np.isnan(values)
        units = np.where((units == "") & given, defaults, units)
        conv = convert_units(np.where(given, units, None), targets, strip_co2e=strip)
        res = values * conv.factor
        matched = np.where(conv.target >= 0, conv.target, -1)
        for pos in np.flatnonzero(given & (conv.target == -1)):
            problems.append(Problem(int(pos), unit_key, units[pos], "unknown_unit"))
        for pos in np.flatnonzero(given & (conv.target == -3)):
            problems.append(Problem(int(pos), unit_key, "", "required"))
        bad = given & ((conv.target == -2) | ((matched >= 0) & ~want_dim(matched)))
        for pos in np.flatnonzero(bad):
            problems.append(
                Problem(int(pos), unit_key, units[pos], "wrong_dimension", {"method": mkey[pos]})
            )
        res[bad | (conv.target < 0)] = np.nan
        return res

    ncv = _num(frame, "ncv")
    if ncv is not None:
        defaults = np.vectorize(lambda d: DEFAULT_NCV_UNIT.get(d, "GJ/t"), otypes=[object])(
            dim_names
        )
        qdim = np.where(dim == 1, 1, 0)  # mass → GJ/t target 0, volume → GJ/m3 target 1
        energy = dim == 2
        ncv = np.where(energy, np.nan, ncv)  # an energy quantity needs no NCV
        out["ncv"] = convert(ncv, "ncv_unit", defaults, ("GJ/t", "GJ/m**3"), lambda t: t == qdim)
    cc = _num(frame, "carbon_content")
    if cc is not None:
        is_mass = mkey == "fuel_cn_carbon_mass"
        dflt = np.vectorize(lambda d: DEFAULT_CC_MASS_UNIT.get(d, "tC/t"), otypes=[object])(
            dim_names
        )
        qdim = np.where(dim == 1, 1, 0)
        cm = convert(
            np.where(is_mass, cc, np.nan),
            "carbon_content_unit",
            dflt,
            ("t/t", "t/m**3"),
            lambda t: t == qdim,
        )
        ce = convert(
            np.where(is_mass, np.nan, cc),
            "carbon_content_unit",
            np.full(n, DEFAULT_CC_UNIT, dtype=object),
            ("t/GJ",),
            lambda t: t == 0,
        )
        if not np.isnan(cm).all():
            out["carbon_content_mass"] = cm
        if not np.isnan(ce).all():
            out["carbon_content"] = ce
    ef_targets = ("t/t", "t/m**3", "t/GJ", "t/万元")
    energy_methods = np.isin(mkey, [*_ENERGY_EF, *_HEAT_EF, "ipcc_tier1", "biomass"])
    mass_methods = mkey == "carbonate"
    # target index wanted: energy methods → t/GJ (2); carbonate → t/t (0); others the quantity dim
    want = np.where(
        energy_methods, 2, np.where(mass_methods, 0, np.where(dim == 4, 3, np.clip(dim, 0, 2)))
    )
    ef_default = np.vectorize(lambda m: DEFAULT_EF_UNIT.get(m, ""), otypes=[object])(mkey)
    for gas_key in ("ef_co2", "ef_ch4", "ef_n2o"):
        values = _num(frame, gas_key)
        if values is not None:
            out[gas_key] = convert(
                values, "ef_unit", ef_default, ef_targets, lambda t: t == want, strip=True
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
