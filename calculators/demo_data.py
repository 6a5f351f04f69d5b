"""Three years of monthly activity data for the demo enterprise (pure: no Django, no query).

The rows follow the import template (:mod:`calculators.core.template`, T/CSES 146-2024
6.3.1 d/e, 8.5) for the 24 sources of :mod:`cems_registers.demo.enterprise`, with:

* seasonality: gas boilers, the coal stove, the biomass boiler, steam and district heat peak in
  winter; electricity of the R&D centre and the Suzhou plant, and refrigerant top-ups, peak in
  summer; rooftop PV export follows the sun; production dips at the Spring Festival (February);
* growth: castings output +4 % in 2024 and +6 % in 2025, output value a little faster;
* reduction measures: boiler 2# economiser from April 2024 (−12 % gas), part of the cupola's
  coke replaced by the induction furnaces from 2025 (−20 % coke, +more electricity at Wuxi),
  more rooftop PV in mid-2024 and 2025 (export grows), electric forklifts in 2025 (−15 % diesel),
  the coal stove partly replaced by biomass pellets in 2025;
* every method of the template used at least once (refrigerant mass balance with all its
  components, carbon mass balance input and output streams, steam enthalpy, measured overrides
  on a few rows whose ``data_source`` is ``measured``, estimated rows, production rows).

Deterministic: the random noise comes from ``numpy.random.default_rng(seed + year)``.
"""

import io
import math

import numpy as np
import pandas as pd

from calculators.core.template import COLUMN_KEYS
from cems_registers.demo.enterprise import SOURCES

DEMO_YEARS: tuple[int, ...] = (2023, 2024, 2025)
DEFAULT_SEED = 146_2024

#: Source code under which production rows (intensity denominators) are filed: the foundry's
#: melting furnace, whose facility (the Wuxi foundry) makes the castings.
PRODUCTION_SOURCE = "S03"
#: Typical monthly castings output (t) and output value (万元) in 2023.
CASTINGS_T = 1250.0
OUTPUT_VALUE_WAN = 3800.0

#: The enterprise's sources by code: (facility, material, method, unit, typical monthly quantity).
_SOURCES = {
    s[0]: {"facility": s[1], "material": s[5], "method": s[9], "unit": s[10], "q": s[11]}
    for s in SOURCES
}

#: Data sources as an enterprise writes them (8.5: where each figure comes from).
DS_GAS_METER = "燃气计量表 / gas meter"
DS_INVOICE = "采购发票 / purchase invoice"
DS_FUEL_LOG = "燃料台账 / fuel log"
DS_WEIGHBRIDGE = "地磅单 / weighbridge ticket"
DS_BILL = "电费结算单 / electricity bill"
DS_PV_METER = "上网电量计量表 / export meter"
DS_STEAM_METER = "蒸汽流量计 / steam flow meter"
DS_HEAT_METER = "热量表 / heat meter"
DS_REFRIGERANT_LOG = "制冷剂台账 / refrigerant log"
DS_MAINTENANCE = "维保记录 / maintenance record"
DS_PRODUCTION = "生产报表 / production report"
DS_FINANCE = "财务报表 / financial statement"
DS_MEASURED = "实测 / measured"
DS_ESTIMATED = "估算 / estimated"

#: Growth of production per year relative to 2023.
_PRODUCTION_GROWTH = {2023: 1.0, 2024: 1.04, 2025: 1.04 * 1.06}
_VALUE_GROWTH = {2023: 1.0, 2024: 1.06, 2025: 1.06 * 1.08}


def _heating(month: int) -> float:
    """Heating-demand index, 1 on average: high in January, low in July."""
    return 1.0 + 0.6 * math.cos(2 * math.pi * (month - 1) / 12)


def _cooling(month: int) -> float:
    """Cooling-demand index, 1 on average: high in late July, low in winter."""
    return 1.0 + 0.55 * math.cos(2 * math.pi * (month - 7.5) / 12)


def _solar(month: int) -> float:
    """Solar-yield index, 1 on average: high in June, low in December."""
    return 1.0 + 0.35 * math.cos(2 * math.pi * (month - 6) / 12)


def _production(month: int) -> float:
    """Production index: Spring Festival in February, a short dip in the October holiday."""
    return {2: 0.72, 10: 0.93, 12: 1.05}.get(month, 1.0)


def _blank_row(source: str, period: str) -> dict:
    spec = _SOURCES[source]
    row = dict.fromkeys(COLUMN_KEYS)
    row.update(
        source=source,
        facility=spec["facility"],
        period=period,
        method=spec["method"],
        material=spec["material"],
        unit=spec["unit"],
    )
    return row


def _rows_for_month(year: int, month: int, rng: np.random.Generator, state: dict) -> list[dict]:
    period = f"{year}-{month:02d}"
    grow = _PRODUCTION_GROWTH[year]
    prod = _production(month) * grow
    heat = _heating(month)
    cool = _cooling(month)

    def noise(sd: float = 0.04) -> float:
        return float(1.0 + rng.normal(0.0, sd))

    def q(code: str, index: float, decimals: int = 2, sd: float = 0.04) -> float:
        return round(_SOURCES[code]["q"] * index * noise(sd), decimals)

    rows: list[dict] = []

    def add(code: str, quantity: float | None, data_source: str, **extra) -> dict:
        row = _blank_row(code, period)
        row["quantity"] = quantity
        row["data_source"] = data_source
        row.update(extra)
        rows.append(row)
        return row

    # -- scope 1, stationary combustion (fuel_cn / fuel_cn_carbon_mass) -----------------------
    add("S01", q("S01", 0.35 + 0.65 * heat, 3), DS_GAS_METER)
    boiler2 = 0.35 + 0.65 * heat
    if (year, month) >= (2024, 4):  # economiser fitted on boiler 2#
        boiler2 *= 0.88
    add("S02", q("S02", boiler2, 3), DS_GAS_METER)
    s03 = add("S03", q("S03", prod, 3), DS_GAS_METER)
    if month in (3, 6, 9, 12):  # quarterly lab analysis of the gas supplied
        s03.update(
            ncv=round(389.31 * noise(0.01), 2),
            ncv_unit="GJ/万Nm3",
            data_source=DS_MEASURED,
            note="季度燃气热值检测 / quarterly gas NCV test",
        )
    coke = prod * (0.8 if year >= 2025 else 1.0)  # induction furnaces take over part of the melt
    add("S04", q("S04", coke, 1), DS_WEIGHBRIDGE)
    coal_share = 0.75 if year >= 2025 else 1.0  # biomass pellets replace part of the coal
    s05 = add("S05", q("S05", (0.3 + 0.7 * heat) * coal_share, 1), DS_WEIGHBRIDGE)
    if month in (1, 7):  # semi-annual elemental carbon analysis (C_ar)
        s05.update(
            carbon_content=round(0.6075 * noise(0.015), 4),
            carbon_content_unit="tC/t",
            data_source=DS_MEASURED,
            note="煤质化验 C_ar / coal assay",
        )
    # emergency generator: monthly test run, one long outage run in August
    add(
        "S06",
        round(_SOURCES["S06"]["q"] * (3.0 if month == 8 else 0.8) * noise(0.1), 3),
        DS_FUEL_LOG,
    )
    s07 = add("S07", q("S07", grow, 3), DS_INVOICE)
    if year >= 2025:  # the new LPG supplier declares its own CO2 factor per tonne
        s07.update(method="direct_ef", ef_co2=2.95, ef_unit="tCO2/t", note="供应商声明排放因子")
    # -- scope 1, mobile combustion (IPCC Tier 1, per gas) ------------------------------------
    forklifts = prod * (0.85 if year >= 2025 else 1.0)
    add("S08", q("S08", forklifts, 3), DS_FUEL_LOG)
    s09 = add("S09", q("S09", 1.0, 3, sd=0.08), DS_INVOICE)
    if month == 12:  # December fuel-card statement arrives in January
        s09.update(data_source=DS_ESTIMATED, note="12 月油卡账单未到，按前三月均值估算")
    # -- scope 1, biomass (biogenic CO2 memo) --------------------------------------------------
    biomass = (0.3 + 0.7 * heat) * (1.5 if year >= 2025 else 1.0)
    add("S10", q("S10", biomass, 1), DS_WEIGHBRIDGE)
    # -- scope 1, process ----------------------------------------------------------------------
    add("S11", q("S11", prod, 2), DS_WEIGHBRIDGE, purity=0.92, calcination_fraction=1.0)
    castings = round(CASTINGS_T * prod * noise(0.02), 1)
    state["castings"] = castings
    # carbon mass balance of the melt: pig iron, scrap and recarburiser in; castings and slag
    # out. Library carbon fractions (CN_foundry_carbon_defaults) except the recarburiser,
    # assayed each quarter.
    streams = (
        ("pig_iron", round(castings * 0.45 * noise(0.02), 1), "input"),
        ("steel_scrap", round(castings * 0.60 * noise(0.02), 1), "input"),
        ("recarburiser", round(_SOURCES["S12"]["q"] * 0.55 * prod * noise(0.03), 2), "input"),
        ("grey_cast_iron", castings, "output"),
        ("foundry_slag", round(castings * 0.05 * noise(0.05), 1), "output"),
    )
    for material, quantity, direction in streams:
        row = add("S12", quantity, DS_WEIGHBRIDGE, material=material, direction=direction)
        if material == "recarburiser" and month in (3, 6, 9, 12):
            row.update(
                carbon_fraction=round(0.95 * noise(0.01), 3),
                data_source=DS_MEASURED,
                note="增碳剂固定碳化验 / recarburiser assay",
            )
    # -- scope 1, fugitive -------------------------------------------------------------------
    add(
        "S13",
        round(_SOURCES["S13"]["q"] * max(cool - 0.4, 0.05) * noise(0.2), 2),
        DS_MAINTENANCE,
        gas="R-410A",
    )
    # HFC-134a: monthly refrigerant mass balance of the CRAC units (all five components)
    start = state.setdefault("crac_stock", 60.0)
    acquired = 20.0 if month in (4, 10) else 0.0
    capacity_change = 0.0
    if (year, month) == (2024, 6):  # a new CRAC unit charged with 12 kg
        acquired += 12.0
        capacity_change = 12.0
    disbursed = 3.0 if month == 11 else 0.0  # cylinder returned for recycling
    release = round(_SOURCES["S14"]["q"] * (0.6 + 0.4 * cool) * noise(0.15), 2)
    end = round(start + acquired - disbursed - capacity_change - release, 2)
    if end < 5.0:  # keep a working stock
        acquired += 20.0
        end = round(end + 20.0, 2)
    state["crac_stock"] = end
    add(
        "S14",
        None,
        DS_REFRIGERANT_LOG,
        gas="HFC-134a",
        inventory_start=start,
        inventory_end=end,
        acquired=acquired,
        disbursed=disbursed,
        capacity_change=capacity_change,
    )
    sf6 = 0.0 if month not in (5, 11) else round(_SOURCES["S15"]["q"] * 6 * noise(0.1), 3)
    s15 = add("S15", sf6, DS_MAINTENANCE, gas="SF6")
    if month == 11:  # annual overhaul: the loss is weighed on recovery (measurement method)
        s15.update(
            method="measured", data_source=DS_MEASURED, note="回收称重实测 / weighed on recovery"
        )
    add(
        "S16",
        round(_SOURCES["S16"]["q"] * max(cool - 0.3, 0.05) * noise(0.2), 2),
        DS_MAINTENANCE,
        gas="R-404A",
    )
    add("S17", q("S17", prod, 4), DS_GAS_METER, purity=0.995)
    # -- scope 2 -------------------------------------------------------------------------------
    add("S18", q("S18", (0.7 * prod + 0.3 * cool) * grow**0.3, 1), DS_BILL)
    wuxi = prod * (1.18 if year >= 2025 else 1.0)  # induction furnaces take the cupola's melt
    add("S19", q("S19", wuxi, 2), DS_BILL)
    add("S20", q("S20", 0.8 * prod + 0.2 * cool, 1), DS_BILL)
    add("S21", q("S21", 0.55 + 0.45 * cool, 1), DS_BILL)
    pv = {2023: 1.0, 2024: 1.0 if month < 7 else 1.45, 2025: 1.8}[year]
    add("S22", q("S22", _solar(month) * pv, 1, sd=0.08), DS_PV_METER)
    add(
        "S23",
        q("S23", 0.45 + 0.55 * heat, 1),
        DS_STEAM_METER,
        steam_enthalpy=round(2780 * noise(0.005), 1),
    )
    if year >= 2025 and month in (1, 2, 3, 11, 12):  # steam heat resold to the logistics park
        add(
            "S23",
            round(150.0 * heat * noise(0.05), 1),
            DS_HEAT_METER,
            method="exported_heat",
            material="heat",
            unit="GJ",
            note="向邻近物流园转供热 / heat resold to the logistics park",
        )
    add("S24", q("S24", max(heat - 0.35, 0.08), 1), DS_HEAT_METER)
    if (year, month) == (2025, 3):  # heat meter replaced; the month is estimated from degree-days
        rows[-1].update(data_source=DS_ESTIMATED, note="热量表更换，按度日数估算")
    # -- production (intensity denominators) ---------------------------------------------------
    value = round(OUTPUT_VALUE_WAN * _production(month) * _VALUE_GROWTH[year] * noise(0.03), 1)
    add(
        PRODUCTION_SOURCE,
        castings,
        DS_PRODUCTION,
        method="production_output",
        material="grey_cast_iron",
        unit="t",
    )
    add(
        PRODUCTION_SOURCE,
        value,
        DS_FINANCE,
        method="production_value",
        material="output_value",
        unit="万元",
    )
    return rows


def generate_year(year: int, *, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """One year of monthly rows in template column order (``COLUMN_KEYS``); blanks are NA.

    Issues no query. The same ``year`` and ``seed`` give the same frame.
    """
    rng = np.random.default_rng(seed + year)
    # the refrigerant stock carries over from December of the previous year
    state: dict = {"crac_stock": 60.0 + 5.0 * (year - DEMO_YEARS[0])}
    rows: list[dict] = []
    for month in range(1, 13):
        rows.extend(_rows_for_month(year, month, rng, state))
    frame = pd.DataFrame(rows, columns=list(COLUMN_KEYS))
    return frame.dropna(axis=1, how="all").reindex(columns=list(COLUMN_KEYS))


def generate(
    years: tuple[int, ...] = DEMO_YEARS, *, seed: int = DEFAULT_SEED
) -> dict[int, pd.DataFrame]:
    """Frames for each of ``years``, by year."""
    return {year: generate_year(year, seed=seed) for year in years}


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a UTF-8 CSV (with BOM, so spreadsheet programs read Chinese) keyed by column key.

    Columns that are blank in every row are left out, as the template allows.
    """
    used = frame.dropna(axis=1, how="all")
    buffer = io.StringIO()
    used.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8-sig")


def year_csv(year: int, *, seed: int = DEFAULT_SEED) -> bytes:
    """CSV bytes of one demo year (what the loader submits)."""
    return to_csv_bytes(generate_year(year, seed=seed))
