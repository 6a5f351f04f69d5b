"""Each accounting formula against a hand computation (GB/T 32150-2015 and sources named)."""

import numpy as np
import pytest

from calculators.core import methods as M


def arr(*values):
    return np.array(values, dtype=float)


def test_fuel_cn_mass_and_energy_input():
    # 120 t diesel × 43.33 GJ/t × 0.0202 tC/GJ × 0.98 × 44/12, and 500 tce already in GJ
    r = M.fuel_cn(
        arr(120, 500 * 29.3076),
        arr(43.33, np.nan),
        arr(0.0202, 0.02637),
        arr(0.98, 0.94),
        np.array([False, True]),
    )
    hand = [120 * 43.33 * 0.0202 * 0.98 * 44 / 12, 500 * 29.3076 * 0.02637 * 0.94 * 44 / 12]
    assert r["CO2"] == pytest.approx(hand, rel=1e-12)
    assert r["energy_gj"] == pytest.approx([120 * 43.33, 500 * 29.3076])


def test_fuel_cn_carbon_mass():
    r = M.fuel_cn_carbon_mass(arr(3000), arr(0.52), arr(0.99))
    assert r["CO2"] == pytest.approx([3000 * 0.52 * 0.99 * 44 / 12])


def test_ipcc_tier1_per_gas():
    # 400 t × 43 GJ/t = 17,200 GJ; EF in t/GJ = kg/TJ × 1e-6
    r = M.ipcc_tier1(arr(400), arr(43.0), arr(74100e-6), arr(3e-6), arr(0.6e-6), np.array([False]))
    assert r["CO2"] == pytest.approx([1274.52])
    assert r["CH4"] == pytest.approx([0.0516])
    assert r["N2O"] == pytest.approx([0.01032])


def test_biomass_co2_is_a_memo():
    r = M.biomass(arr(500), arr(15.6), arr(112000e-6), arr(30e-6), arr(4e-6), np.array([False]))
    assert "CO2" not in r
    assert r["co2_biogenic"] == pytest.approx([873.6])
    assert r["CH4"] == pytest.approx([0.234])


def test_direct_ef():
    r = M.direct_ef(arr(10, 20), arr(2.0, 0.5), arr(0.001, 0), arr(0, 0.0001))
    assert r["CO2"].tolist() == [20.0, 10.0]
    assert r["CH4"] == pytest.approx([0.01, 0])
    assert r["N2O"] == pytest.approx([0, 0.002])


def test_net_purchased_electricity_and_heat():
    ef = 0.5306 / 3.6  # tCO2/MWh → tCO2/GJ
    bought = M.electricity(arr(5000 * 3.6), arr(ef), 1.0)["CO2"]
    sold = M.electricity(arr(800 * 3.6), arr(ef), -1.0)["CO2"]
    assert (bought + sold) == pytest.approx([(5000 - 800) * 0.5306])
    heat_out = M.heat(arr(100), arr(0.11), -1.0)
    assert heat_out["CO2"] == pytest.approx([-11.0])
    assert heat_out["energy_gj"] == pytest.approx([-100.0])


def test_steam_to_heat():
    # 900 t at 2777 kJ/kg: 900 × (2777 − 83.74) × 1e-3 GJ
    assert M.steam_to_gj(arr(900), arr(2777.0)) == pytest.approx([900 * (2777 - 83.74) / 1000])
    r = M.steam_heat(arr(900), arr(2777.0), arr(0.11))
    assert r["CO2"] == pytest.approx([900 * (2777 - 83.74) / 1000 * 0.11])


def test_refrigerant_mass_balance():
    # (I_start − I_end) + acquired − disbursed − Δcapacity
    m = M.refrigerant_release(arr(100), arr(80), arr(30), arr(5), arr(10))
    assert m.tolist() == [(100 - 80) + 30 - 5 - 10]


def test_gas_release_returns_the_mass():
    assert M.gas_release(arr(0.008))["release"].tolist() == [0.008]


def test_carbonate():
    r = M.carbonate(arr(20000), arr(0.92), arr(1.0), arr(0.44))
    assert r["CO2"] == pytest.approx([8096.0])


def test_carbon_mass_balance_inputs_minus_outputs():
    r = M.carbon_mass_balance(arr(40, 1000), arr(0.95, 0.034), np.array([False, True]))
    assert r["CO2"].sum() == pytest.approx((40 * 0.95 - 1000 * 0.034) * 44 / 12)
    assert r["CO2"][1] < 0


def test_co2_recovery_is_deducted():
    # Q in 万Nm3 × PUR × 19.77 t/万Nm3; here Q = 0.02 万Nm3 = 200 m³ at 1.977e-3 t/m³
    r = M.co2_recovery(arr(200, 5), arr(0.99, 0.9), arr(19.77e-4, np.nan), np.array([True, False]))
    assert r["CO2"] == pytest.approx([-0.02 * 0.99 * 19.77, -5 * 0.9])


def test_measured():
    r = M.measured(arr(6400, 2), np.array([True, False]))
    assert r["co2e_direct"].tolist() == [6400, 0]
    assert r["release"].tolist() == [0, 2]


def test_intensity_per_ten_thousand_cny():
    # 6,400 tCO2e over 1.6 亿元 = 16,000 万元
    assert M.intensity(6400, 1.6e4) == pytest.approx(0.4)
    assert np.isnan(M.intensity(1.0, 0.0))
