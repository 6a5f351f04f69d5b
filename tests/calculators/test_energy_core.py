"""Energy per carrier in GJ and tce (issue 11 §5; GB/T 2589-2020), pure core, worked examples."""

import pandas as pd
import pytest

from calculators.core import energy, engine
from calculators.core.factors import FactorTable

TABLE = FactorTable.default()


def frame(*rows):
    base = {"source": "S1", "period": "2022-05", "method": "", "material": "", "unit": "t"}
    return pd.DataFrame([{**base, **row} for row in rows])


ROWS = frame(
    {"method": "fuel_cn", "material": "natural_gas", "quantity": 10, "unit": "万Nm3"},
    {
        "method": "purchased_electricity",
        "material": "electricity_cn_east",
        "quantity": 1000,
        "unit": "MWh",
    },
    {
        "method": "exported_electricity",
        "material": "electricity_cn_east",
        "quantity": 100,
        "unit": "MWh",
    },
    {"method": "purchased_heat", "material": "heat", "quantity": 500, "unit": "GJ"},
    {"method": "carbonate", "material": "limestone", "quantity": 50, "unit": "t"},
)


def _carriers(electricity="calorific"):
    result = engine.compute(ROWS, TABLE, gwp_set="AR5")
    table = energy.energy_by_carrier(energy.result_energy_rows(result), electricity=electricity)
    return table.set_index(["carrier", "direction"])


def test_worked_example_calorific():
    table = _carriers()
    # natural gas: 10 万Nm3 × 389.31 GJ/万Nm3 = 3,893.1 GJ; ÷ 29.3076 = 132.8358 tce
    gas = table.loc[("natural_gas", "consumed")]
    assert gas["energy_gj"] == pytest.approx(3893.1)
    assert gas["tce"] == pytest.approx(132.83585, rel=1e-6)
    assert gas["kind"] == "fuel"
    # electricity: 1,000 MWh = 3,600 GJ; × 0.1229 kgce/kWh = 122.9 tce; exports deducted
    bought = table.loc[("electricity_cn_east", "consumed")]
    assert (bought["energy_gj"], bought["tce"]) == (pytest.approx(3600), pytest.approx(122.9))
    sold = table.loc[("electricity_cn_east", "exported")]
    assert (sold["energy_gj"], sold["tce"]) == (pytest.approx(-360), pytest.approx(-12.29))
    assert bought["basis"] == "calorific"
    # heat: 500 GJ × 0.03412 kgce/MJ = 17.06 tce
    assert table.loc[("heat", "consumed"), "tce"] == pytest.approx(17.06)
    assert "limestone" not in table.index.get_level_values(0)  # no energy, no carrier
    total = energy.totals(table.reset_index())
    assert total["tce"] == pytest.approx(132.83585 + 122.9 - 12.29 + 17.06, rel=1e-6)
    assert total["energy_gj"] == pytest.approx(3893.1 + 3600 - 360 + 500)


def test_coal_equivalent_electricity_takes_the_year():
    table = _carriers("coal_equivalent")
    bought = table.loc[("electricity_cn_east", "consumed")]
    assert bought["tce"] == pytest.approx(1000 * 0.3007)  # 2022: 300.7 gce/kWh [M]
    assert bought["verification"] == "M"
    assert energy.coefficient("electricity", 2030, "coal_equivalent")["value"] == 0.3007
    assert energy.coefficient("electricity", 2019, "coal_equivalent")["value"] == 0.3025
    # fuels and heat do not depend on the electricity method
    assert table.loc[("heat", "consumed"), "tce"] == pytest.approx(17.06)


def test_unknown_electricity_method_is_refused():
    with pytest.raises(ValueError, match="watts"):
        energy.coefficient("electricity", 2022, "watts")


def test_series_rows_give_the_same_table():
    """A run's series rows (carrier, category, period, energy_gj) give what the rows give."""
    series = pd.DataFrame(
        {
            "period": ["2022-05-01", "2022-06-01", "2022-05-01"],
            "carrier": ["natural_gas", "natural_gas", "purchased_electricity"],
            "category": ["fuel_combustion", "fuel_combustion", "purchased_electricity"],
            "energy_gj": [1000.0, 465.38, 36.0],
        }
    )
    table = energy.energy_by_carrier(series).set_index("carrier")
    assert table.loc["natural_gas", "tce"] == pytest.approx(1465.38 / 29.3076)
    assert table.loc["purchased_electricity", "kind"] == "electricity"
    assert table.loc["purchased_electricity", "tce"] == pytest.approx(10 * 0.1229)


def test_every_coefficient_is_cited():
    table = energy.load_coefficients()
    assert (table["citation_zh"].str.len() > 0).all()
    assert (table["citation_en"].str.contains("GB/T 2589|China Electricity Council")).all()
    assert set(table["verification"]) <= {"V", "T", "M"}
