"""Result per unit of canonical quantity, per combination (or overridden row).

T/CSES 146-2024 6.3.1 (f); GB/T 32150-2015. Every method is linear in the quantity, so the
formulas of :mod:`calculators.core.methods` run once per combination on a quantity of 1, and a
row's result is ``quantity × coefficient``. CO2e = CO2 + CH4 × GWP + N2O × GWP + released gas
× Σ wᵢ GWPᵢ. The biomass rule (``Options.biomass``, docs/accounting_rules.md) decides what of
biomass combustion counts: ``exclude`` (GB/T 32150) none, its CH4 and N2O CO2e go to
``co2e_excluded``; ``memo`` CH4 and N2O; ``include`` also the biogenic CO2. CH4 takes the fossil
or non-fossil GWP by origin when the CH4 rule splits (``Options.ch4_split``).
No Django, no query.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from calculators.core import methods, template
from calculators.core.gwp import GROUPS, GwpTable, canonical_gas, material_origins
from calculators.core.normalise import DIMS

from .resolve import Resolution
from .spec import GAS_COLUMNS, METHOD_INDEX, NEEDS, PARAM_INDEX, RELEASE_METHODS, Options

_ENERGY = DIMS.index(template.ENERGY)
_VOLUME = DIMS.index(template.VOLUME)
_CO2E = DIMS.index(template.CO2E)
#: Keys of the formulas' results (see :mod:`calculators.core.methods`).
_RAW_KEYS = ("CO2", "CH4", "N2O", "release", "co2_biogenic", "co2e_direct", "energy_gj")


@dataclass
class Entries:
    """The entries (combinations or overridden rows) of one method, as its formula reads them."""

    one: np.ndarray  # a quantity of 1 per entry
    params: np.ndarray  # entries × len(PARAMS), defaults applied
    dim: np.ndarray  # quantity dimension code
    out: np.ndarray  # carbon balance output

    def p(self, slot: str) -> np.ndarray:
        return self.params[:, PARAM_INDEX[slot]]

    @property
    def energy(self) -> np.ndarray:
        return self.dim == _ENERGY


Formula = Callable[[Entries], dict[str, np.ndarray]]


def _fuel_cn(e: Entries) -> dict:
    return methods.fuel_cn(
        e.one, e.p("ncv"), e.p("carbon_content"), e.p("oxidation_rate"), e.energy
    )


def _fuel_cn_carbon_mass(e: Entries) -> dict:
    return methods.fuel_cn_carbon_mass(e.one, e.p("carbon_content_mass"), e.p("oxidation_rate"))


def _ipcc(formula, e: Entries) -> dict:
    return formula(e.one, e.p("ncv"), e.p("ef_co2"), e.p("ef_ch4"), e.p("ef_n2o"), e.energy)


def _direct_ef(e: Entries) -> dict:
    return methods.direct_ef(e.one, e.p("ef_co2"), e.p("ef_ch4"), e.p("ef_n2o"))


def _supplied(formula, sign: float, e: Entries) -> dict:
    """Purchased (+) or exported (−) electricity or heat, with the factor's CH4 and N2O."""
    r = formula(e.one, e.p("ef_co2"), sign)
    r["CH4"] = sign * e.one * e.p("ef_ch4")
    r["N2O"] = sign * e.one * e.p("ef_n2o")
    return r


def _steam_heat(e: Entries) -> dict:
    r = methods.steam_heat(e.one, e.p("steam_enthalpy"), e.p("ef_co2"))
    gj = r["energy_gj"]
    r["CH4"] = gj * e.p("ef_ch4")
    r["N2O"] = gj * e.p("ef_n2o")
    return r


def _release(e: Entries) -> dict:
    return methods.gas_release(e.one)


def _carbonate(e: Entries) -> dict:
    return methods.carbonate(e.one, e.p("purity"), e.p("calcination_fraction"), e.p("ef_co2"))


def _carbon_mass_balance(e: Entries) -> dict:
    return methods.carbon_mass_balance(e.one, e.p("carbon_fraction"), e.out)


def _co2_recovery(e: Entries) -> dict:
    return methods.co2_recovery(e.one, e.p("purity"), e.p("density"), e.dim == _VOLUME)


def _measured(e: Entries) -> dict:
    return methods.measured(e.one, e.dim == _CO2E)


def _sign(method_key: str) -> float:
    return float(template.METHODS[method_key].sign)


#: The formula of each method key; the production methods (no emissions) have none.
FORMULAS: dict[str, Formula] = {
    "fuel_cn": _fuel_cn,
    "fuel_cn_carbon_mass": _fuel_cn_carbon_mass,
    "ipcc_tier1": partial(_ipcc, methods.ipcc_tier1),
    "biomass": partial(_ipcc, methods.biomass),
    "direct_ef": _direct_ef,
    **{
        key: partial(_supplied, methods.electricity, _sign(key))
        for key in ("purchased_electricity", "exported_electricity")
    },
    **{
        key: partial(_supplied, methods.heat, _sign(key))
        for key in ("purchased_heat", "exported_heat")
    },
    "steam_heat": _steam_heat,
    "gas_release": _release,
    "refrigerant_mass_balance": _release,
    "carbonate": _carbonate,
    "carbon_mass_balance": _carbon_mass_balance,
    "co2_recovery": _co2_recovery,
    "measured": _measured,
}


def coefficients(
    method: np.ndarray,
    dim: np.ndarray,
    out: np.ndarray,
    params: np.ndarray,
    gprops: dict[str, np.ndarray],
    options: Options,
) -> dict[str, np.ndarray]:
    """Result per unit of canonical quantity for each entry (combination or overridden row).

    ``method``: method index per entry; ``params``: parameters (entries × len(PARAMS)),
    defaults already applied; ``gprops``: per entry, from :func:`gas_properties`.
    Vectorised per method.
    """
    k = len(method)
    one = np.ones(k)
    raw = {key: np.zeros(k) for key in _RAW_KEYS}
    for method_key, formula in FORMULAS.items():
        sel = np.flatnonzero(method == METHOD_INDEX[method_key])
        if not len(sel):
            continue
        entries = Entries(one[sel], params[sel], dim[sel], out[sel])
        for key, arr in formula(entries).items():
            raw[key][sel] = arr
    return _per_gas(raw, gprops, options)


def _per_gas(raw: dict, g: dict, options: Options) -> dict[str, np.ndarray]:
    """The formulas' results → gas-group masses, biogenic memo, CO2e and energy."""
    gwp_eff = g["gwp"]
    with np.errstate(invalid="ignore", divide="ignore"):
        direct_mass = np.where(raw["co2e_direct"] != 0, raw["co2e_direct"] / gwp_eff, 0.0)
    rel = raw["release"] + direct_mass
    has_rel = rel != 0
    res = {}
    for group, col in GAS_COLUMNS.items():
        base = raw.get(group, 0.0) if group in ("CO2", "CH4", "N2O") else 0.0
        res[col] = base + np.where(has_rel, rel * g["fr_" + group], 0.0)
    res["co2_biogenic"] = raw["co2_biogenic"]
    co2e = raw["CO2"] + raw["CH4"] * g["gwp_ch4"] + raw["N2O"] * g["gwp_n2o"]
    co2e = co2e + np.where(has_rel, rel * gwp_eff, 0.0)
    rule = options.biomass_rule
    if rule == "include":
        co2e = co2e + raw["co2_biogenic"]
    if rule == "exclude":  # GB/T 32150: biomass combustion accounted apart, none in the total
        res["co2e_excluded"] = np.where(g["is_bio"], co2e, 0.0)
        co2e = np.where(g["is_bio"], 0.0, co2e)
    else:
        res["co2e_excluded"] = np.zeros_like(co2e)
    res["co2e"] = co2e
    res["energy_gj"] = raw["energy_gj"]
    return res


def gas_properties(res: Resolution, gwp: GwpTable, options: Options) -> tuple[dict, list[str]]:
    """Per combination: effective GWP, group fractions, group GWPs, CH4 and N2O GWPs; and the
    released gases the GWP set does not know."""
    n_u = len(res.u_m)
    rel_m = np.isin(res.u_m, [METHOD_INDEX[m] for m in RELEASE_METHODS])
    names = [str(x) for x in res.u_name]
    gases = sorted({canonical_gas(names[i]) or names[i] for i in np.flatnonzero(rel_m)})
    props = gwp.properties(gases)
    idx = {g: i for i, g in enumerate(gases)}
    out = {"gwp": np.zeros(n_u)}
    for grp in GROUPS:
        out["fr_" + grp] = np.zeros(n_u)
        out["gw_" + grp] = np.zeros(n_u)
    unknown: list[str] = []
    for i in np.flatnonzero(rel_m):
        gname = canonical_gas(names[i]) or names[i]
        j = idx[gname]
        out["gwp"][i] = props.gwp[j]
        for grp in GROUPS:
            out["fr_" + grp][i] = props.fractions[grp][j]
            fr = props.fractions[grp][j]
            out["gw_" + grp][i] = props.weighted[grp][j] / fr if fr else 0.0
        if np.isnan(props.gwp[j]) or canonical_gas(names[i]) is None:
            unknown.append(names[i])
    out["is_bio"] = res.u_m == METHOD_INDEX["biomass"]
    out["gwp_ch4"] = ch4_gwp_of(out["is_bio"] | _non_fossil(names), gwp, options)
    is_ch4 = rel_m & np.array([canonical_gas(x) == "CH4" for x in names], dtype=bool)
    out["gwp"] = np.where(is_ch4, out["gwp_ch4"], out["gwp"])  # released methane: fossil
    out["gwp_n2o"] = np.full(n_u, gwp.value("N2O"))
    out["gw_CH4"] = np.where(is_ch4, out["gwp_ch4"], out["gw_CH4"])
    out["gw_CH4"] = np.where(out["fr_CH4"] > 0, out["gw_CH4"], out["gwp_ch4"])
    out["gw_N2O"] = np.where(out["fr_N2O"] > 0, out["gw_N2O"], out["gwp_n2o"])
    out["gw_CO2"] = np.ones(n_u)
    return out, sorted(set(unknown))


def ch4_values(gwp: GwpTable, options: Options) -> tuple[float, float]:
    """(fossil, non-fossil) CH4 GWP under ``options``: the set's CH4_fossil / CH4_nonfossil
    when the CH4 rule splits (each falling back to CH4 where the set lacks it, e.g. AR5
    non-fossil 28), else CH4 twice (IPCC AR6 WG1 Table 7.15; AR5 Table 8.A.1)."""
    single = gwp.value("CH4")
    if not options.ch4_split(gwp.name):
        return single, single
    fossil, non_fossil = gwp.value("CH4_fossil"), gwp.value("CH4_nonfossil")
    return (
        single if np.isnan(fossil) else fossil,
        single if np.isnan(non_fossil) else non_fossil,
    )


def ch4_gwp_of(non_fossil: np.ndarray, gwp: GwpTable, options: Options) -> np.ndarray:
    """CH4 GWP per entry: non-fossil where ``non_fossil``, else fossil (:func:`ch4_values`)."""
    fossil, nf = ch4_values(gwp, options)
    return np.where(non_fossil, nf, fossil)


def _non_fossil(names: list[str]) -> np.ndarray:
    """Per combination: its material is of non-fossil origin (biomass, waste, agriculture) in
    ``calculators/data/material_origin.csv``; released gases and unknown materials: fossil."""
    origins = material_origins()
    return np.array([origins.get(x) == "non_fossil" for x in names], dtype=bool)


def with_defaults(method: np.ndarray, params: np.ndarray) -> np.ndarray:
    """``params`` with the defaults of the optional parameters where absent (in place)."""
    for method_key, needs in NEEDS.items():
        sel = method == METHOD_INDEX[method_key]
        if not sel.any():
            continue
        for need in needs:
            if not need.required and need.default is not None:
                j = PARAM_INDEX[need.slot]
                params[sel, j] = np.where(np.isnan(params[sel, j]), need.default, params[sel, j])
    return params
