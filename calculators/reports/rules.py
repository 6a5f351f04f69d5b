"""The rules a run was computed under, as sentences in the reader's language (T/CSES
146-2024 6.3.1 a, 6.3.2: the report states the methodology; docs/accounting_rules.md).

Printed by the results page and the accounting report. No query.
"""

from django.utils.translation import gettext

from calculators.core.engine import Options, ch4_values
from calculators.core.gwp import GwpError, GwpTable
from calculators.rules import DEFAULT_ELECTRICITY, BiomassRule, ElectricityMethod


def _biomass_sentence(rule: str) -> str:
    if rule == BiomassRule.EXCLUDE:
        return gettext(
            "Biomass combustion: GB/T 32150 rule. All greenhouse gases from biomass fuel "
            "combustion are accounted separately and explained below; none is counted in the "
            "total."
        )
    if rule == BiomassRule.INCLUDE:
        return gettext(
            "Biomass combustion: all gases counted. Biogenic CO2, CH4 and N2O of biomass fuel "
            "combustion are in the total."
        )
    return gettext(
        "Biomass combustion: GHG Protocol / ISO 14064-1 rule. Biogenic CO2 is a memo item "
        "outside the total; CH4 and N2O are counted."
    )


def rules_applied(options: dict | None, gwp_key: str) -> list[str]:
    """The rules of a run as sentences in the active language: biomass, methane GWP (with the
    values used), N2O GWP and the electricity conversion to tce. No query."""
    opts = Options.of(options)
    out = [_biomass_sentence(opts.biomass_rule)]
    try:
        table = GwpTable(gwp_key)
    except GwpError:
        return out
    fossil, non_fossil = ch4_values(table, opts)
    if fossil != non_fossil:
        out.append(
            gettext(
                "Methane GWP (%(set)s): fossil %(fossil)s, non-fossil %(non_fossil)s, by the "
                "origin of the material (biomass, waste and agriculture non-fossil) or of the row."
            )
            % {"set": table.name, "fossil": f"{fossil:g}", "non_fossil": f"{non_fossil:g}"}
        )
    else:
        out.append(
            gettext("Methane GWP (%(set)s): %(value)s for all methane.")
            % {"set": table.name, "value": f"{fossil:g}"}
        )
    out.append(
        gettext("N2O GWP (%(set)s): %(value)s.")
        % {"set": table.name, "value": f"{table.value('N2O'):g}"}
    )
    method = (options or {}).get("electricity") or DEFAULT_ELECTRICITY
    if method == ElectricityMethod.COAL_EQUIVALENT:
        out.append(
            gettext(
                "Energy: electricity converted to standard coal by the coal-equivalent method "
                "(the year's coal consumption of power supply); fuels 29.3076 GJ/tce and heat "
                "0.03412 kgce/MJ (GB/T 2589-2020)."
            )
        )
    else:
        out.append(
            gettext(
                "Energy: electricity converted to standard coal at its calorific equivalent "
                "0.1229 kgce/kWh; fuels 29.3076 GJ/tce and heat 0.03412 kgce/MJ (GB/T 2589-2020)."
            )
        )
    return out
