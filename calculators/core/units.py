"""The project's ONE pint registry, and a vectorised unit converter (6.3.1 e, 8.5).

Created once, at the first conversion or the first read of ``ureg`` (STYLE 7): importing this
module imports neither pint nor builds the registry, so a command or worker that converts no
unit does not pay for it (issue 13 §3). Every module reads ``ureg`` from here. Definitions follow
STACK_NOTES and ACCOUNTING.md 12:

* ``CO2e`` is its own dimension ``[co2e]``: ``tCO2e = t·CO2e``; ``tCO2``/``kgCO2``/``gCO2`` are
  aliases of CO2e mass so factor units like ``tCO2/MWh`` or ``kgCO2/kWh`` parse. A CO2 factor
  may be written with or without the CO2e tag (``t/MWh`` ≡ ``tCO2/MWh`` for the CO2 gas).
* ``tC``/``kgC`` are carbon masses, i.e. plain mass (``tC/GJ``, ``tC/t``).
* ``tce = 29.3076 GJ`` and ``kgce = 29.3076 MJ`` (IT calorie, GB/T 2589); ``toe`` is pint's.
* ``Nm3`` (normal cubic metre) is a volume; ``m3`` is an alias of ``m**3``.
* 万 = 10⁴ and 亿 = 10⁸ are spelt out as whole units (``万Nm3``, ``万m3``, ``万kWh``, ``万t``,
  ``万元``, ``亿元`` …), never as a prefix, so ``2 万m**3`` cannot mean 2·10¹² m³.
* ``CNY`` (元, yuan) is its own dimension ``[currency]``.
* Traps avoided: ``t`` is the tonne (``ton`` stays pint's US short ton, ``short_ton`` in data);
  ``kt`` is pint's knot, a speed, so it fails every mass check; ``kcal`` is never used.

Chinese unit names (吨, 千克/公斤, 千瓦时/度, 万千瓦时, 兆瓦时, 立方米, 万立方米, 标准立方米,
万标准立方米, 吨标准煤, 吉焦, 兆焦, 万元, 亿元 …) are registry units too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import pint

_DEFINITIONS = """
carbon_dioxide_equivalent = [co2e] = CO2e = CO2
tCO2e = t * CO2e
kgCO2e = kg * CO2e
gCO2e = g * CO2e
MtCO2e = 1e6 * tCO2e
tCO2 = tCO2e
kgCO2 = kgCO2e
gCO2 = gCO2e
tC = t
kgC = kg
tce = 29.3076 * GJ
kgce = 29.3076 * MJ
Nm3 = meter ** 3
m3 = meter ** 3
scf = foot ** 3
mmBtu = 1e6 * Btu
MMBtu = mmBtu
kilotonne_mass = 1000 * t
Mt_mass = 1e6 * t
万Nm3 = 1e4 * Nm3
万m3 = 1e4 * m3
万kWh = 1e4 * kWh
万t = 1e4 * t
亿Nm3 = 1e8 * Nm3
亿kWh = 1e8 * kWh
yuan = [currency] = CNY = 元
万元 = 1e4 * CNY
亿元 = 1e8 * CNY
吨 = t
千克 = kg
公斤 = kg
克 = g
万吨 = 1e4 * t
千瓦时 = kWh
度 = kWh
万千瓦时 = 1e4 * kWh
兆瓦时 = MWh
吉瓦时 = GWh
立方米 = m3
万立方米 = 1e4 * m3
标准立方米 = Nm3
标方 = Nm3
万标准立方米 = 1e4 * Nm3
万标方 = 1e4 * Nm3
吨标准煤 = tce
吨标煤 = tce
千克标准煤 = kgce
吉焦 = GJ
兆焦 = MJ
千焦 = kJ
太焦 = TJ
吨二氧化碳当量 = tCO2e
吨二氧化碳 = tCO2e
"""


@cache
def registry() -> pint.UnitRegistry:
    """The project's one pint registry with the definitions above, built at the first call."""
    import pint  # noqa: PLC0415 — keeps pint (and its registry build) out of start-up

    built = pint.UnitRegistry(cache_folder=None, autoconvert_offset_to_baseunit=True)
    for line in _DEFINITIONS.strip().splitlines():
        built.define(line)
    globals()["ureg"] = built  # later reads of ``units.ureg`` skip ``__getattr__``
    return built


def __getattr__(name: str):
    if name == "ureg":
        return registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Spellings rewritten before pint parses them (superscripts, 10^4 written out, full-width).
_REWRITES: tuple[tuple[str, str], ...] = (
    ("³", "3"),
    ("²", "2"),
    ("（", "("),
    ("）", ")"),
    ("／", "/"),
    ("·", "*"),
    ("×", "*"),
    ("10^4", "1e4*"),
    ("10^8", "1e8*"),
    ("10**4", "1e4*"),
)


_NUMBER_ONLY = re.compile(r"^[\d\s.eE+\-*/()]+$")


class UnitError(ValueError):
    """A unit string pint cannot parse (``kind='unknown'``) or of the wrong dimension."""

    def __init__(self, unit: str, kind: str, expected: str = ""):
        super().__init__(f"{unit!r}: {kind} {expected}".strip())
        self.unit = unit
        self.kind = kind
        self.expected = expected


def normalise_unit(text: object) -> str:
    """The string pint parses for ``text`` (stripped, superscripts and full-width forms fixed)."""
    s = str(text).strip()
    for old, new in _REWRITES:
        s = s.replace(old, new)
    s = s.replace("**", "^").replace("^", "**")
    return s.replace("*/", "/").rstrip("*")


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> pint.Quantity:
    """One unit of ``text`` as a Quantity (cached: each distinct string is parsed once).

    Raises :class:`UnitError` (kind ``unknown``) if pint cannot parse it or it is a number.
    """
    s = normalise_unit(text)
    if not s:
        raise UnitError(str(text), "unknown")
    try:
        ureg = registry()
        q = ureg.parse_expression(s)
    except Exception as exc:  # pint raises several error types, plus tokenizer/syntax errors
        raise UnitError(str(text), "unknown") from exc
    if not isinstance(q, ureg.Quantity) or _NUMBER_ONLY.match(s):
        raise UnitError(str(text), "unknown")  # a bare number is no unit
    return q


@lru_cache(maxsize=8192)
def factor_to(unit: str, targets: tuple[str, ...], strip_co2e: bool = False) -> tuple[float, int]:
    """Multiplier from ``unit`` to the first of ``targets`` of the same dimension, and its index.

    With ``strip_co2e``, a unit carrying one ``[co2e]`` (``tCO2/MWh``) is read as the CO2 mass
    it counts (``t/MWh``), for CO2 emission factors. Raises :class:`UnitError`.
    """
    q = parse_unit(unit)
    if strip_co2e and q.dimensionality.get("[co2e]", 0) == 1:
        q = q / registry().CO2e
    for i, target in enumerate(targets):
        t = parse_unit(target)
        if q.dimensionality == t.dimensionality:
            return float((q / t).to("dimensionless").magnitude), i
    raise UnitError(unit, "dimension", " or ".join(targets))


def convert(value: float, unit: str, target: str) -> float:
    """Scalar conversion of ``value`` from ``unit`` to ``target`` (raises :class:`UnitError`)."""
    return value * factor_to(unit, (target,))[0]


@dataclass
class Conversion:
    """Result of :func:`convert_units` on a column of N unit strings.

    ``factor`` (N floats, NaN where not convertible) multiplies values into ``targets[target]``;
    ``target`` (N ints) is the index of the matched target, −1 unknown/missing, −2 wrong
    dimension; ``unknown``, ``wrong_dimension``, ``missing`` are row positions (0-based).
    """

    factor: np.ndarray
    target: np.ndarray
    targets: tuple[str, ...]

    @property
    def unknown(self) -> np.ndarray:
        return np.flatnonzero(self.target == -1)

    @property
    def wrong_dimension(self) -> np.ndarray:
        return np.flatnonzero(self.target == -2)

    @property
    def missing(self) -> np.ndarray:
        return np.flatnonzero(self.target == -3)

    @property
    def ok(self) -> np.ndarray:
        return self.target >= 0


def convert_units(
    units: pd.Series | np.ndarray | list, targets: tuple[str, ...] | str, *, strip_co2e=False
) -> Conversion:
    """Vectorised conversion factors of a column of unit strings to ``targets``.

    Groups by distinct unit (``pd.factorize``), parses each distinct unit ONCE, and broadcasts
    the factors back by code: no pint object per row. Blank/NaN units get target −3 (missing).
    """
    if isinstance(targets, str):
        targets = (targets,)
    if isinstance(getattr(units, "dtype", None), pd.CategoricalDtype):
        codes = np.asarray(units.cat.codes if isinstance(units, pd.Series) else units.codes)
        uniques = list(units.cat.categories if isinstance(units, pd.Series) else units.categories)
    else:
        codes, uniques = pd.factorize(pd.Series(units, dtype="object"), use_na_sentinel=True)
    ufactor = np.full(len(uniques) + 1, np.nan)
    utarget = np.full(len(uniques) + 1, -3, dtype=np.int64)  # last slot: NaN rows (code −1)
    for i, u in enumerate(uniques):
        text = str(u).strip()
        if not text:
            continue
        try:
            ufactor[i], utarget[i] = factor_to(text, targets, strip_co2e)
        except UnitError as err:
            utarget[i] = -1 if err.kind == "unknown" else -2
    return Conversion(factor=ufactor[codes], target=utarget[codes], targets=targets)
