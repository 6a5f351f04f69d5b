"""Display names of the accounting codes, in the active language (6.3.1: a verifier reads names).

Methods, factor-library materials and factor parameters have stable codes (the import
template's keys); pages, messages and reports show these names beside them. A code without a
name shows as itself (refrigerants, SF6 …).
"""

from django.utils.translation import gettext, gettext_noop, pgettext

from calculators.core.template import METHODS

#: Display names of the factor library's material keys (GB/T 32150 annex tables, IPCC 2006,
#: the foundry carbon balance); a key not listed shows as itself (refrigerants, SF6 …).
MATERIAL_LABELS: dict[str, str] = {
    "anthracite": gettext_noop("Anthracite"),
    "bituminous_coal": gettext_noop("Bituminous coal"),
    "lignite": gettext_noop("Lignite"),
    "raw_coal": gettext_noop("Raw coal"),
    "washed_coal": gettext_noop("Washed coal"),
    "coke": gettext_noop("Coke"),
    "petroleum_coke": gettext_noop("Petroleum coke"),
    "crude_oil": gettext_noop("Crude oil"),
    "fuel_oil": gettext_noop("Fuel oil"),
    "residual_fuel_oil": gettext_noop("Residual fuel oil"),
    "motor_gasoline": gettext_noop("Motor gasoline"),
    "kerosene": gettext_noop("Kerosene"),
    "jet_kerosene": gettext_noop("Jet kerosene"),
    "diesel": gettext_noop("Diesel"),
    "gas_diesel_oil": gettext_noop("Gas/diesel oil"),
    "lpg": gettext_noop("Liquefied petroleum gas"),
    "refinery_gas": gettext_noop("Refinery gas"),
    "natural_gas": gettext_noop("Natural gas"),
    "coke_oven_gas": gettext_noop("Coke oven gas"),
    "blast_furnace_gas": gettext_noop("Blast furnace gas"),
    "bof_gas": gettext_noop("Converter (BOF) gas"),
    "landfill_gas": gettext_noop("Landfill gas"),
    "wood": gettext_noop("Wood and wood waste (biomass)"),
    "limestone": gettext_noop("Limestone"),
    "dolomite": gettext_noop("Dolomite"),
    "calcium_carbonate": gettext_noop("Calcium carbonate"),
    "magnesium_carbonate": gettext_noop("Magnesium carbonate"),
    "sodium_carbonate": gettext_noop("Sodium carbonate"),
    "siderite": gettext_noop("Siderite"),
    "pig_iron": gettext_noop("Pig iron"),
    "steel_scrap": gettext_noop("Steel scrap"),
    "recarburiser": gettext_noop("Recarburiser"),
    "carbon_balance_foundry": gettext_noop("Foundry carbon balance (recarburiser)"),
    "foundry_slag": gettext_noop("Foundry slag"),
    "grey_cast_iron": gettext_noop("Grey iron castings"),
    "output_value": gettext_noop("Output value"),
    "co2_recovered": gettext_noop("Recovered CO2"),
    "heat": gettext_noop("Heat"),
    "steam": gettext_noop("Steam"),
    "hot_water": gettext_noop("Hot water"),
    "electricity_cn_national": gettext_noop("Grid electricity, national average"),
    "electricity_cn_north": gettext_noop("Grid electricity, North China grid"),
    "electricity_cn_northeast": gettext_noop("Grid electricity, Northeast China grid"),
    "electricity_cn_east": gettext_noop("Grid electricity, East China grid"),
    "electricity_cn_central": gettext_noop("Grid electricity, Central China grid"),
    "electricity_cn_northwest": gettext_noop("Grid electricity, Northwest China grid"),
    "electricity_cn_south": gettext_noop("Grid electricity, South China grid"),
    "electricity_cn_southwest": gettext_noop("Grid electricity, Southwest China grid"),
    # renewable electricity bought through power trading (绿电交易; 6.5 renewable share, the
    # demo's source S25): its key marks it renewable (calculators.core.performance)
    "green_electricity": gettext_noop("Green electricity (power trading)"),
    "electricity_cn_fossil": gettext_noop("Grid electricity, national fossil-power average"),
    "electricity_cn_national_excl_market": gettext_noop(
        "Grid electricity, national average excluding market-traded non-fossil power"
    ),
    "electricity_cn_ets_grid": gettext_noop("Grid electricity, national grid (ETS reporting)"),
    "coal_power": gettext_noop("Coal for power generation"),
    "coking_coal": gettext_noop("Coking coal"),
    "other_bituminous_coal": gettext_noop("Other bituminous coal"),
    "sub_bituminous_coal": gettext_noop("Sub-bituminous coal"),
    "coke_oven_coke": gettext_noop("Coke oven coke"),
    "peat": gettext_noop("Peat"),
    "naphtha": gettext_noop("Naphtha"),
    "bitumen": gettext_noop("Bitumen"),
    "lubricants": gettext_noop("Lubricants"),
    "ethane": gettext_noop("Ethane"),
    "ngl": gettext_noop("Natural gas liquids"),
    "other_kerosene": gettext_noop("Other kerosene"),
    "oxygen_steel_furnace_gas": gettext_noop("Oxygen steel furnace gas"),
}
#: Display names of the factor library's parameters (the engine's names, ``Factor.parameter``).
PARAMETER_LABELS: dict[str, str] = {
    "ncv": gettext_noop("net calorific value"),
    "hhv": gettext_noop("higher heating value"),
    "carbon_content": gettext_noop("carbon content"),
    "carbon_content_mass": gettext_noop("carbon content per mass (C_ar)"),
    "oxidation_rate": gettext_noop("oxidation rate"),
    "ef": gettext_noop("emission factor"),
    "purity": gettext_noop("purity"),
    "calcination_fraction": gettext_noop("calcination fraction"),
    "steam_enthalpy": gettext_noop("steam enthalpy (kJ/kg)"),
    "carbon_fraction": gettext_noop("carbon fraction (tC/t)"),
    "density": gettext_noop("density"),
}


def method_label(method: str) -> str:
    spec = METHODS.get(method)
    return gettext(spec.label) if spec else method


def method_short_label(method: str) -> str:
    """:func:`method_label` without its closing parenthesis (the formula), for table rows.

    "Fuel combustion, China guideline (FC × NCV × CC × OF × 44/12)" → "Fuel combustion, China
    guideline"; the full label with the formula is in the methods section.
    """
    label = method_label(method)
    text = label.rstrip()
    if not text.endswith((")", "）")):
        return label
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in ")）":
            depth += 1
        elif text[i] in "(（":
            depth -= 1
            if depth == 0:
                short = text[:i].rstrip(" ,，")
                return short or label
    return label


def material_label(material: str) -> str:
    """Display name of a factor-library material key in the active language, else the key."""
    text = MATERIAL_LABELS.get(material or "")
    return gettext(text) if text else (material or "")


def verification_tag_label(tag: str) -> str:
    """The verification tag as a table shows it (6.3.1 d, 8.5 data quality): V, T and M are
    letters read through the legend; "measured" is a word, so it shows in the active language."""
    if tag == "measured":
        return pgettext("verification tag", "measured")
    return tag or "—"


#: GWP sets of the IPCC assessment reports (GB/T 32150 and 6.3.1 c: the GWP values used); their
#: display name is derived from the key so that it reads in the active language.
IPCC_GWP_KEYS = ("SAR", "TAR", "AR4", "AR5", "AR6")


def gwp_set_label(key: str, name: str = "") -> str:
    """Display name of a GWP set in the active language (6.3.1 c): an IPCC report's set is
    named from its key ("IPCC AR5 GWP-100"); another set keeps its stored name, else its key."""
    if (key or "").upper() in IPCC_GWP_KEYS:
        return gettext("IPCC %(report)s GWP-100") % {"report": key.upper()}
    return name or key or ""


def parameter_label(parameter: str) -> str:
    """Display name of a factor parameter (``ncv`` …) in the active language, else the key."""
    text = PARAMETER_LABELS.get(parameter or "")
    return gettext(text) if text else (parameter or "")
