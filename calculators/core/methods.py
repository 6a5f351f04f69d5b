"""Accounting formulas: pure, vectorised functions on numpy arrays (6.3.1, GB/T 32150-2015).

Every function takes arrays of equal length in the engine's canonical units and returns a
dict of arrays (t of gas unless said otherwise). Keys of the returned dicts:

* ``CO2``, ``CH4``, ``N2O``: gas masses, t (negative for deductions);
* ``release``: mass of a released gas or blend, t (turned into groups and CO2e by its GWP);
* ``co2_biogenic``: biogenic CO2, t, a memo item not counted in the total (GB/T 32150);
* ``co2e_direct``: emissions already in tCO2e (measured);
* ``energy_gj``: the energy the activity represents, GJ (fuel heat input, electricity, heat).

Canonical units: quantity in t, m³ (Nm³), GJ, tCO2e or 万元; NCV in GJ/t or GJ/m³; carbon
content in tC/GJ (per energy) or tC/t, tC/m³ (per mass/volume); emission factors in t gas
per canonical quantity unit (t/GJ for energy); fractions 0–1; enthalpy in kJ/kg.
No function loops over rows; none issues a query.
"""

import numpy as np

#: Molar mass ratio CO2/C.
C_TO_CO2 = 44.0 / 12.0
#: Enthalpy of water at 20 °C, kJ/kg (steam-to-heat conversion, NDRC guidelines [M]).
WATER_ENTHALPY_20C = 83.74
#: Density of CO2 at 0 °C and 101.325 kPa, t/万Nm3 (chemical sector guidelines [T]).
CO2_DENSITY_T_PER_WAN_NM3 = 19.77

Arrays = dict[str, np.ndarray]


def _z(q: np.ndarray) -> np.ndarray:
    return np.zeros_like(q, dtype=float)


def fuel_cn(
    quantity: np.ndarray,
    ncv: np.ndarray,
    carbon_content: np.ndarray,
    oxidation_rate: np.ndarray,
    energy_input: np.ndarray,
) -> Arrays:
    """Fuel combustion, China guideline method (GB/T 32150-2015; NDRC/MEE guidelines).

    ``AD = FC × NCV`` (GJ; FC in t or m³, NCV in GJ/t or GJ/m³), or ``AD = FC`` where
    ``energy_input`` is true (FC already in GJ, e.g. from tce);
    ``E_CO2 = AD × CC × OF × 44/12`` (CC in tC/GJ, OF a fraction), t CO2.
    """
    ad = np.where(energy_input, quantity, quantity * ncv)
    return {"CO2": ad * carbon_content * oxidation_rate * C_TO_CO2, "energy_gj": ad}


def fuel_cn_carbon_mass(
    quantity: np.ndarray, carbon_content_mass: np.ndarray, oxidation_rate: np.ndarray
) -> Arrays:
    """Fuel combustion with measured as-received carbon (MEE power guideline 2022).

    ``E_CO2 = FC × C_ar × OF × 44/12``; FC in t (or m³), C_ar in tC/t (or tC/m³), t CO2.
    """
    return {"CO2": quantity * carbon_content_mass * oxidation_rate * C_TO_CO2}


def energy_gj(quantity: np.ndarray, ncv: np.ndarray, energy_input: np.ndarray) -> np.ndarray:
    """Heat input, GJ: ``FC × NCV`` (IPCC: ``Fuel_TJ = mass_Gg × NCV``), or FC if already energy."""
    return np.where(energy_input, quantity, quantity * ncv)


def ipcc_tier1(
    quantity: np.ndarray,
    ncv: np.ndarray,
    ef_co2: np.ndarray,
    ef_ch4: np.ndarray,
    ef_n2o: np.ndarray,
    energy_input: np.ndarray,
) -> Arrays:
    """IPCC 2006 Vol. 2 Tier 1, per gas: ``E_gas = FC × NCV × EF_gas`` (OF = 1).

    FC in t or m³ (or GJ where ``energy_input``), NCV in GJ/t or GJ/m³, EF in t gas/GJ
    (= kg/TJ × 1e-6). Returns t CO2, CH4, N2O.
    """
    ad = energy_gj(quantity, ncv, energy_input)
    return {"CO2": ad * ef_co2, "CH4": ad * ef_ch4, "N2O": ad * ef_n2o, "energy_gj": ad}


def biomass(
    quantity: np.ndarray,
    ncv: np.ndarray,
    ef_co2: np.ndarray,
    ef_ch4: np.ndarray,
    ef_n2o: np.ndarray,
    energy_input: np.ndarray,
) -> Arrays:
    """Biomass combustion (GB/T 32150-2015; IPCC 2006 Vol. 2 Table 2.3).

    As :func:`ipcc_tier1`, but the CO2 is biogenic: returned as ``co2_biogenic`` (memo, not in
    the total); CH4 and N2O count.
    """
    out = ipcc_tier1(quantity, ncv, ef_co2, ef_ch4, ef_n2o, energy_input)
    out["co2_biogenic"] = out.pop("CO2")
    return out


def direct_ef(
    quantity: np.ndarray, ef_co2: np.ndarray, ef_ch4: np.ndarray, ef_n2o: np.ndarray
) -> Arrays:
    """Activity × emission factor per gas (GB/T 32150 ``E = AD × EF``; EPA Hub rows).

    EF in t gas per canonical unit of the quantity (t, m³, GJ or 万元).
    """
    return {"CO2": quantity * ef_co2, "CH4": quantity * ef_ch4, "N2O": quantity * ef_n2o}


def electricity(quantity_gj: np.ndarray, ef_co2: np.ndarray, sign: float | np.ndarray) -> Arrays:
    """Purchased (sign +1) or exported (sign −1) electricity (GB/T 32150-2015).

    ``E = AD × EF``; AD in GJ (1 MWh = 3.6 GJ), EF in t CO2/GJ (tCO2/MWh ÷ 3.6).
    Exports are deducted: ``E_net = E_in − E_out``.
    """
    return {"CO2": sign * quantity_gj * ef_co2, "energy_gj": sign * quantity_gj}


def heat(quantity_gj: np.ndarray, ef_co2: np.ndarray, sign: float | np.ndarray) -> Arrays:
    """Purchased (+1) or exported (−1) heat: ``E = AD × EF``; AD in GJ, EF in t CO2/GJ (0.11)."""
    return {"CO2": sign * quantity_gj * ef_co2, "energy_gj": sign * quantity_gj}


def steam_to_gj(mass_t: np.ndarray, enthalpy_kj_per_kg: np.ndarray) -> np.ndarray:
    """Steam to heat (NDRC guidelines): ``AD_st = Ma × (En − 83.74) × 10⁻³`` GJ; Ma in t, En in kJ/kg."""
    return mass_t * (enthalpy_kj_per_kg - WATER_ENTHALPY_20C) * 1e-3


def steam_heat(mass_t: np.ndarray, enthalpy_kj_per_kg: np.ndarray, ef_co2: np.ndarray) -> Arrays:
    """Purchased steam: :func:`steam_to_gj` then :func:`heat` with EF in t CO2/GJ."""
    return heat(steam_to_gj(mass_t, enthalpy_kj_per_kg), ef_co2, 1.0)


def gas_release(mass_t: np.ndarray) -> Arrays:
    """Release of a gas or blend: ``E = m × GWP`` (the engine applies Σ wᵢ × GWPᵢ); m in t."""
    return {"release": np.asarray(mass_t, dtype=float)}


def refrigerant_release(
    inventory_start: np.ndarray,
    inventory_end: np.ndarray,
    acquired: np.ndarray,
    disbursed: np.ndarray,
    capacity_change: np.ndarray,
) -> np.ndarray:
    """Refrigerant / SF6 mass balance (GHG Protocol HFC tool; EPA Subpart DD terms).

    ``m = (I_start − I_end) + acquired − disbursed − Δcapacity``, all in the same mass unit;
    blank components count as 0 (pass 0). The result is then a :func:`gas_release`.
    """
    return (inventory_start - inventory_end) + acquired - disbursed - capacity_change


def carbonate(
    mass_t: np.ndarray,
    purity: np.ndarray,
    calcination_fraction: np.ndarray,
    ef_co2: np.ndarray,
) -> Arrays:
    """Carbonate decomposition (IPCC 2006 Vol. 3 Table 2.1): ``E = M × purity × F × EF``.

    M in t of raw material, purity and F (calcined fraction) 0–1, EF in t CO2/t carbonate
    (CaCO3 0.440). Returns t CO2.
    """
    return {"CO2": mass_t * purity * calcination_fraction * ef_co2}


def carbon_mass_balance(
    mass_t: np.ndarray, carbon_fraction: np.ndarray, output: np.ndarray
) -> Arrays:
    """Carbon mass balance: ``E = (Σ M_in × C_in − Σ M_out × C_out) × 44/12``.

    Per row: inputs count +M × C × 44/12, outputs (``output`` true) −M × C × 44/12; the sum over
    a source's rows is the formula. M in t, C in tC/t. Returns t CO2.
    """
    sign = np.where(output, -1.0, 1.0)
    return {"CO2": sign * mass_t * carbon_fraction * C_TO_CO2}


def co2_recovery(
    quantity: np.ndarray, purity: np.ndarray, density_t_per_m3: np.ndarray, is_volume: np.ndarray
) -> Arrays:
    """CO2 recovered for outside use, deducted (chemical/petrochemical guidelines).

    ``E = −Q × PUR × 19.77`` with Q in 万Nm3 (here Q in m³ × density 1.977e-3 t/m³), or
    ``E = −M × PUR`` with M the recovered mass in t. Returns t CO2 (negative).
    """
    mass = np.where(is_volume, quantity * density_t_per_m3, quantity)
    return {"CO2": -mass * purity}


def measured(quantity: np.ndarray, is_co2e: np.ndarray) -> Arrays:
    """Measured emissions (GB/T 32150 measurement method).

    A quantity in tCO2e is counted as it is (``co2e_direct``); a quantity in t is the mass of
    the row's gas (``release``, CO2 by default), weighted by its GWP.
    """
    return {
        "co2e_direct": np.where(is_co2e, quantity, 0.0),
        "release": np.where(is_co2e, 0.0, quantity),
    }


def intensity(emissions_t: float | np.ndarray, production: float | np.ndarray) -> np.ndarray:
    """Emission intensity ``I = E / P`` (ACCOUNTING.md 11); NaN where P is 0.

    E in tCO2e; P in t of product, or in 万元 of output value (1 亿元 = 10⁴ 万元).
    """
    e = np.asarray(emissions_t, dtype=float)
    p = np.asarray(production, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p > 0, e / np.where(p > 0, p, 1.0), np.nan)
