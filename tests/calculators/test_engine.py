"""The engine: dispatch, overrides, GWP sets, options, aggregation, hash, per-gas rows.

The arithmetic runs on a small fixture factor table with fictitious round values
(``data/factors_fixture.csv``), under the shipped sets' keys so that the library's precedence
rules are exercised, and so that a correction of the shipped data cannot break these tests; the
shipped values are checked against their publications in ``test_factors_data.py`` and the worked
examples in ``test_examples.py``.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from calculators.core import engine
from calculators.core.engine import EngineError, Options
from calculators.core.factors import FactorTable, load_factors
from calculators.core.gwp import GwpTable, gwp_values

FIXTURE = Path(__file__).parent / "data" / "factors_fixture.csv"
TABLE = FactorTable(load_factors([FIXTURE]))

# the fixture's values, named once (GJ/万Nm3, tC/GJ, TJ/Gg, kg/TJ, tCO2/MWh …)
NG_NCV, NG_CC, NG_OX = 400, 0.015, 0.98
DIESEL_NCV, DIESEL_CC, DIESEL_OX = 40, 0.02, 0.97
GDO_NCV, GDO_CO2, GDO_CH4, GDO_N2O = 40, 70000, 5, 0.5
ANTHRACITE_NCV, CH4_MANUFACTURING, CH4_ENERGY = 25, 10, 1
WOOD_NCV, WOOD_CO2 = 15, 110000
ELEC_2022, ELEC_2023 = 0.6, 0.5
HEAT_EF, STEAM_ENTHALPY, FEEDWATER_ENTHALPY = 0.1, 2800, 83.74
C_TO_CO2 = 44 / 12


def frame(*rows, **common):
    base = {"source": "S01", "period": "2024-06"}
    return pd.DataFrame([{**base, **common, **r} for r in rows])


def test_library_defaults_china_fuel():
    df = frame({"method": "fuel_cn", "material": "natural_gas", "quantity": 10, "unit": "万Nm3"})
    r = engine.compute(df, TABLE, gwp_set="AR5")
    assert r["co2"].iloc[0] == pytest.approx(10 * NG_NCV * NG_CC * NG_OX * C_TO_CO2)
    assert r["energy_gj"].iloc[0] == pytest.approx(10 * NG_NCV)
    assert r["scope"].iloc[0] == 1 and r["category"].iloc[0] == "fuel_combustion"
    assert r["verification"].iloc[0] == "T"
    assert "CN_guideline_fuel_setA" in r["factors"].iloc[0]


def test_row_override_takes_precedence_over_the_library():
    df = frame(
        {"method": "fuel_cn", "material": "natural_gas", "quantity": 10, "unit": "万Nm3"},
        {
            "method": "fuel_cn",
            "material": "natural_gas",
            "quantity": 10,
            "unit": "万Nm3",
            "oxidation_rate": 0.9,
        },
    )
    r = engine.compute(df, TABLE, gwp_set="AR5")
    assert r["co2"].iloc[1] / r["co2"].iloc[0] == pytest.approx(0.9 / NG_OX)
    assert r["overridden"].tolist() == ["", "oxidation_rate"]
    # the weakest tag of the factors used: NCV and CC still come from Set A [T]
    assert r["verification"].iloc[1] == "T"
    assert "oxidation_rate=measured" in r["factors"].iloc[1]
    assert f"oxidation_rate={NG_OX}" not in r["factors"].iloc[1]


def test_override_units_are_converted():
    # NCV given as 40 MJ/Nm3 equals 400 GJ/万Nm3, the fixture's value
    df = frame(
        {"method": "fuel_cn", "material": "natural_gas", "quantity": 10, "unit": "万Nm3"},
        {
            "method": "fuel_cn",
            "material": "natural_gas",
            "quantity": 10,
            "unit": "万Nm3",
            "ncv": 40,
            "ncv_unit": "MJ/Nm3",
        },
    )
    r = engine.compute(df, TABLE, gwp_set="AR5")
    assert r["co2"].iloc[1] == pytest.approx(r["co2"].iloc[0])


def test_ipcc_sector_option_changes_ch4():
    df = frame({"method": "ipcc_tier1", "material": "anthracite", "quantity": 100, "unit": "t"})
    manuf = engine.compute(df, TABLE, gwp_set="AR5")
    energy = engine.compute(df, TABLE, gwp_set="AR5", options={"ipcc_sector": "energy"})
    gj = 100 * ANTHRACITE_NCV
    assert manuf["ch4"].iloc[0] == pytest.approx(gj * CH4_MANUFACTURING * 1e-6)
    assert energy["ch4"].iloc[0] == pytest.approx(gj * CH4_ENERGY * 1e-6)
    assert manuf["co2"].iloc[0] == pytest.approx(energy["co2"].iloc[0])


def test_gwp_set_switching():
    df = frame(
        {"method": "ipcc_tier1", "material": "gas_diesel_oil", "quantity": 400, "unit": "t"},
        {"method": "gas_release", "gas": "SF6", "quantity": 1, "unit": "kg"},
        {"method": "gas_release", "gas": "R-410A", "quantity": 1, "unit": "kg"},
    )
    single = {"ch4": "single"}  # AR6 splits CH4 by origin by default (test_rules.py)
    out = {s: engine.compute(df, TABLE, gwp_set=s, options=single) for s in ("AR4", "AR5", "AR6")}
    gj = 400 * GDO_NCV
    ch4, n2o = gj * GDO_CH4 * 1e-6, gj * GDO_N2O * 1e-6
    for s, r in out.items():
        g = gwp_values(s)
        assert r["co2e"].iloc[0] == pytest.approx(
            gj * GDO_CO2 * 1e-6 + ch4 * g["CH4"] + n2o * g["N2O"]
        )
        assert r["co2e"].iloc[1] == pytest.approx(0.001 * g["SF6"])
        assert r["co2e"].iloc[2] == pytest.approx(0.001 * (0.5 * g["HFC-32"] + 0.5 * g["HFC-125"]))
        # masses do not depend on the GWP set
        assert r["ch4"].iloc[0] == pytest.approx(ch4)
        assert r["sf6"].iloc[1] == pytest.approx(0.001)
        assert r["hfcs"].iloc[2] == pytest.approx(0.001)
        assert r.attrs["gwp_set"] == s
    # AR5 SF6 23,500 < AR6 25,200; AR4 N2O 298 > AR5 265
    assert out["AR5"]["co2e"].iloc[1] < out["AR6"]["co2e"].iloc[1]
    assert out["AR4"]["co2e"].iloc[0] > out["AR5"]["co2e"].iloc[0]


def test_unknown_gwp_set_and_missing_gwp():
    df = frame({"method": "gas_release", "gas": "NF3", "quantity": 1, "unit": "kg"})
    with pytest.raises(EngineError) as err:
        engine.compute(df, TABLE, gwp_set="AR9")
    assert err.value.issues[0].code == "unknown_gwp_set"
    with pytest.raises(EngineError) as err:
        engine.compute(df, TABLE, gwp_set="SAR")  # SAR has no NF3
    assert err.value.issues[0].code == "unknown_gas"
    assert err.value.issues[0].row == 2


def test_ch4_fossil_split_option():
    df = frame(
        {"method": "ipcc_tier1", "material": "natural_gas", "quantity": 100, "unit": "t"},
        {"method": "biomass", "material": "wood", "quantity": 100, "unit": "t"},
    )
    plain = engine.compute(df, TABLE, gwp_set="AR6", options={"ch4": "single"})
    split = engine.compute(df, TABLE, gwp_set="AR6", options={"ch4_fossil_split": True})
    d_fossil = split["co2e"].iloc[0] - plain["co2e"].iloc[0]
    d_bio = split["co2e"].iloc[1] - plain["co2e"].iloc[1]
    assert d_fossil == pytest.approx(plain["ch4"].iloc[0] * (29.8 - 27.9))
    assert d_bio == pytest.approx(plain["ch4"].iloc[1] * (27.0 - 27.9))


def test_biomass_memo_and_option():
    df = frame({"method": "biomass", "material": "wood", "quantity": 500, "unit": "t"})
    memo = engine.compute(df, TABLE, gwp_set="AR5")
    counted = engine.compute(df, TABLE, gwp_set="AR5", options=Options(biomass_co2_in_total=True))
    assert memo["co2"].iloc[0] == 0
    biogenic = 500 * WOOD_NCV * WOOD_CO2 * 1e-6
    assert memo["co2_biogenic"].iloc[0] == pytest.approx(biogenic)
    assert counted["co2e"].iloc[0] - memo["co2e"].iloc[0] == pytest.approx(biogenic)


def test_electricity_factor_by_year_and_exports_deducted():
    df = frame(
        {
            "method": "purchased_electricity",
            "material": "electricity_cn_east",
            "quantity": 1000,
            "unit": "MWh",
            "period": "2022-03",
        },
        {
            "method": "purchased_electricity",
            "material": "electricity_cn_east",
            "quantity": 1000,
            "unit": "MWh",
            "period": "2023-03",
        },
        {
            "method": "purchased_electricity",
            "material": "electricity_cn_east",
            "quantity": 100,
            "unit": "万kWh",
            "period": "2025-03",
        },
        {
            "method": "exported_electricity",
            "material": "electricity_cn_east",
            "quantity": 200,
            "unit": "MWh",
            "period": "2023-03",
        },
    )
    r = engine.compute(df, TABLE, gwp_set="AR5")
    # 2025 has no set: the latest year (2023) applies; 100 万kWh = 1,000 MWh
    assert r["co2e"].tolist() == pytest.approx(
        [1000 * ELEC_2022, 1000 * ELEC_2023, 1000 * ELEC_2023, -200 * ELEC_2023]
    )
    assert (
        "CN_elec_stat_2022" in r["factors"].iloc[0] and "CN_elec_stat_2023" in r["factors"].iloc[2]
    )
    assert r["scope"].tolist() == [2, 2, 2, 2]
    assert r["category"].iloc[3] == "exported_electricity"


def test_steam_heat_uses_library_enthalpy_or_the_row():
    df = frame(
        {"method": "steam_heat", "material": "steam", "quantity": 100, "unit": "t"},
        {
            "method": "steam_heat",
            "material": "steam",
            "quantity": 100,
            "unit": "t",
            "steam_enthalpy": 3000,
        },
    )
    r = engine.compute(df, TABLE, gwp_set="AR5")
    assert r["co2"].tolist() == pytest.approx(
        [
            100 * (STEAM_ENTHALPY - FEEDWATER_ENTHALPY) / 1000 * HEAT_EF,
            100 * (3000 - FEEDWATER_ENTHALPY) / 1000 * HEAT_EF,
        ]
    )


def test_carbonate_carbon_balance_recovery_measured_production():
    df = frame(
        {
            "method": "carbonate",
            "material": "limestone",
            "quantity": 100,
            "unit": "t",
            "purity": 0.9,
        },
        {
            "method": "carbon_mass_balance",
            "material": "carbon_balance_foundry",
            "quantity": 10,
            "unit": "t",
        },
        {
            "method": "carbon_mass_balance",
            "material": "pig_iron",
            "quantity": 100,
            "unit": "t",
            "direction": "output",
        },
        {
            "method": "co2_recovery",
            "material": "co2_recovered",
            "quantity": 1,
            "unit": "万Nm3",
            "purity": 0.99,
        },
        {"method": "measured", "gas": "CH4", "quantity": 2, "unit": "t"},
        {"method": "measured", "quantity": 100, "unit": "tCO2e"},
        {"method": "production_output", "quantity": 1000, "unit": "t"},
    )
    r = engine.compute(df, TABLE, gwp_set="AR5")
    assert r["co2"].tolist()[:4] == pytest.approx(
        [100 * 0.9 * 0.4, 10 * 0.9 * C_TO_CO2, -100 * 0.04 * C_TO_CO2, -0.99 * 20]
    )
    assert r["ch4"].iloc[4] == 2 and r["co2e"].iloc[4] == pytest.approx(56)
    assert r["co2"].iloc[5] == 100 and r["co2e"].iloc[5] == 100
    assert r["co2e"].iloc[6] == 0 and r["scope"].iloc[6] == 0
    assert r["category"].tolist()[:4] == ["process", "process", "process", "co2_recovery"]


def test_scope_and_category_from_the_register_take_precedence():
    df = frame(
        {
            "method": "direct_ef",
            "material": "epa_natural_gas_native",
            "quantity": 1000,
            "unit": "scf",
            "scope": 1,
            "category": "process",
        }
    )
    r = engine.compute(df, TABLE, gwp_set="AR5")
    assert r["category"].iloc[0] == "process"
    assert r["co2"].iloc[0] == pytest.approx(1000 * 0.05e-3)


def test_missing_factor_is_an_error_naming_row_and_parameter():
    df = frame(
        {"method": "fuel_cn", "material": "natural_gas", "quantity": 1, "unit": "万Nm3"},
        {"method": "fuel_cn", "material": "unobtainium", "quantity": 1, "unit": "t", "row": 7},
    )
    df["row"] = [6, 7]
    with pytest.raises(EngineError) as err:
        engine.compute(df, TABLE, gwp_set="AR5")
    issues = err.value.issues
    assert {(i.row, i.params["parameter"]) for i in issues} == {
        (7, "ncv"),
        (7, "carbon_content"),
        (7, "oxidation_rate"),
    }
    assert all(i.value == "unobtainium" and i.column == "material" for i in issues)
    lenient = engine.compute(df, TABLE, gwp_set="AR5", options={"strict": False})
    assert np.isnan(lenient["co2e"].iloc[1]) and lenient["co2e"].iloc[0] > 0


def test_aggregations_and_intensity():
    df = frame(
        {
            "method": "purchased_electricity",
            "material": "electricity_cn_east",
            "quantity": 1000,
            "unit": "MWh",
            "facility": "F01",
            "period": "2023-01",
        },
        {
            "method": "purchased_heat",
            "material": "heat",
            "quantity": 1000,
            "unit": "GJ",
            "facility": "F02",
            "period": "2023-02",
        },
        {
            "method": "production_output",
            "quantity": 1100,
            "unit": "t",
            "facility": "F01",
            "period": "2023-01",
        },
        {
            "method": "production_value",
            "quantity": 2,
            "unit": "亿元",
            "facility": "F01",
            "period": "2023-01",
        },
    )
    r = engine.compute(df, TABLE, gwp_set="AR5")
    elec, heat = 1000 * ELEC_2023, 1000 * HEAT_EF
    assert engine.totals(r)["co2e"] == pytest.approx(elec + heat)
    by_fac = engine.totals(r, "facility")["co2e"]
    assert by_fac.to_dict() == pytest.approx({"F01": elec, "F02": heat})
    assert engine.totals(r, "period")["co2e"].to_dict() == pytest.approx(
        {"2023-01": elec, "2023-02": heat}
    )
    assert engine.totals(r, "scope").loc[2, "co2e"] == pytest.approx(elec + heat)
    assert engine.totals_by_gas(r)["CO2"] == pytest.approx(elec + heat)
    assert engine.intensity(r, per="t") == pytest.approx((elec + heat) / 1100)
    assert engine.intensity(r, per="万元") == pytest.approx((elec + heat) / 20000)
    per_fac = engine.intensity(r, per="t", by="facility")
    assert per_fac.loc["F01", "intensity"] == pytest.approx(elec / 1100)
    assert np.isnan(per_fac.loc["F02", "intensity"])


def test_input_hash_is_stable_and_sensitive():
    df = frame(
        {
            "method": "fuel_cn",
            "material": "natural_gas",
            "quantity": 1.5,
            "unit": "万Nm3",
            "note": "a",
        },
        {"method": "purchased_heat", "material": "heat", "quantity": 7, "unit": "GJ", "note": "b"},
    )
    h = engine.input_hash(df)
    assert h == engine.input_hash(df.iloc[::-1])
    assert h == engine.input_hash(df[df.columns[::-1]])
    as_cat = df.astype({"method": "category", "material": "category"})
    assert h == engine.input_hash(as_cat)
    assert h == engine.input_hash(df.assign(note=["x", "y"]))  # notes do not enter the hash
    assert h == engine.input_hash(df.assign(material=[" natural_gas ", "heat"]))
    assert h != engine.input_hash(df.assign(quantity=[1.5, 7.000001]))
    assert h != engine.input_hash(df.assign(period=["2024-07", "2024-06"]))
    assert len(h) == 64


def test_gas_rows_split_a_result_per_gas_group():
    df = frame(
        {"method": "ipcc_tier1", "material": "gas_diesel_oil", "quantity": 400, "unit": "t"},
        {
            "method": "gas_release",
            "material": "",
            "source_material": "R-410A",
            "gas": "R-410A",
            "quantity": 8,
            "unit": "kg",
        },
        {"method": "biomass", "material": "wood", "quantity": 500, "unit": "t"},
    )
    df["id"] = [11, 12, 13]
    df["source_id"] = [1, 2, 3]
    df["facility_id"] = 7
    factors = load_factors([FIXTURE])
    factors["factor_id"] = np.arange(len(factors)) + 1000
    gwp = GwpTable(
        pd.DataFrame(
            [
                {"species": s, "gas_group": grp, "value": v, "composition": {}}
                for s, grp, v in [
                    ("CO2", "CO2", 1),
                    ("CH4", "CH4", 27.9),
                    ("N2O", "N2O", 273),
                    ("HFC-32", "HFCs", 771),
                    ("HFC-125", "HFCs", 3740),
                ]
            ]
            + [
                {
                    "species": "R-410A",
                    "gas_group": "HFCs",
                    "value": 2255.5,
                    "composition": {"HFC-32": 0.5, "HFC-125": 0.5},
                }
            ]
        )
    )
    result = engine.compute(df, FactorTable(factors), gwp_set=gwp, options={"unknown": 1})
    rows = engine.gas_rows(result, df, gwp=gwp)
    assert rows.groupby("id")["tco2e"].sum().to_dict() == pytest.approx(
        result.set_index(df["id"])["co2e"].to_dict()
    )
    assert set(rows.loc[rows["id"] == 11, "gas_group"]) == {"CO2", "CH4", "N2O"}
    hfc = rows[rows["id"] == 12].iloc[0]
    assert (hfc["gas"], hfc["gas_group"], hfc["source_id"]) == ("R-410A", "HFCs", 2)
    assert hfc["tco2e"] == pytest.approx(0.008 * 2255.5)
    bio = rows[(rows["id"] == 13) & (rows["gas_group"] == "CO2")].iloc[0]
    assert bio["biogenic_t"] == pytest.approx(500 * WOOD_NCV * WOOD_CO2 * 1e-6)
    assert bio["tco2e"] == 0
    assert list(rows.columns) == list(engine.GAS_ROW_COLUMNS)
    assert (rows["factors"].str.len() > 0).all()
    summary = engine.run_summary(result)
    assert summary["total_tco2e"] == pytest.approx(result["co2e"].sum())
    assert summary["intensity"] == {}  # no production rows


def test_large_frame_without_row_loops():
    n = 200_000
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "source": "S01",
            "period": pd.Categorical(rng.choice(["2023-01", "2024-01"], n)),
            "method": pd.Categorical(rng.choice(["fuel_cn", "purchased_electricity"], n)),
            "quantity": rng.uniform(1, 2, n),
        }
    )
    df["material"] = np.where(df["method"] == "fuel_cn", "diesel", "electricity_cn_east")
    df["unit"] = np.where(df["method"] == "fuel_cn", "t", "MWh")
    r = engine.compute(df, TABLE, gwp_set="AR5")
    fuel = (df["method"] == "fuel_cn").to_numpy()
    assert r.loc[fuel, "co2"].to_numpy() == pytest.approx(
        df.loc[fuel, "quantity"].to_numpy() * DIESEL_NCV * DIESEL_CC * DIESEL_OX * C_TO_CO2
    )
    assert r["factor_combo"].nunique() == 4  # (method, material, year): two methods × two years


def test_trace_and_factor_values_name_what_each_row_used():
    df = frame(
        {"method": "fuel_cn", "material": "diesel", "quantity": 10, "unit": "t"},
        {
            "method": "fuel_cn",
            "material": "diesel",
            "quantity": 10,
            "unit": "t",
            "oxidation_rate": 0.95,
        },
        {"method": "purchased_heat", "material": "heat", "quantity": 10, "unit": "GJ"},
    )
    r = engine.compute(df, TABLE, gwp_set="AR5")
    tr = engine.trace(r)
    diesel = tr[tr["combo"] == r["factor_combo"].iloc[0]].set_index("slot")
    assert diesel.loc["ncv", "raw_value"] == DIESEL_NCV
    assert diesel.loc["ncv", "set_key"] == "CN_guideline_fuel_setA"
    assert diesel.loc["ncv", "verification"] == "T"
    values = engine.factor_values(r, df)
    assert values.loc[0, "oxidation_rate"] == DIESEL_OX
    assert values.loc[1, "oxidation_rate"] == 0.95  # the row's measured value
    assert values.loc[2, "ef_co2"] == pytest.approx(HEAT_EF)
    assert np.isnan(values.loc[2, "ncv"])  # heat uses no NCV


def test_result_columns_stay_cheap_to_read():
    import copy

    df = frame({"method": "purchased_heat", "material": "heat", "quantity": 10, "unit": "GJ"})
    r = engine.compute(df, TABLE, gwp_set="AR5")
    clone = copy.deepcopy(r.attrs)
    assert clone["core"] is r.attrs["core"]  # the per-combination tables are shared, not copied
    assert r["co2e"].attrs["gwp_set"] == "AR5"


def test_many_materials_and_gases_do_not_overflow_small_category_codes():
    materials = [f"m{i:03d}" for i in range(300)] + ["diesel"]
    df = pd.DataFrame(
        {
            "source": "S01",
            "period": "2024-06",
            "method": ["fuel_cn"] * 301 + ["gas_release"],
            "material": pd.Categorical([*materials, "R-410A"]),
            "gas": pd.Categorical([None] * 301 + ["R-410A"]),
            "quantity": 1.0,
            "unit": ["t"] * 301 + ["kg"],
        }
    )
    r = engine.compute(df, TABLE, gwp_set="AR6", options={"strict": False})
    assert r["co2"].iloc[300] == pytest.approx(DIESEL_NCV * DIESEL_CC * DIESEL_OX * C_TO_CO2)
    assert r["co2e"].iloc[301] == pytest.approx(0.001 * 2255.5)
    assert r["co2e"].iloc[:300].isna().all()
