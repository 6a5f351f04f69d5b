"""Energy consumption of an accounting run per carrier, in GJ and tce (T/CSES 146-2024 6.3.2,
9.1; GB/T 2589-2020).

Written with the run's results (:func:`calculators.services.energy.run_energy_store`) from
the core's :func:`calculators.core.energy.energy_by_carrier`; each row keeps the coefficient
that turned its GJ into tce and that coefficient's citation, so the report states both.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .runs import AccountingRun


class EnergyKind(models.TextChoices):
    """Kinds of energy carrier (GB/T 2589-2020)."""

    FUEL = "fuel", _("Fuel")
    ELECTRICITY = "electricity", _("Electricity")
    HEAT = "heat", _("Heat")


class EnergyDirection(models.TextChoices):
    """Energy consumed, or exported and deducted (GB/T 2589-2020 comprehensive consumption)."""

    CONSUMED = "consumed", _("Consumed")
    EXPORTED = "exported", _("Exported (deducted)")


class RunEnergy(models.Model):
    """One energy carrier of a run (6.3.2, 9.1): GJ and tce (GB/T 2589-2020), with the
    coefficient used and its citation."""

    run = models.ForeignKey(
        AccountingRun, on_delete=models.CASCADE, related_name="energy", verbose_name=_("run")
    )
    carrier = models.CharField(
        _("energy carrier"),
        max_length=80,
        help_text=_("Material key, or the method for electricity and heat without one."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EnergyKind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=EnergyDirection.choices)
    energy_gj = models.FloatField(_("energy (GJ)"))
    tce = models.FloatField(_("standard coal equivalent (tce)"))
    coefficient = models.FloatField(
        _("conversion coefficient"),
        help_text=_(
            "GB/T 2589-2020: 29.3076 GJ/tce for fuels, 0.1229 kgce/kWh for electricity "
            "(calorific equivalent) or the year's coal consumption of power supply, 0.03412 "
            "kgce/MJ for heat."
        ),
    )
    coefficient_unit = models.CharField(_("coefficient unit"), max_length=20)
    basis = models.CharField(_("basis"), max_length=20)
    citation = models.TextField(_("citation"), blank=True)
    citation_en = models.TextField(_("citation (English)"), blank=True)
    verification = models.CharField(_("verification"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("run energy")
        verbose_name_plural = _("run energy")
        # a carrier may have two rows of one direction: the coal-equivalent method takes the
        # coefficient of each year of the period
        ordering = ("run", "kind", "carrier", "direction")

    def __str__(self) -> str:
        return f"{self.carrier} {self.energy_gj:.3f} GJ"
