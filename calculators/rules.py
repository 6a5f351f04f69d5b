"""The accounting rules a run is computed under, as choices and as sentences for people
(T/CSES 146-2024 6.3.1 a, 6.3.2: the report states the methodology; docs/accounting_rules.md).

The values are the core's (:data:`calculators.core.engine.BIOMASS_RULES`,
:data:`~calculators.core.engine.CH4_RULES`, :data:`calculators.core.energy.ELECTRICITY_METHODS`);
here they get labels in both languages and the default a new run takes. The sentences the
results page and the report print are :func:`calculators.reports.rules.rules_applied`. Imports
nothing heavy (forms import it at start-up). No query.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BiomassRule(models.TextChoices):
    """Biomass combustion (GB/T 32150-2015; GHG Protocol; ISO 14064-1)."""

    EXCLUDE = "exclude", _("Exclude (GB/T 32150): all gases of biomass combustion apart")
    MEMO = "memo", _("Memo (GHG Protocol, ISO 14064-1): biogenic CO2 apart, CH4 and N2O counted")
    INCLUDE = "include", _("Include: all gases of biomass combustion counted")


class Ch4Rule(models.TextChoices):
    """Which methane GWP (IPCC AR6 WG1 Table 7.15; AR5 Table 8.A.1)."""

    AUTO = "auto", _("Default of the GWP set (AR6: fossil / non-fossil; others: one value)")
    SPLIT = "split", _("Fossil and non-fossil values by the origin of the methane")
    SINGLE = "single", _("One value for all methane")


class ElectricityMethod(models.TextChoices):
    """Electricity to standard coal (GB/T 2589-2020)."""

    CALORIFIC = "calorific", _("Calorific equivalent, 0.1229 kgce/kWh (GB/T 2589)")
    COAL_EQUIVALENT = (
        "coal_equivalent",
        _("Coal equivalent: the year's coal consumption of power supply"),
    )


#: What a new run takes unless the user chooses otherwise: cems serves Chinese enterprises
#: reporting under GB/T 32150 (docs/accounting_rules.md).
DEFAULT_BIOMASS = BiomassRule.EXCLUDE
DEFAULT_CH4 = Ch4Rule.AUTO
DEFAULT_ELECTRICITY = ElectricityMethod.CALORIFIC


def option_label(key: str, value) -> str | None:
    """The label of a rule option's value, or None when ``key`` is not a rule."""
    choices = {"biomass": BiomassRule, "ch4": Ch4Rule, "electricity": ElectricityMethod}.get(key)
    if choices is None:
        return None
    return str(choices(value).label) if value in choices.values else str(value)
