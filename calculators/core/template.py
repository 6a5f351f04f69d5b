"""The activity-data import template: THE contract between intake, the Django layer and reports.

T/CSES 146-2024 6.3.1 (d), (e) and 8.5: activity data per source and month, with units, and
factors that a row may override with measured values. Pure data, no Django.

Keys are stable: a key once released is never renamed. A file's header row (row 1) may name
each column by its English key (``source``), its Chinese label (``排放源编码``), its English
label (``Source code``) or both (``排放源编码 / source``, see :func:`header`). Blank cells mean
"not given"; columns other than the required ones may be left out of the file entirely.

Refrigerant mass balance (GHG Protocol / EPA structure, ACCOUNTING.md 10): ONE row per
equipment group and month with method ``refrigerant_mass_balance``, ``material`` (or ``gas``)
the refrigerant, ``unit`` the mass unit of all the components, and the component columns
``inventory_start``, ``inventory_end`` (required), ``acquired``, ``disbursed``,
``capacity_change`` (blank = 0). ``quantity`` may be left blank: intake sets it to the release
``(inventory_start − inventory_end) + acquired − disbursed − capacity_change``; a negative
release is an error. A given ``quantity`` is overwritten by the computed release.

Carbon mass balance: one row per material stream and month, ``direction`` ``input`` or
``output`` (blank = input), ``carbon_fraction`` in tC/t or the library value of ``material``.
"""

from dataclasses import dataclass, field

from calculators.core.messages import gettext_noop

#: Value types of a column; intake coerces each column by type, vectorised.
TEXT = "text"
PERIOD = "period"  # YYYY-MM (also YYYY-MM-DD, YYYY/MM, YYYYMM, Excel dates)
NUMBER = "number"
UNIT = "unit"
CHOICE = "choice"


@dataclass(frozen=True)
class Column:
    """One template column.

    ``unit`` names the fixed unit of a numeric override (``""`` when the column has its own unit
    column, e.g. ``ncv`` + ``ncv_unit``, or is dimensionless). ``low``/``high`` bound numeric
    values (inclusive), ``None`` = unbounded.
    """

    key: str
    label_zh: str
    label_en: str
    type: str = TEXT
    required: bool = False
    unit: str = ""
    low: float | None = None
    high: float | None = None
    help_en: str = ""
    help_zh: str = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "source",
        "排放源编码",
        "Source code",
        TEXT,
        True,
        help_en="Code of the emission source in the source register (6.3.1 c).",
        help_zh="排放源台账中的排放源编码。",
    ),
    Column(
        "facility",
        "设施编码",
        "Facility code",
        TEXT,
        help_en="Facility code; blank = the source's facility.",
        help_zh="设施编码；留空则取排放源所属设施。",
    ),
    Column(
        "period",
        "期间",
        "Period",
        PERIOD,
        True,
        help_en="Month of the activity, YYYY-MM.",
        help_zh="数据所属月份，格式 YYYY-MM。",
    ),
    Column(
        "method",
        "方法",
        "Method",
        CHOICE,
        True,
        help_en="Accounting method key (see METHODS).",
        help_zh="核算方法代码。",
    ),
    Column(
        "material",
        "物料",
        "Material",
        TEXT,
        help_en="Material key in the factor library (e.g. natural_gas).",
        help_zh="排放因子库中的物料代码（如 natural_gas）。",
    ),
    Column(
        "quantity",
        "数量",
        "Quantity",
        NUMBER,
        True,
        low=0.0,
        help_en="Activity data, ≥ 0 (blank allowed for refrigerant_mass_balance).",
        help_zh="活动数据，≥ 0（制冷剂质量平衡法可留空）。",
    ),
    Column(
        "unit",
        "单位",
        "Unit",
        UNIT,
        True,
        help_en="Unit of quantity: t, 万Nm3, MWh, 万kWh, GJ, tce, kg, 吨, 万元 …",
        help_zh="数量的单位：t、万Nm3、MWh、万kWh、GJ、tce、kg、吨、万元等。",
    ),
    Column(
        "gas",
        "气体",
        "Gas",
        TEXT,
        help_en="Gas species or blend released (SF6, HFC-134a, R-410A …); blank = material.",
        help_zh="逸散气体或混合制冷剂（SF6、HFC-134a、R-410A 等）；留空取物料。",
    ),
    # per-row factor overrides: measured values take precedence over the library (6.3.1 e)
    Column(
        "ncv",
        "低位发热量",
        "Net calorific value",
        NUMBER,
        low=0.0,
        help_en="Measured NCV, in ncv_unit (default GJ/t or GJ/万Nm3).",
        help_zh="实测低位发热量，单位见 ncv_unit。",
    ),
    Column(
        "ncv_unit",
        "低位发热量单位",
        "NCV unit",
        UNIT,
        help_en="Unit of ncv, e.g. GJ/t, GJ/万Nm3, TJ/Gg.",
        help_zh="低位发热量单位。",
    ),
    Column(
        "carbon_content",
        "单位热值含碳量",
        "Carbon content",
        NUMBER,
        low=0.0,
        help_en="Measured carbon content, tC/GJ (fuel_cn) or tC/t (fuel_cn_carbon_mass).",
        help_zh="实测含碳量：tC/GJ（fuel_cn）或 tC/t（fuel_cn_carbon_mass）。",
    ),
    Column(
        "carbon_content_unit",
        "含碳量单位",
        "Carbon content unit",
        UNIT,
        help_en="Unit of carbon_content.",
        help_zh="含碳量单位。",
    ),
    Column(
        "oxidation_rate",
        "碳氧化率",
        "Oxidation rate",
        NUMBER,
        low=0.0,
        high=1.0,
        help_en="Carbon oxidation rate, fraction 0–1.",
        help_zh="碳氧化率，0–1 的小数。",
    ),
    Column(
        "ef_co2",
        "CO2排放因子",
        "CO2 emission factor",
        NUMBER,
        low=0.0,
        help_en="CO2 emission factor in ef_unit.",
        help_zh="CO2 排放因子，单位见 ef_unit。",
    ),
    Column(
        "ef_ch4",
        "CH4排放因子",
        "CH4 emission factor",
        NUMBER,
        low=0.0,
        help_en="CH4 emission factor in ef_unit.",
        help_zh="CH4 排放因子，单位见 ef_unit。",
    ),
    Column(
        "ef_n2o",
        "N2O排放因子",
        "N2O emission factor",
        NUMBER,
        low=0.0,
        help_en="N2O emission factor in ef_unit.",
        help_zh="N2O 排放因子，单位见 ef_unit。",
    ),
    Column(
        "ef_unit",
        "排放因子单位",
        "Emission factor unit",
        UNIT,
        help_en="Unit of ef_co2/ef_ch4/ef_n2o, e.g. tCO2/MWh, kg/TJ, tCO2/t.",
        help_zh="排放因子单位，如 tCO2/MWh、kg/TJ、tCO2/t。",
    ),
    Column(
        "purity",
        "纯度",
        "Purity",
        NUMBER,
        low=0.0,
        high=1.0,
        help_en="Purity (carbonate content or CO2 purity), fraction 0–1.",
        help_zh="纯度（碳酸盐含量或 CO2 纯度），0–1 的小数。",
    ),
    Column(
        "calcination_fraction",
        "煅烧比例",
        "Calcination fraction",
        NUMBER,
        low=0.0,
        high=1.0,
        help_en="Fraction of carbonate calcined, 0–1 (blank = 1).",
        help_zh="碳酸盐煅烧比例，0–1（留空为 1）。",
    ),
    Column(
        "steam_enthalpy",
        "蒸汽焓值",
        "Steam enthalpy",
        NUMBER,
        unit="kJ/kg",
        low=0.0,
        help_en="Steam enthalpy in kJ/kg (steam_heat).",
        help_zh="蒸汽焓值，kJ/kg。",
    ),
    Column(
        "carbon_fraction",
        "含碳率",
        "Carbon fraction",
        NUMBER,
        unit="tC/t",
        low=0.0,
        high=1.0,
        help_en="Carbon fraction of a mass-balance stream, tC/t.",
        help_zh="碳质量平衡物料的含碳量，tC/t。",
    ),
    Column(
        "direction",
        "输入输出",
        "Direction",
        CHOICE,
        help_en="input or output (carbon_mass_balance; blank = input).",
        help_zh="input（输入）或 output（输出），碳质量平衡法用；留空为输入。",
    ),
    # refrigerant mass balance components, in the row's unit
    Column(
        "inventory_start",
        "期初库存",
        "Inventory at start",
        NUMBER,
        low=0.0,
        help_en="Refrigerant in stock at the start of the period.",
        help_zh="期初制冷剂库存量。",
    ),
    Column(
        "inventory_end",
        "期末库存",
        "Inventory at end",
        NUMBER,
        low=0.0,
        help_en="Refrigerant in stock at the end of the period.",
        help_zh="期末制冷剂库存量。",
    ),
    Column(
        "acquired",
        "购入量",
        "Acquired",
        NUMBER,
        low=0.0,
        help_en="Refrigerant purchased or received.",
        help_zh="购入或接收的制冷剂量。",
    ),
    Column(
        "disbursed",
        "售出转移量",
        "Disbursed",
        NUMBER,
        low=0.0,
        help_en="Refrigerant sold, returned or sent for destruction.",
        help_zh="售出、退回或送销毁的制冷剂量。",
    ),
    Column(
        "capacity_change",
        "设备容量净增",
        "Net capacity increase",
        NUMBER,
        help_en="Nameplate capacity of new equipment minus retired equipment.",
        help_zh="新增设备额定充注量减去退役设备额定充注量。",
    ),
    Column(
        "data_source",
        "数据来源",
        "Data source",
        TEXT,
        help_en="Where the figure comes from (meter, invoice, log …).",
        help_zh="数据来源（计量表、发票、台账等）。",
    ),
    Column("note", "备注", "Note", TEXT),
)

COLUMN_BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)
REQUIRED_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.required)
OVERRIDE_KEYS: tuple[str, ...] = (
    "ncv",
    "ncv_unit",
    "carbon_content",
    "carbon_content_unit",
    "oxidation_rate",
    "ef_co2",
    "ef_ch4",
    "ef_n2o",
    "ef_unit",
    "purity",
    "calcination_fraction",
    "steam_enthalpy",
    "carbon_fraction",
)
#: The override value columns (a measured value replaces the library's, 6.3.1 e) and the
#: unit columns that go with some of them.
OVERRIDE_VALUE_KEYS: tuple[str, ...] = tuple(k for k in OVERRIDE_KEYS if not k.endswith("_unit"))
OVERRIDE_UNIT_KEYS: tuple[str, ...] = tuple(k for k in OVERRIDE_KEYS if k.endswith("_unit"))
MASS_BALANCE_KEYS: tuple[str, ...] = (
    "inventory_start",
    "inventory_end",
    "acquired",
    "disbursed",
    "capacity_change",
)
DIRECTIONS: tuple[str, ...] = ("input", "output")

# --- dimensions a quantity may have (canonical unit per dimension) ----------------------------
MASS = "mass"  # t
VOLUME = "volume"  # m**3 (Nm3 is a volume)
ENERGY = "energy"  # GJ (MWh, tce … convert)
CO2E = "co2e"  # tCO2e
CURRENCY = "currency"  # 万元
CANONICAL_UNIT: dict[str, str] = {
    MASS: "t",
    VOLUME: "m**3",
    ENERGY: "GJ",
    CO2E: "tCO2e",
    CURRENCY: "万元",
}

#: Units as a user writes them, per dimension, for messages ("expected …"): the canonical one
#: first, then common others the registry accepts.
UNIT_EXAMPLES: dict[str, str] = {
    MASS: "t, kg, 万t",
    VOLUME: "m³, Nm3, 万Nm3",
    ENERGY: "GJ, MWh, 万kWh, tce",
    CO2E: "tCO2e, kgCO2e",
    CURRENCY: "万元, 元",
}

# --- GB/T 32150 categories (the demo source register uses the same keys) ----------------------
FUEL_COMBUSTION = "fuel_combustion"
PROCESS = "process"
FUGITIVE = "fugitive"
CO2_RECOVERY = "co2_recovery"
PURCHASED_ELECTRICITY = "purchased_electricity"
EXPORTED_ELECTRICITY = "exported_electricity"
PURCHASED_HEAT = "purchased_heat"
EXPORTED_HEAT = "exported_heat"
PRODUCTION = "production"  # production data: no emissions
OTHER = "other"  # the source register's catch-all (scope 3 and others outside GB/T 32150)
CATEGORIES: dict[str, str] = {
    FUEL_COMBUSTION: gettext_noop("Fuel combustion"),
    PROCESS: gettext_noop("Industrial process"),
    FUGITIVE: gettext_noop("Fugitive release"),
    CO2_RECOVERY: gettext_noop("CO2 recovered for use"),
    PURCHASED_ELECTRICITY: gettext_noop("Purchased electricity"),
    EXPORTED_ELECTRICITY: gettext_noop("Exported electricity"),
    PURCHASED_HEAT: gettext_noop("Purchased heat"),
    EXPORTED_HEAT: gettext_noop("Exported heat"),
    PRODUCTION: gettext_noop("Production data"),
    OTHER: gettext_noop("Other"),
}


@dataclass(frozen=True)
class Method:
    """An accounting method a row may name.

    ``dimensions``: dimensions ``quantity`` may have (the first is the usual one).
    ``parameters``: factor-library parameters the method reads (a row override replaces each).
    ``scope``/``category``: defaults when the activity frame carries none from the source.
    ``sign``: +1, or −1 for deductions (exports, recovered CO2).
    """

    key: str
    label: str
    dimensions: tuple[str, ...]
    scope: int
    category: str
    parameters: tuple[str, ...] = ()
    sign: int = 1
    emits: bool = True
    reference: str = ""
    extra_required: tuple[str, ...] = field(default=())


METHODS: dict[str, Method] = {
    m.key: m
    for m in (
        Method(
            "fuel_cn",
            gettext_noop("Fuel combustion, China guideline (FC × NCV × CC × OF × 44/12)"),
            (MASS, VOLUME, ENERGY),
            1,
            FUEL_COMBUSTION,
            ("ncv", "carbon_content", "oxidation_rate"),
            reference=gettext_noop("GB/T 32150-2015; NDRC/MEE sector guidelines"),
        ),
        Method(
            "fuel_cn_carbon_mass",
            gettext_noop("Fuel combustion, measured carbon per mass (FC × C_ar × OF × 44/12)"),
            (MASS, VOLUME),
            1,
            FUEL_COMBUSTION,
            ("carbon_content_mass", "oxidation_rate"),
            reference=gettext_noop("MEE power-generation guideline 2022"),
        ),
        Method(
            "ipcc_tier1",
            gettext_noop("Fuel combustion, IPCC 2006 Tier 1 per gas"),
            (MASS, VOLUME, ENERGY),
            1,
            FUEL_COMBUSTION,
            ("ncv", "ef"),
            reference=gettext_noop("IPCC 2006 Vol. 2 Tables 1.2, 2.2, 2.3"),
        ),
        Method(
            "direct_ef",
            gettext_noop("Activity × emission factor per gas"),
            (MASS, VOLUME, ENERGY, CURRENCY),
            1,
            FUEL_COMBUSTION,
            ("ef",),
            reference=gettext_noop("GB/T 32150-2015 E = AD × EF"),
        ),
        Method(
            "purchased_electricity",
            gettext_noop("Purchased electricity"),
            (ENERGY,),
            2,
            PURCHASED_ELECTRICITY,
            ("ef",),
            reference=gettext_noop("GB/T 32150-2015; MEE/NBS electricity factors"),
        ),
        Method(
            "exported_electricity",
            gettext_noop("Exported electricity (deducted)"),
            (ENERGY,),
            2,
            EXPORTED_ELECTRICITY,
            ("ef",),
            sign=-1,
            reference=gettext_noop("GB/T 32150-2015"),
        ),
        Method(
            "purchased_heat",
            gettext_noop("Purchased heat"),
            (ENERGY,),
            2,
            PURCHASED_HEAT,
            ("ef",),
            reference=gettext_noop("MEE heat factor 0.11 tCO2/GJ"),
        ),
        Method(
            "exported_heat",
            gettext_noop("Exported heat (deducted)"),
            (ENERGY,),
            2,
            EXPORTED_HEAT,
            ("ef",),
            sign=-1,
            reference=gettext_noop("MEE heat factor 0.11 tCO2/GJ"),
        ),
        Method(
            "steam_heat",
            gettext_noop("Purchased steam as heat (Ma × (En − 83.74) × 10⁻³ GJ)"),
            (MASS,),
            2,
            PURCHASED_HEAT,
            ("steam_enthalpy", "ef"),
            reference=gettext_noop("NDRC sector guidelines, steam to heat"),
        ),
        Method(
            "gas_release",
            gettext_noop("Release of a gas or blend × GWP"),
            (MASS,),
            1,
            FUGITIVE,
            (),
            reference=gettext_noop("IPCC GWP; GHG Protocol screening method"),
        ),
        Method(
            "refrigerant_mass_balance",
            gettext_noop("Refrigerant or SF6 mass balance"),
            (MASS,),
            1,
            FUGITIVE,
            (),
            extra_required=("inventory_start", "inventory_end"),
            reference=gettext_noop("GHG Protocol HFC tool; EPA Subpart DD"),
        ),
        Method(
            "carbonate",
            gettext_noop("Carbonate decomposition (M × purity × F × EF)"),
            (MASS,),
            1,
            PROCESS,
            ("ef", "purity", "calcination_fraction"),
            reference=gettext_noop("IPCC 2006 Vol. 3 Table 2.1"),
        ),
        Method(
            "carbon_mass_balance",
            gettext_noop("Carbon mass balance ((Σ in × C − Σ out × C) × 44/12)"),
            (MASS,),
            1,
            PROCESS,
            ("carbon_fraction",),
            reference=gettext_noop("GB/T 32150-2015; sector guidelines"),
        ),
        Method(
            "co2_recovery",
            gettext_noop("CO2 recovered for use (Q × PUR × 19.77, deducted)"),
            (VOLUME, MASS),
            1,
            CO2_RECOVERY,
            ("purity",),
            sign=-1,
            reference=gettext_noop("Chemical/petrochemical sector guidelines"),
        ),
        Method(
            "biomass",
            gettext_noop(
                "Biomass combustion (biogenic CO2 apart; CH4 and N2O by the run's biomass rule)"
            ),
            (MASS, VOLUME, ENERGY),
            1,
            FUEL_COMBUSTION,
            ("ncv", "ef"),
            reference=gettext_noop("GB/T 32150-2015; IPCC 2006 Vol. 2 Table 2.3"),
        ),
        Method(
            "measured",
            gettext_noop("Measured emissions (tCO2e or a gas mass)"),
            (CO2E, MASS),
            1,
            PROCESS,
            (),
            reference=gettext_noop("GB/T 32150-2015 measurement method"),
        ),
        Method(
            "production_output",
            gettext_noop("Production output (t of product, for intensity)"),
            (MASS,),
            0,
            PRODUCTION,
            (),
            emits=False,
            reference=gettext_noop("Intensity, ACCOUNTING.md 11"),
        ),
        Method(
            "production_value",
            gettext_noop("Production value (万元/亿元, for intensity)"),
            (CURRENCY,),
            0,
            PRODUCTION,
            (),
            emits=False,
            reference=gettext_noop("Intensity, ACCOUNTING.md 11"),
        ),
    )
}
METHOD_KEYS: tuple[str, ...] = tuple(METHODS)

#: GHG groups of GB/T 32150 / T/CSES 146 clause 3, in report order; engine result columns.
GAS_GROUPS: tuple[str, ...] = ("CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3")


def header(key: str, style: str = "bilingual") -> str:
    """Header text of column ``key``: ``zh``, ``en`` (label), ``key`` or ``bilingual``."""
    col = COLUMN_BY_KEY[key]
    if style == "zh":
        return col.label_zh
    if style == "en":
        return col.label_en
    if style == "key":
        return col.key
    return f"{col.label_zh} / {col.key}"


def header_aliases() -> dict[str, str]:
    """Every accepted header spelling, normalised (:func:`normalise_header`) → column key."""
    out: dict[str, str] = {}
    for col in COLUMNS:
        for text in (
            col.key,
            col.label_zh,
            col.label_en,
            header(col.key, "bilingual"),
            f"{col.label_zh}({col.key})",
            f"{col.label_zh}（{col.key}）",
        ):
            out[normalise_header(text)] = col.key
    return out


def normalise_header(text: object) -> str:
    """Lower-case, strip and drop inner spaces/underscores so 'Source Code' ≡ 'source_code'."""
    return "".join(str(text).strip().lower().replace("_", " ").split())
