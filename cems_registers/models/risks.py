"""Risks and opportunities (clause 6.1) and the actions that address them (clause 6.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import Likert, user_fk


class RiskKind(models.TextChoices):
    RISK = "risk", _("Risk")
    OPPORTUNITY = "opportunity", _("Opportunity")


class RiskGroup(models.TextChoices):
    TRANSITION = "transition", _("Transition")
    PHYSICAL = "physical", _("Physical")
    OTHER = "other", _("Other")


class RiskCategory(models.TextChoices):
    """Categories named in clause 6.1; the prefix says transition or physical."""

    POLICY = "transition_policy", _("Transition: policy and law")
    LABELLING = "transition_labelling", _("Transition: carbon labelling")
    REPORTING = "transition_reporting", _("Transition: mandatory reporting")
    CARBON_TAX = "transition_carbon_tax", _("Transition: carbon tax")
    ETS = "transition_ets", _("Transition: emissions trading")
    TECHNOLOGY = "transition_technology", _("Transition: technology")
    MARKET = "transition_market", _("Transition: market")
    SEA_LEVEL = "physical_sea_level", _("Physical: sea-level rise")
    STORM_SURGE = "physical_storm_surge", _("Physical: storm surge")
    FLOOD = "physical_flood", _("Physical: flood")
    HEAVY_RAIN = "physical_heavy_rain", _("Physical: heavy rain")
    DROUGHT = "physical_drought", _("Physical: drought")
    ICE_SNOW = "physical_ice_snow", _("Physical: ice and snow")
    EXTREME_TEMPERATURE = "physical_extreme_temperature", _("Physical: extreme temperature")
    OTHER = "other", _("Other")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    TREATED = "treated", _("Being treated")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


#: Score thresholds of the 5 × 5 matrix: (lowest score, level), highest first.
SCORE_LEVELS = ((15, "very_high"), (10, "high"), (5, "medium"), (1, "low"))


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


def risk_level(score: int) -> RiskLevel:
    """Level of a likelihood × impact score (1–25); issues no query."""
    for threshold, level in SCORE_LEVELS:
        if score >= threshold:
            return RiskLevel(level)
    return RiskLevel.LOW


class Risk(RegisterModel, ClusterableModel):
    """A climate-related risk or opportunity scored on a 5 × 5 matrix (clause 6.1)."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("risk or opportunity"), max_length=12, choices=RiskKind.choices, default=RiskKind.RISK
    )
    category = models.CharField(
        _("category"),
        max_length=32,
        choices=RiskCategory.choices,
        help_text=_("Transition, physical or other risk as listed in clause 6.1."),
    )
    description = models.TextField(_("description"), blank=True)
    facility = models.ForeignKey(
        "cems_registers.Facility",
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks",
    )
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), choices=Likert.choices, default=Likert.MEDIUM
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=Likert.choices, default=Likert.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    owner = user_fk()
    review_date = models.DateField(_("next review"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("facility"),
        MultiFieldPanel(
            [FieldPanel("likelihood"), FieldPanel("impact")],
            heading=_("Assessment (5 × 5 matrix)"),
        ),
        FieldPanel("status"),
        FieldPanel("owner"),
        FieldPanel("review_date"),
        InlinePanel(
            "actions",
            heading=_("Actions (6.2)"),
            label=_("action"),
            panels=[
                FieldPanel("description"),
                FieldPanel("owner"),
                FieldPanel("due_date"),
                FieldPanel("emergency_plan"),
                FieldPanel("status"),
                FieldPanel("completed_on"),
                FieldPanel("effective"),
                FieldPanel("effectiveness_review"),
            ],
        ),
    ]

    due_date_field = "review_date"

    class Meta:
        verbose_name = _("risk or opportunity")
        verbose_name_plural = _("risks and opportunities")
        ordering = ["-likelihood", "-impact", "title"]

    def __str__(self):
        return self.title

    @property
    def score(self) -> int:
        """Likelihood × impact, 1–25 (clause 6.1)."""
        return int(self.likelihood) * int(self.impact)

    score.fget.short_description = _("Score")  # the list column's label, translated

    @property
    def level(self) -> RiskLevel:
        return risk_level(self.score)

    @property
    def group(self) -> RiskGroup:
        prefix = self.category.split("_", 1)[0]
        return RiskGroup(prefix) if prefix in RiskGroup.values else RiskGroup.OTHER

    closed_statuses = (RiskStatus.CLOSED,)


class RiskAction(RegisterModel):
    """An action planned for a risk or opportunity, and whether it worked (clause 6.2)."""

    risk = ParentalKey(
        Risk,
        verbose_name=_("risk or opportunity"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    description = models.TextField(_("action"))
    owner = user_fk()
    due_date = models.DateField(_("due date"), null=True, blank=True)
    emergency_plan = models.BooleanField(
        _("emergency plan"),
        default=False,
        help_text=_("The action is an emergency plan for a physical risk (clause 6.2)."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    effective = models.BooleanField(
        _("effective"),
        null=True,
        blank=True,
        help_text=_("Result of the effectiveness review (clause 6.2); empty until reviewed."),
    )
    effectiveness_review = models.TextField(_("effectiveness review"), blank=True)

    panels = [
        FieldPanel("risk"),
        FieldPanel("description"),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        FieldPanel("emergency_plan"),
        FieldPanel("status"),
        FieldPanel("completed_on"),
        FieldPanel("effective"),
        FieldPanel("effectiveness_review"),
    ]

    due_date_field = "due_date"

    class Meta:
        verbose_name = _("risk action")
        verbose_name_plural = _("risk actions")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description[:80]

    closed_statuses = (
        ActionStatus.CANCELLED,
        ActionStatus.DONE,
    )
