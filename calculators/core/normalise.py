"""Template columns → the engine's canonical arrays, vectorised per distinct unit (6.3.1 e, 8.5).

Shared by :mod:`calculators.core.intake` (validation of a file) and
:mod:`calculators.core.engine` (which may receive stored rows with raw values and units).
No Django, no query, no pint object per row.

Quantity: converted to the canonical unit of its dimension (:data:`DIM_UNITS`). Overrides
(6.3.1 e, measured values) to the canonical units of :mod:`calculators.core.factors`; a blank
``*_unit`` takes the method's default (:data:`DEFAULT_OVERRIDE_UNITS`).
"""

from collections.abc import Callable, Sequence
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


def _given(frame: pd.DataFrame, key: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(positions, values) of the non-blank cells of a numeric column; None if there are none."""
    if key not in frame:
        return None
    col = frame[key]
    if col.dtype.kind == "f":
        arr = col.to_numpy()
    else:
        arr = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float)
    pos = np.flatnonzero(arr == arr)  # NaN ≠ NaN: one pass
    return (pos, arr[pos]) if len(pos) else None


def _unit_codes(frame: pd.DataFrame, key: str, pos: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Category codes (−1 blank) at ``pos`` and the stripped names of a unit column."""
    if key not in frame:
        return np.full(len(pos), -1, dtype=np.int64), []
    col = frame[key]
    cat = col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype("category")
    names = [str(c).strip() for c in cat.cat.categories]
    blank = np.array([not x or x.lower() == "nan" for x in names] + [True])
    codes = cat.cat.codes.to_numpy()[pos].astype(np.int64)
    return np.where(blank[codes], -1, codes), names


def _lut(keys: Sequence, mapping: dict, default: str) -> np.ndarray:
    return np.asarray([mapping.get(k, default) for k in keys] + [default], dtype=object)


#: Overrides per key: (row positions, ascending; values in canonical units), given cells only.
Sparse = dict[str, tuple[np.ndarray, np.ndarray]]


def overrides_sparse(
    frame: pd.DataFrame,
    method_at: Callable[[np.ndarray], np.ndarray],
    dim_at: Callable[[np.ndarray], np.ndarray],
) -> tuple[Sparse, list[Problem]]:
    """Overrides in canonical units as (positions, values) per key, and the unusable cells.

    Only the rows that give a value are touched: ``method_at(pos)`` and ``dim_at(pos)`` return
    the method index (−1 unknown) and the quantity dimension code (see :data:`DIMS`, negative
    = unusable) of the rows at ``pos``. Each ``*_unit`` column is converted per distinct unit
    (blank → the method's default); a unit of the wrong dimension for the row's method gives a
    Problem of kind ``unknown_unit``, ``wrong_dimension`` or ``required`` and no override.
    """
    out: Sparse = {}
    problems: list[Problem] = []
    n_m = len(template.METHOD_KEYS)
    method_names = np.asarray([*template.METHOD_KEYS, ""], dtype=object)

    def md(pos):
        m = method_at(pos).astype(np.int64)
        d = dim_at(pos).astype(np.int64)
        return np.where(m < 0, n_m, m), np.where(d < 0, len(DIMS), d)

    def convert(pos, values, m, unit_key, default_lut, default_idx, targets, want, strip=False):
        """Canonical values at ``pos``; ``want``: wanted target index per row (−1 = any)."""
        ucodes, names = _unit_codes(frame, unit_key, pos)
        strings = [*names, *default_lut]
        eff = np.where(ucodes >= 0, ucodes, len(names) + default_idx)
        conv = convert_units(np.asarray(strings, dtype=object), targets, strip_co2e=strip)
        blank = np.asarray([not x for x in strings])
        target = np.where(blank, -3, conv.target)[eff]
        res = values * conv.factor[eff]
        shown = np.asarray(strings, dtype=object)[eff]
        for k in np.flatnonzero(target == -1):
            problems.append(Problem(int(pos[k]), unit_key, shown[k], "unknown_unit"))
        for k in np.flatnonzero(target == -3):
            problems.append(Problem(int(pos[k]), unit_key, "", "required"))
        bad = (target == -2) | ((target >= 0) & (want >= 0) & (target != want))
        for k in np.flatnonzero(bad):
            problems.append(
                Problem(
                    int(pos[k]),
                    unit_key,
                    shown[k],
                    "wrong_dimension",
                    {"method": method_names[m[k]]},
                )
            )
        res[bad | (target < 0)] = np.nan
        return res

    def put(key, pos, values):
        ok = ~np.isnan(values)
        if ok.any():
            out[key] = (pos[ok], values[ok])

    dim_keys = [*DIMS]
    volume, energy = DIMS.index(template.VOLUME), DIMS.index(template.ENERGY)
    # ncv: GJ/t for mass quantities, GJ/m3 for volume; an energy quantity needs none
    given = _given(frame, "ncv")
    if given is not None:
        pos, values = given
        m, d = md(pos)
        keep = d != energy
        pos, values, m, d = pos[keep], values[keep], m[keep], d[keep]
        lut = _lut(dim_keys, DEFAULT_NCV_UNIT, "GJ/t")
        want = np.where(d == volume, 1, 0)
        put("ncv", pos, convert(pos, values, m, "ncv_unit", lut, d, ("GJ/t", "GJ/m**3"), want))
    given = _given(frame, "carbon_content")
    if given is not None:
        pos, values = given
        m, d = md(pos)
        is_mass = m == template.METHOD_KEYS.index("fuel_cn_carbon_mass")
        lut = _lut(dim_keys, DEFAULT_CC_MASS_UNIT, "tC/t")
        p, mm, dd = pos[is_mass], m[is_mass], d[is_mass]
        want = np.where(dd == volume, 1, 0)
        cm = convert(
            p, values[is_mass], mm, "carbon_content_unit", lut, dd, ("t/t", "t/m**3"), want
        )
        put("carbon_content_mass", p, cm)
        p, mm = pos[~is_mass], m[~is_mass]
        zeros = np.zeros(len(p), dtype=np.int64)
        ce = convert(
            p,
            values[~is_mass],
            mm,
            "carbon_content_unit",
            np.asarray([DEFAULT_CC_UNIT], dtype=object),
            zeros,
            ("t/GJ",),
            zeros,
        )
        put("carbon_content", p, ce)
    ef_given = {k: _given(frame, k) for k in ("ef_co2", "ef_ch4", "ef_n2o")}
    if any(v is not None for v in ef_given.values()):
        ef_targets = ("t/t", "t/m**3", "t/GJ", "t/万元")
        energy_m = np.zeros(n_m + 1, dtype=bool)
        for key in (*_ENERGY_EF, *_HEAT_EF, "ipcc_tier1", "biomass"):
            energy_m[template.METHOD_KEYS.index(key)] = True
        # wanted target by quantity dimension: mass, volume, energy, co2e (none), currency
        dim_target = np.asarray([0, 1, 2, -1, 3, -1], dtype=np.int64)
        ef_lut = _lut(template.METHOD_KEYS, DEFAULT_EF_UNIT, "")
        carbonate = template.METHOD_KEYS.index("carbonate")
        for gas_key, given in ef_given.items():
            if given is None:
                continue
            pos, values = given
            m, d = md(pos)
            want_ef = np.where(energy_m[m], 2, np.where(m == carbonate, 0, dim_target[d]))
            put(
                gas_key,
                pos,
                convert(pos, values, m, "ef_unit", ef_lut, m, ef_targets, want_ef, strip=True),
            )
    for key in (
        "oxidation_rate",
        "purity",
        "calcination_fraction",
        "steam_enthalpy",
        "carbon_fraction",
    ):
        given = _given(frame, key)
        if given is not None:
            out[key] = given
    return out, problems


def overrides_canonical(
    frame: pd.DataFrame, mcode: np.ndarray, dim: np.ndarray
) -> tuple[dict[str, np.ndarray], list[Problem]]:
    """Per-row overrides in canonical units (NaN = not given or unusable) and the unusable cells.

    ``mcode``: method index per row (−1 unknown); ``dim``: quantity dimension code per row
    (see :data:`DIMS`, negative = unusable). See :func:`overrides_sparse`.
    """
    n = len(frame)
    sparse, problems = overrides_sparse(frame, lambda pos: mcode[pos], lambda pos: dim[pos])
    out = {}
    for key, (pos, values) in sparse.items():
        full = np.full(n, np.nan)
        full[pos] = values
        out[key] = full
    return out, problems
