"""Accounting rules (issue 11 §1): biomass exclude / memo / include and the CH4 GWP by origin.

Hand-checked worked examples on the shipped library (IPCC 2006 Vol. 2 Table 1.2 NCVs, Table
2.3 manufacturing CH4/N2O; GWPs of calculators/data/gwp.csv). No database.
"""

import pandas as pd
import pytest

from calculators.core import engine
from calculators.core.engine import EngineError, Options
from calculators.core.factors import FactorTable, load_factors
from calculators.core.gwp import GwpTable, material_origins

TABLE = FactorTable.default()
# 100 t wood: 100 × 15.6 GJ/t = 1,560 GJ; CO2 112,000, CH4 30, N2O 4 kg/TJ
WOOD_BIO_CO2 = 1560 * 112000e-6  # 174.72 t
WOOD_CH4 = 1560 * 30e-6  # 0.0468 t
WOOD_N2O = 1560 * 4e-6  # 0.00624 t
# 100 t natural gas: 100 × 48.0 GJ/t = 4,800 GJ; CO2 56,100, CH4 1, N2O 0.1 kg/TJ
GAS_CO2, GAS_CH4, GAS_N2O = 4800 * 56100e-6, 4800 * 1e-6, 4800 * 0.1e-6


def frame(*rows):
    base = {"source": "S1", "period": "2023-01", "method": "", "material": "", "unit": "t"}
    return pd.DataFrame([{**base, **row} for row in rows])


WOOD = {"method": "biomass", "material": "wood", "quantity": 100}
GAS = {"method": "ipcc_tier1", "material": "natural_gas", "quantity": 100}
METHANE = {"method": "gas_release", "gas": "CH4", "quantity": 1}


def test_biomass_rules_worked_example_ar6():
    df = frame(WOOD, GAS)
    out = {
        rule: engine.compute(df, TABLE, gwp_set="AR6", options={"biomass": rule})
        for rule in ("exclude", "memo", "include")
    }
    ch4_n2o = WOOD_CH4 * 27.0 + WOOD_N2O * 273  # 1.2636 + 1.70352 = 2.96712 tCO2e
    assert ch4_n2o == pytest.approx(2.96712)
    assert out["exclude"]["co2e"].iloc[0] == 0
    assert out["exclude"]["co2e_excluded"].iloc[0] == pytest.approx(2.96712)
    assert out["memo"]["co2e"].iloc[0] == pytest.approx(2.96712)
    assert out["memo"]["co2e_excluded"].iloc[0] == 0
    assert out["include"]["co2e"].iloc[0] == pytest.approx(174.72 + 2.96712)
    for result in out.values():  # masses do not depend on the rule; the fossil row neither
        assert result["co2_biogenic"].iloc[0] == pytest.approx(WOOD_BIO_CO2)
        assert result["ch4"].iloc[0] == pytest.approx(WOOD_CH4)
        assert result["co2e"].iloc[1] == pytest.approx(GAS_CO2 + GAS_CH4 * 29.8 + GAS_N2O * 273)


def test_stored_options_read_as_before_the_rule():
    """Runs stored with biomass_co2_in_total (or biomass memo/include) recompute identically."""
    assert Options.of({}).biomass_rule == "memo"
    assert Options.of({"biomass_co2_in_total": False}).biomass_rule == "memo"
    assert Options.of({"biomass_co2_in_total": True}).biomass_rule == "include"
    assert Options.of({"biomass": "memo"}).biomass_rule == "memo"
    assert Options.of({"ch4_fossil_split": True}).ch4_split("AR5")
    df = frame(WOOD)
    legacy = engine.compute(df, TABLE, gwp_set="AR5", options={"biomass_co2_in_total": True})
    named = engine.compute(df, TABLE, gwp_set="AR5", options={"biomass": "include"})
    assert legacy["co2e"].iloc[0] == named["co2e"].iloc[0]
    assert legacy["co2e"].iloc[0] == pytest.approx(174.72 + WOOD_CH4 * 28 + WOOD_N2O * 265)


def test_ar6_splits_ch4_by_origin_by_default():
    landfill = {  # the library has its NCV only: the row gives its factors (6.3.1 e)
        "method": "ipcc_tier1",
        "material": "landfill_gas",
        "quantity": 10,
        "ef_co2": 54600,
        "ef_ch4": 1,
        "ef_n2o": 0.1,
        "ef_unit": "kg/TJ",
    }
    result = engine.compute(frame(GAS, WOOD, METHANE, landfill), TABLE, gwp_set="AR6")
    assert list(result["gwp_ch4"]) == [29.8, 27.0, 29.8, 27.0]
    assert result["co2e"].iloc[2] == pytest.approx(29.8)  # fugitive methane: fossil
    assert material_origins()["landfill_gas"] == "non_fossil"
    single = engine.compute(frame(GAS, METHANE), TABLE, gwp_set="AR6", options={"ch4": "single"})
    assert list(single["gwp_ch4"]) == [27.9, 27.9]
    assert single["co2e"].iloc[1] == pytest.approx(27.9)


def test_ar5_single_by_default_split_on_request():
    df = frame(GAS, WOOD)
    plain = engine.compute(df, TABLE, gwp_set="AR5", options={"biomass": "memo"})
    split = engine.compute(df, TABLE, gwp_set="AR5", options={"biomass": "memo", "ch4": "split"})
    assert list(plain["gwp_ch4"]) == [28.0, 28.0]
    assert list(split["gwp_ch4"]) == [30.0, 28.0]  # AR5 has no non-fossil value: 28
    assert split["co2e"].iloc[0] - plain["co2e"].iloc[0] == pytest.approx(GAS_CH4 * 2)


def test_ch4_origin_overrides_the_row():
    df = frame(GAS, WOOD, METHANE).assign(ch4_origin=["non_fossil", "化石", ""])
    result = engine.compute(df, TABLE, gwp_set="AR6", options={"biomass": "exclude"})
    assert list(result["gwp_ch4"]) == [27.0, 29.8, 29.8]
    assert result["co2e"].iloc[0] == pytest.approx(GAS_CO2 + GAS_CH4 * 27.0 + GAS_N2O * 273)
    # the excluded biomass row: its CO2e apart changes, the total does not
    assert result["co2e"].iloc[1] == 0
    assert result["co2e_excluded"].iloc[1] == pytest.approx(WOOD_CH4 * 29.8 + WOOD_N2O * 273)


def test_bad_ch4_origin_names_row_column_value():
    df = frame(GAS, WOOD, METHANE).assign(ch4_origin=["", "peat-ish", "fossil"])
    with pytest.raises(EngineError) as err:
        engine.compute(df, TABLE, gwp_set="AR6")
    (issue,) = err.value.issues
    assert (issue.code, issue.row, issue.column, issue.value) == (
        "unknown_ch4_origin",
        3,
        "ch4_origin",
        "peat-ish",
    )
    assert "Row 3: ch4_origin peat-ish" in str(issue)


@pytest.mark.parametrize(
    ("options", "column", "value"),
    [({"biomass": "ignore"}, "biomass", "ignore"), ({"ch4": "dual"}, "ch4", "dual")],
)
def test_unknown_rule_is_refused(options, column, value):
    with pytest.raises(EngineError) as err:
        engine.compute(frame(GAS), TABLE, gwp_set="AR6", options=options)
    (issue,) = err.value.issues
    assert (issue.code, issue.column, issue.value) == ("unknown_option", column, value)


def test_gas_rows_keep_excluded_biomass_apart():
    df = frame(WOOD, GAS, METHANE)
    wide = engine.compute(df, TABLE, gwp_set="AR6", options={"biomass": "exclude"})
    keys = df.assign(id=[1, 2, 3], source_id=1, facility_id=1)
    rows = engine.gas_rows(wide, keys, gwp=GwpTable("AR6"))
    wood = rows[rows["id"] == 1].set_index("gas_group")
    assert (wood["tco2e"] == 0).all()
    assert wood.loc["CH4", "mass_t"] == pytest.approx(WOOD_CH4)
    assert wood.loc["CH4", "gwp"] == 27.0
    assert wood.loc["CO2", "biogenic_t"] == pytest.approx(WOOD_BIO_CO2)
    assert rows["tco2e"].sum() == pytest.approx(wide["co2e"].sum())
    methane = rows[rows["id"] == 3].set_index("gas_group")
    assert methane.loc["CH4", "gwp"] == 29.8


def test_every_origin_names_a_library_material():
    materials = set(load_factors()["material"])
    for material, origin in material_origins().items():
        assert material in materials, material
        assert origin in engine.CH4_ORIGINS, material
