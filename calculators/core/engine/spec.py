"""What the engine computes and reads: result columns, options, each method's parameters.

T/CSES 146-2024 6.3.1 (f), 6.3.2; GB/T 32150-2015. Constants only; no computation.
"""

from dataclasses import dataclass
from typing import NamedTuple

from calculators.core import methods, normalise, template

#: Gas-group result columns (t of gas), in GB/T 32150 order.
GAS_COLUMNS: dict[str, str] = {
    "CO2": "co2",
    "CH4": "ch4",
    "N2O": "n2o",
    "HFCs": "hfcs",
    "PFCs": "pfcs",
    "SF6": "sf6",
    "NF3": "nf3",
}
#: Numeric result columns: gas masses (t), biogenic CO2 memo (t), CO2e (t), CO2e of biomass
#: combustion left out of the total under the ``exclude`` rule (t), energy (GJ).
OUTPUT_COLUMNS: tuple[str, ...] = (
    *GAS_COLUMNS.values(),
    "co2_biogenic",
    "co2e",
    "co2e_excluded",
    "energy_gj",
)
RESULT_COLUMNS: tuple[str, ...] = (
    *OUTPUT_COLUMNS,
    "gwp_ch4",
    "scope",
    "category",
    "method",
    "quantity",
    "quantity_dim",
    "factor_combo",
    "override_mask",
    "factors",
    "factor_sources",
    "verification",
    "overridden",
)
METHOD_KEYS = template.METHOD_KEYS
#: Index of a method key in :data:`METHOD_KEYS`.
METHOD_INDEX: dict[str, int] = normalise.METHOD_INDEX
#: The method index that stands for an unknown method (the last slot of per-method tables).
UNKNOWN_METHOD = len(METHOD_KEYS)
RELEASE_METHODS = ("gas_release", "refrigerant_mass_balance", "measured")
IPCC_METHODS = ("ipcc_tier1", "biomass")
#: Verification tags from weakest to strongest (6.3.2: a result shows its weakest factor).
VERIFICATION_ORDER = {"M": 0, "T": 1, "V": 2, "measured": 3, "": 4}


#: Biomass rules (T/CSES 146-2024 6.3.1 a; docs/accounting_rules.md): ``exclude`` GB/T 32150
#: (every gas of biomass combustion accounted apart, none in the total), ``memo`` GHG Protocol /
#: ISO 14064-1 (biogenic CO2 a memo, CH4 and N2O counted), ``include`` (all counted).
BIOMASS_RULES: tuple[str, ...] = ("exclude", "memo", "include")
#: CH4 GWP rules: ``single`` one CH4 value; ``split`` fossil / non-fossil by origin (AR6 29.8 /
#: 27.0, AR5 30 / 28); ``auto`` split under AR6, single otherwise.
CH4_RULES: tuple[str, ...] = ("auto", "single", "split")
#: Origins of methane (GHG Protocol AR6 table; IPCC AR6 WG1 Table 7.15).
CH4_ORIGINS: tuple[str, ...] = ("fossil", "non_fossil")
#: Spellings of a row's ``ch4_origin`` (lower-cased) → origin.
CH4_ORIGIN_ALIASES: dict[str, str] = {
    "fossil": "fossil",
    "化石": "fossil",
    "化石源": "fossil",
    "non_fossil": "non_fossil",
    "non-fossil": "non_fossil",
    "nonfossil": "non_fossil",
    "biogenic": "non_fossil",
    "非化石": "non_fossil",
    "非化石源": "non_fossil",
    "生物质": "non_fossil",
}
#: GWP sets whose CH4 default is the fossil / non-fossil split.
SPLIT_BY_DEFAULT: tuple[str, ...] = ("AR6",)


@dataclass(frozen=True)
class Options:
    """Method options of a run (stored with the run; 6.3.1 a, 6.3.2).

    ``ipcc_sector``: ``manufacturing`` (IPCC Table 2.3) or ``energy`` (Table 2.2) CH4/N2O.
    ``biomass``: :data:`BIOMASS_RULES`; blank reads the older ``biomass_co2_in_total``
    (true → ``include``, false → ``memo``), so runs stored before the rule recompute
    identically. The entry points (run form, ``cems_account``) default to ``exclude``.
    ``ch4``: :data:`CH4_RULES`; ``ch4_fossil_split`` (older runs) true reads as ``split``.
    ``strict``: raise :class:`EngineError` when a row lacks a factor (else NaN results).
    """

    ipcc_sector: str = "manufacturing"
    biomass: str = ""
    ch4: str = "auto"
    biomass_co2_in_total: bool = False
    ch4_fossil_split: bool = False
    strict: bool = True

    @classmethod
    def of(cls, value: "Options | dict | None") -> "Options":
        if isinstance(value, Options):
            return value
        known = {k: v for k, v in (value or {}).items() if k in cls.__dataclass_fields__}
        if known.get("biomass") in (None, ""):
            known["biomass"] = "include" if known.get("biomass_co2_in_total") else "memo"
        if known.get("ch4") in (None, "") and known.get("ch4_fossil_split"):
            known["ch4"] = "split"
        return cls(**known)

    @property
    def biomass_rule(self) -> str:
        """The biomass rule in force (blank: the legacy flag)."""
        if self.biomass:
            return self.biomass
        return "include" if self.biomass_co2_in_total else "memo"

    def ch4_split(self, gwp_set: str) -> bool:
        """Whether CH4 takes the fossil / non-fossil GWPs under ``gwp_set``."""
        rule = self.ch4 or ("split" if self.ch4_fossil_split else "auto")
        if rule == "auto":
            return str(gwp_set).upper().removeprefix("GWP_") in SPLIT_BY_DEFAULT
        return rule == "split"


class Need(NamedTuple):
    """One parameter a method reads (6.3.1 e: a row's measured value replaces the library's).

    ``slot``: the override column and the slot of the parameter matrix; ``parameter`` and
    ``gas``: the library row to look up; ``per_dim``: ``"q"`` for the quantity's dimension,
    or a fixed dimension (``"energy"``, ``"mass"``, ``"volume"``, ``""``); ``required``: a row
    without it cannot be computed; ``default``: the value used when an optional one is absent.
    """

    slot: str
    parameter: str
    gas: str
    per_dim: str
    required: bool
    default: float | None


_EF3 = [
    Need("ef_co2", "ef", "CO2", "energy", True, None),
    Need("ef_ch4", "ef", "CH4", "energy", False, 0.0),
    Need("ef_n2o", "ef", "N2O", "energy", False, 0.0),
]
_IPCC = [
    Need("ncv", "ncv", "", "q", True, None),
    Need("ef_co2", "ef", "CO2", "energy", True, None),
    Need("ef_ch4", "ef", "CH4", "energy", True, None),
    Need("ef_n2o", "ef", "N2O", "energy", True, None),
]
#: What each method reads; methods absent here read no factor.
NEEDS: dict[str, list[Need]] = {
    "fuel_cn": [
        Need("ncv", "ncv", "", "q", True, None),
        Need("carbon_content", "carbon_content", "", "energy", True, None),
        Need("oxidation_rate", "oxidation_rate", "", "", True, None),
    ],
    "fuel_cn_carbon_mass": [
        Need("carbon_content_mass", "carbon_content_mass", "", "q", True, None),
        Need("oxidation_rate", "oxidation_rate", "", "", True, None),
    ],
    "ipcc_tier1": _IPCC,
    "biomass": _IPCC,
    "direct_ef": [
        Need("ef_co2", "ef", "CO2", "q", False, 0.0),
        Need("ef_ch4", "ef", "CH4", "q", False, 0.0),
        Need("ef_n2o", "ef", "N2O", "q", False, 0.0),
    ],
    "purchased_electricity": _EF3,
    "exported_electricity": _EF3,
    "purchased_heat": _EF3,
    "exported_heat": _EF3,
    "steam_heat": [Need("steam_enthalpy", "steam_enthalpy", "", "", True, None), *_EF3],
    "carbonate": [
        Need("ef_co2", "ef", "CO2", "mass", True, None),
        Need("purity", "purity", "", "", True, None),
        Need("calcination_fraction", "calcination_fraction", "", "", False, 1.0),
    ],
    "carbon_mass_balance": [Need("carbon_fraction", "carbon_fraction", "", "", True, None)],
    "co2_recovery": [
        Need("purity", "purity", "", "", True, None),
        Need("density", "density", "CO2", "volume", False, methods.CO2_DENSITY_T_PER_WAN_NM3 / 1e4),
    ],
}
#: Every parameter slot of the combination matrix, in order.
PARAMS: tuple[str, ...] = (*normalise.OVERRIDES, "density")
#: Column of a parameter slot in the parameter matrices.
PARAM_INDEX: dict[str, int] = {p: i for i, p in enumerate(PARAMS)}
#: Bit of an override slot in a row's override mask.
OVERRIDE_BIT: dict[str, int] = {p: 1 << i for i, p in enumerate(normalise.OVERRIDES)}
#: Rows per chunk of the result gathers (their combos and quantities stay in cache).
CHUNK = 1 << 17
