"""Carbon objectives and their indicators (clause 6.5), approved by top management (5.1)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from ._common import user_fk


class ObjectiveLevel(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    FUNCTION = "function", _("Function")
    PROCESS = "process", _("Process")
    FACILITY = "facility", _("Facility")


class ObjectiveStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    ACHIEVED = "achieved", _("Achieved")
    MISSED = "missed", _("Not achieved")
    CANCELLED = "cancelled", _("Cancelled")


class IndicatorMetric(models.TextChoices):
    """What an indicator measures, so progress can be computed from accounting results."""

    TOTAL_EMISSIONS = "total_emissions", _("Total emissions (scope 1 + 2)")
    SCOPE1 = "scope1", _("Scope 1 emissions")
    SCOPE2 = "scope2", _("Scope 2 emissions")
    INTENSITY = "intensity", _("Emission intensity per unit of output")
    ENERGY = "energy", _("Energy consumption")
    RENEWABLE_SHARE = "renewable_share", _("Share of renewable electricity")
    OTHER = "other", _("Other")


class Objective(RegisterModel, ClusterableModel):
    """A carbon objective at a level of the enterprise, approved by top management (6.5)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("objective"), max_length=300)
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=ObjectiveLevel.choices,
        default=ObjectiveLevel.ENTERPRISE,
        help_text=_("Functions, levels, processes or facilities the objective applies to (6.5)."),
    )
    facility = models.ForeignKey(
        "cems_registers.Facility",
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objectives",
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Consistency with the policy and the factors considered (6.5 a–j)."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectiveStatus.choices, default=ObjectiveStatus.DRAFT
    )
    owner = user_fk()
    approved_by = user_fk(_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("level"),
        FieldPanel("facility"),
        FieldPanel("description"),
        FieldPanel("deadline"),
        FieldPanel("status"),
        FieldPanel("owner"),
        InlinePanel(
            "indicators",
            heading=_("Indicators"),
            label=_("indicator"),
            min_num=0,
            panels=[
                FieldPanel("name"),
                FieldPanel("metric"),
                FieldPanel("unit"),
                FieldPanel("baseline_year"),
                FieldPanel("baseline_value"),
                FieldPanel("target_value"),
                FieldPanel("target_year"),
            ],
        ),
    ]

    due_date_field = "deadline"

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["code"]
        permissions = [("approve_objective", _("Can approve objectives (top management, 5.1)"))]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        if self.status != ObjectiveStatus.DRAFT and self.approved_at is None:
            raise ValidationError(
                {
                    "status": _(
                        "Only top management's approval moves an objective out of draft (5.1)."
                    )
                }
            )

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @classmethod
    def closed_q(cls) -> models.Q:
        return models.Q(
            status__in=[
                ObjectiveStatus.ACHIEVED,
                ObjectiveStatus.MISSED,
                ObjectiveStatus.CANCELLED,
            ]
        )

    def is_closed(self) -> bool:
        return self.status in {
            ObjectiveStatus.ACHIEVED,
            ObjectiveStatus.MISSED,
            ObjectiveStatus.CANCELLED,
        }


class Indicator(RegisterModel):
    """A measurable indicator of an objective: baseline, target and unit (clause 6.5)."""

    objective = ParentalKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=200)
    metric = models.CharField(
        _("metric"), max_length=20, choices=IndicatorMetric.choices, default=IndicatorMetric.OTHER
    )
    unit = models.CharField(_("unit"), max_length=30, help_text=_("e.g. tCO2e, tCO2e/t, MWh, %"))
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.DecimalField(_("baseline value"), max_digits=16, decimal_places=4)
    target_value = models.DecimalField(_("target value"), max_digits=16, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("target year"))

    panels = [
        FieldPanel("objective"),
        FieldPanel("name"),
        FieldPanel("metric"),
        FieldPanel("unit"),
        FieldPanel("baseline_year"),
        FieldPanel("baseline_value"),
        FieldPanel("target_value"),
        FieldPanel("target_year"),
    ]

    owner_field = None

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["objective", "pk"]

    def __str__(self):
        return f"{self.name} ({self.unit})"

    def clean(self):
        if self.target_year and self.baseline_year and self.target_year <= self.baseline_year:
            raise ValidationError(
                {"target_year": _("The target year must come after the baseline year.")}
            )

    @property
    def target_change(self):
        """Relative change from baseline to target (−0.2 is a 20 % cut); issues no query."""
        if not self.baseline_value:
            return None
        return (self.target_value - self.baseline_value) / self.baseline_value
