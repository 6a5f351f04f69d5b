"""Emission-reduction opportunities assessed with their abatement and cost (clause 6.4).

The calculators rank these and draw the marginal abatement cost curve from
``abatement_per_year`` (tCO2e/a), ``capital_cost``, ``operating_cost`` (change in the yearly
operating cost) and ``annual_savings`` (energy and other savings a year), all in 万元 (10⁴ CNY),
``lifetime_years`` and ``start_year``; ``selected`` opportunities enter the forecast "with
measures" (6.4.1 b, ``calculators.core.assessment``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..base import RegisterModel
from .common import user_fk


class OpportunityCategory(models.TextChoices):
    ENERGY_STRUCTURE = "energy_structure", _("Energy structure")
    EFFICIENCY = "efficiency", _("Energy efficiency")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    PROCESS = "process", _("Process")
    OTHER = "other", _("Other")


class OpportunityStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    ASSESSED = "assessed", _("Assessed")
    PLANNED = "planned", _("Planned")
    IMPLEMENTING = "implementing", _("Being implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    REJECTED = "rejected", _("Rejected")


class ReductionOpportunity(RegisterModel):
    """A way to reduce emissions, with its abatement, cost and lifetime (clause 6.4)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=OpportunityCategory.choices,
        help_text=_("Energy structure, efficiency, infrastructure, process or other (6.4)."),
    )
    description = models.TextField(_("description"), blank=True)
    facility = models.ForeignKey(
        "cems_registers.Facility",
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    abatement_per_year = models.DecimalField(
        _("expected abatement (tCO2e/a)"),
        max_digits=14,
        decimal_places=3,
        validators=[MinValueValidator(0)],
        help_text=_("Expected emission reduction per year, in tonnes CO2e (6.4)."),
    )
    capital_cost = models.DecimalField(
        _("capital cost (10⁴ CNY)"), max_digits=14, decimal_places=2, default=0
    )
    operating_cost = models.DecimalField(
        _("operating cost per year (10⁴ CNY)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("Change in yearly operating cost; negative when the measure saves money."),
    )
    annual_savings = models.DecimalField(
        _("annual savings (10⁴ CNY/a)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Energy and other cost savings per year (6.4.1 c)."),
    )
    lifetime_years = models.PositiveSmallIntegerField(
        _("lifetime (years)"), default=10, validators=[MinValueValidator(1)]
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("First year of abatement; blank: the year after the assessment year."),
    )
    selected = models.BooleanField(
        _("selected for implementation"),
        default=False,
        help_text=_("Selected opportunities enter the forecast with measures (6.4.1 b)."),
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.IDENTIFIED,
    )
    owner = user_fk()

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("facility"),
        MultiFieldPanel(
            [
                FieldPanel("abatement_per_year"),
                FieldPanel("capital_cost"),
                FieldPanel("operating_cost"),
                FieldPanel("annual_savings"),
                FieldPanel("lifetime_years"),
                FieldPanel("start_year"),
                FieldPanel("selected"),
            ],
            heading=_("Abatement and cost (6.4)"),
        ),
        FieldPanel("status"),
        FieldPanel("owner"),
    ]

    class Meta:
        verbose_name = _("reduction opportunity")
        verbose_name_plural = _("reduction opportunities")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        # 6.4: a cost per tonne divides by the abatement, so an opportunity needs one
        if self.abatement_per_year is not None and self.abatement_per_year <= 0:
            raise ValidationError(
                {
                    "abatement_per_year": _(
                        "Give the expected abatement, above zero: the cost per tonne "
                        "divides by it (6.4)."
                    )
                }
            )

    @property
    def display_title(self) -> str:
        """The English title in an English context when there is one, else ``title``."""
        english = (translation.get_language() or "").lower().startswith("en")
        return (self.title_en if english else "") or self.title

    closed_statuses = (
        OpportunityStatus.IMPLEMENTED,
        OpportunityStatus.REJECTED,
    )
