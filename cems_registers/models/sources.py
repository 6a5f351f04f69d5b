"""Emission sources and sinks (clause 6.3.1 c).

The calculators app foreign-keys to :class:`EmissionSource` and reads ``code``,
``facility``, ``scope``, ``category``, ``material_key`` and ``in_boundary``: keep these names.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..base import RegisterModel
from .common import LocalizedName

#: The seven greenhouse gases of clause 3 (Kyoto basket).
GHGS = ("CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3")


class SourceKind(models.TextChoices):
    """What the source is, in the words of clause 6.3.1 c)."""

    MATERIAL = "material", _("Material")
    ENERGY = "energy", _("Energy")
    INTERMEDIATE_PRODUCT = "intermediate_product", _("Intermediate product")
    COMBUSTION_EQUIPMENT = "combustion_equipment", _("Combustion equipment")
    ELECTRICITY_EQUIPMENT = "electricity_equipment", _("Electricity-using equipment")
    PRODUCTION_EQUIPMENT = "production_equipment", _("Production equipment")
    FUGITIVE = "fugitive", _("Fugitive emissions")


class Scope(models.IntegerChoices):
    SCOPE_1 = 1, _("Scope 1 (direct)")
    SCOPE_2 = 2, _("Scope 2 (energy indirect)")
    SCOPE_3 = 3, _("Scope 3 (other indirect)")


class SourceCategory(models.TextChoices):
    """Emission categories of GB/T 32150."""

    FUEL_COMBUSTION = "fuel_combustion", _("Fuel combustion")
    PROCESS = "process", _("Industrial process")
    FUGITIVE = "fugitive", _("Fugitive")
    PURCHASED_ELECTRICITY = "purchased_electricity", _("Purchased electricity")
    PURCHASED_HEAT = "purchased_heat", _("Purchased heat")
    EXPORTED_ELECTRICITY = "exported_electricity", _("Exported electricity")
    EXPORTED_HEAT = "exported_heat", _("Exported heat")
    CO2_RECOVERY = "co2_recovery", _("CO2 recovery")
    OTHER = "other", _("Other")


def validate_ghgs(value: str) -> None:
    """Check a comma-separated list of gases against the seven of clause 3."""
    unknown = [gas for gas in (g.strip() for g in value.split(",")) if gas and gas not in GHGS]
    if unknown:
        raise ValidationError(
            _("%(gases)s: not a greenhouse gas; use %(allowed)s."),
            params={"gases": ", ".join(unknown), "allowed": ", ".join(GHGS)},
            code="invalid_ghg",
        )


class EmissionSource(LocalizedName, RegisterModel):
    """An emission source or sink inside or outside the boundary (6.3.1 c)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    facility = models.ForeignKey(
        "cems_registers.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="sources",
    )
    kind = models.CharField(
        _("kind"),
        max_length=32,
        choices=SourceKind.choices,
        help_text=_("Material, energy, equipment or fugitive source (clause 6.3.1 c)."),
    )
    material_key = models.CharField(
        _("fuel or material"),
        max_length=64,
        blank=True,
        help_text=_("Key of the fuel or material in the factor library, e.g. natural_gas."),
    )
    ghgs = models.CharField(
        _("greenhouse gases"),
        max_length=100,
        default="CO2",
        validators=[validate_ghgs],
        help_text=_("Comma-separated: CO2, CH4, N2O, HFCs, PFCs, SF6, NF3 (clause 3)."),
    )
    scope = models.PositiveSmallIntegerField(
        _("scope"), choices=Scope.choices, default=Scope.SCOPE_1
    )
    category = models.CharField(
        _("GB/T 32150 category"),
        max_length=32,
        choices=SourceCategory.choices,
        default=SourceCategory.FUEL_COMBUSTION,
    )
    activity_unit = models.CharField(
        _("activity data unit"),
        max_length=20,
        blank=True,
        help_text=_("Unit in which activity data are submitted, e.g. t, MWh, 万Nm3 (8.5)."),
    )
    data_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Person who submits this source's activity data (8.5)."),
    )
    in_boundary = models.BooleanField(
        _("inside the boundary"),
        default=True,
        help_text=_("Sources outside the boundary are listed but not accounted (4.3, 6.3.1)."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("name"), FieldPanel("name_en"), FieldPanel("facility")],
            heading=_("Identification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("material_key"),
                FieldPanel("ghgs"),
                FieldPanel("scope"),
                FieldPanel("category"),
                FieldPanel("activity_unit"),
            ],
            heading=_("Accounting (6.3.1)"),
        ),
        FieldPanel("data_owner"),
        FieldPanel("in_boundary"),
        FieldPanel("description"),
    ]

    owner_field = "data_owner"

    class Meta:
        verbose_name = _("emission source or sink")
        verbose_name_plural = _("emission sources and sinks")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.in_boundary and self.facility_id and not self.facility.in_boundary:
            raise ValidationError(
                {
                    "in_boundary": _(
                        "%(facility)s is outside the boundary, so its sources are too (4.3)."
                    )
                    % {"facility": self.facility}
                }
            )

    @property
    def gas_list(self) -> list[str]:
        """The gases as a list, in the order given; issues no query."""
        return [gas.strip() for gas in self.ghgs.split(",") if gas.strip()]
