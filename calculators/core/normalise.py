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
#: The columns of an activity row that a computation reads besides its source, its facility
#: and the overrides, in the order of the input hash and of the stored rows' query.
ACTIVITY_KEYS: tuple[str, ...] = (
    "period",
    "method",
    "material",
    "gas",
    "quantity",
    "unit",
    "quantity_normalised",
    "unit_normalised",
    "direction",
)

#: Override slots the engine reads, in canonical units (see factors.PARAMETER_TARGETS): the
#: template's override values, ``carbon_content`` also filling ``carbon_content_mass`` (the
#: per-mass carbon of ``fuel_cn_carbon_mass``).
OVERRIDES: tuple[str, ...] = tuple(
    slot
    for key in template.OVERRIDE_VALUE_KEYS
    for slot in ((key, "carbon_content_mass") if key == "carbon_content" else (key,))
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
    conv = _OverrideUnits(frame, method_at, dim_at)
    _ncv(conv)
    _carbon_content(conv)
    _emission_factors(conv)
    for key in FRACTION_OVERRIDES:
        given = _given(frame, key)
        if given is not None:
            conv.out[key] = given
    return conv.out, conv.problems


#: Overrides without a unit column (fractions and the steam enthalpy, kJ/kg): all but those
#: that :func:`_ncv`, :func:`_carbon_content` and :func:`_emission_factors` convert.
FRACTION_OVERRIDES: tuple[str, ...] = tuple(
    k
    for k in template.OVERRIDE_VALUE_KEYS
    if k not in ("ncv", "carbon_content", "ef_co2", "ef_ch4", "ef_n2o")
)
_N_METHODS = len(template.METHOD_KEYS)
_METHOD_NAMES = np.asarray([*template.METHOD_KEYS, ""], dtype=object)
_VOLUME = DIMS.index(template.VOLUME)
_ENERGY = DIMS.index(template.ENERGY)


class _OverrideUnits:
    """Converts the given cells of an override column to canonical units, collecting the
    unusable ones as :class:`Problem` s; ``out`` holds the converted overrides."""

    def __init__(self, frame, method_at, dim_at):
        self.frame, self.method_at, self.dim_at = frame, method_at, dim_at
        self.out: Sparse = {}
        self.problems: list[Problem] = []

    def md(self, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(method index, dimension code) at ``pos``; unknown ones the last slot of a table."""
        m = self.method_at(pos).astype(np.int64)
        d = self.dim_at(pos).astype(np.int64)
        return np.where(m < 0, _N_METHODS, m), np.where(d < 0, len(DIMS), d)

    def convert(
        self, pos, values, m, unit_key, default_lut, default_idx, targets, want, strip=False
    ):
        """Canonical values at ``pos``; ``want``: wanted target index per row (−1 = any)."""
        ucodes, names = _unit_codes(self.frame, unit_key, pos)
        strings = [*names, *default_lut]
        eff = np.where(ucodes >= 0, ucodes, len(names) + default_idx)
        conv = convert_units(np.asarray(strings, dtype=object), targets, strip_co2e=strip)
        blank = np.asarray([not x for x in strings])
        target = np.where(blank, -3, conv.target)[eff]
        res = values * conv.factor[eff]
        shown = np.asarray(strings, dtype=object)[eff]
        for k in np.flatnonzero(target == -1):
            self.problems.append(Problem(int(pos[k]), unit_key, shown[k], "unknown_unit"))
        for k in np.flatnonzero(target == -3):
            self.problems.append(Problem(int(pos[k]), unit_key, "", "required"))
        bad = (target == -2) | ((target >= 0) & (want >= 0) & (target != want))
        for k in np.flatnonzero(bad):
            self.problems.append(
                Problem(
                    int(pos[k]),
                    unit_key,
                    shown[k],
                    "wrong_dimension",
                    {"method": _METHOD_NAMES[m[k]]},
                )
            )
        res[bad | (target < 0)] = np.nan
        return res

    def put(self, key, pos, values) -> None:
        ok = ~np.isnan(values)
        if ok.any():
            self.out[key] = (pos[ok], values[ok])


def _ncv(conv: _OverrideUnits) -> None:
    """ncv: GJ/t for mass quantities, GJ/m3 for volume; an energy quantity needs none."""
    given = _given(conv.frame, "ncv")
    if given is None:
        return
    pos, values = given
    m, d = conv.md(pos)
    keep = d != _ENERGY
    pos, values, m, d = pos[keep], values[keep], m[keep], d[keep]
    lut = _lut(DIMS, DEFAULT_NCV_UNIT, "GJ/t")
    want = np.where(d == _VOLUME, 1, 0)
    conv.put(
        "ncv", pos, conv.convert(pos, values, m, "ncv_unit", lut, d, ("GJ/t", "GJ/m**3"), want)
    )


def _carbon_content(conv: _OverrideUnits) -> None:
    """carbon_content: per mass or volume (tC/t, tC/m3) for ``fuel_cn_carbon_mass``
    (``carbon_content_mass``), per energy (tC/GJ) otherwise."""
    given = _given(conv.frame, "carbon_content")
    if given is None:
        return
    pos, values = given
    m, d = conv.md(pos)
    is_mass = m == template.METHOD_KEYS.index("fuel_cn_carbon_mass")
    lut = _lut(DIMS, DEFAULT_CC_MASS_UNIT, "tC/t")
    p, mm, dd = pos[is_mass], m[is_mass], d[is_mass]
    want = np.where(dd == _VOLUME, 1, 0)
    cm = conv.convert(
        p, values[is_mass], mm, "carbon_content_unit", lut, dd, ("t/t", "t/m**3"), want
    )
    conv.put("carbon_content_mass", p, cm)
    p, mm = pos[~is_mass], m[~is_mass]
    zeros = np.zeros(len(p), dtype=np.int64)
    ce = conv.convert(
        p,
        values[~is_mass],
        mm,
        "carbon_content_unit",
        np.asarray([DEFAULT_CC_UNIT], dtype=object),
        zeros,
        ("t/GJ",),
        zeros,
    )
    conv.put("carbon_content", p, ce)


def _emission_factors(conv: _OverrideUnits) -> None:
    """ef_co2, ef_ch4, ef_n2o in ``ef_unit``: t gas per t, m3, GJ or 万元 of the quantity
    (per GJ for electricity, heat and the IPCC methods, per t for carbonates)."""
    ef_given = {k: _given(conv.frame, k) for k in ("ef_co2", "ef_ch4", "ef_n2o")}
    if all(v is None for v in ef_given.values()):
        return
    ef_targets = ("t/t", "t/m**3", "t/GJ", "t/万元")
    energy_m = np.zeros(_N_METHODS + 1, dtype=bool)
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
        m, d = conv.md(pos)
        want_ef = np.where(energy_m[m], 2, np.where(m == carbonate, 0, dim_target[d]))
        conv.put(
            gas_key,
            pos,
            conv.convert(pos, values, m, "ef_unit", ef_lut, m, ef_targets, want_ef, strip=True),
        )


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
