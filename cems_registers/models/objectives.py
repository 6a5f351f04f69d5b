"""Carbon objectives and their indicators (clause 6.5), approved by top management (5.1)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import user_fk


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
    CATEGORY = "category", _("Emissions of one GB/T 32150 category")
    SOURCE = "source", _("Emissions of one emission source")
    FACILITY = "facility", _("Emissions of one facility")
    OTHER = "other", _("Other")


class IntensityBasis(models.TextChoices):
    """Denominator of an intensity indicator (9.1.2): product output or output value."""

    PER_T = "per_t", _("per t of product")
    PER_WAN_YUAN = "per_wan_yuan", _("per 10,000 CNY of output value")


#: Fields linking an indicator to the performance series and its alert thresholds.
INDICATOR_LINK_PANELS = [
    FieldPanel("category"),
    FieldPanel("source"),
    FieldPanel("facility"),
    FieldPanel("intensity_basis"),
    FieldPanel("baseline_reason"),
    FieldPanel("alert_path_pct"),
    FieldPanel("alert_change_pct"),
    FieldPanel("alert_missing_day"),
]


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
    at_risk_pct = models.DecimalField(
        _("at risk beyond (%)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "An indicator is at risk when its actual value is worse than the linear path "
            "from baseline to target by more than this share of the path value (6.6, 9.1.2); "
            "empty: 2 %."
        ),
    )
    off_track_pct = models.DecimalField(
        _("off track beyond (%)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Worse than the path by more than this share: off track; empty: 10 %."),
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("level"),
        FieldPanel("facility"),
        FieldPanel("description"),
        FieldPanel("deadline"),
        FieldPanel("status"),
        FieldPanel("owner"),
        FieldPanel("at_risk_pct"),
        FieldPanel("off_track_pct"),
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
                *INDICATOR_LINK_PANELS,
            ],
        ),
    ]

    due_date_field = "deadline"
    #: Set only by top management's approval (``objective_approve``, 5.1): a revert or an
    #: import never restores or sets them (``cems_registers.history.keep_approval_state``).
    approval_fields = ("status", "approved_by", "approved_at")
    #: What top management approved besides the indicators: a change withdraws the approval.
    approved_content_fields = ("code", "title", "level", "facility", "description", "deadline")

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["code"]
        permissions = [("approve_objective", _("Can approve objectives (top management, 5.1)"))]

    def __str__(self):
        return f"{self.code} {self.title}"

    #: Status thresholds (%) when the objective leaves them empty.
    DEFAULT_AT_RISK_PCT = Decimal("2")
    DEFAULT_OFF_TRACK_PCT = Decimal("10")

    def clean(self):
        if self.status_thresholds()[1] < self.status_thresholds()[0]:
            raise ValidationError(
                {"off_track_pct": _("Off track must lie beyond at risk (a larger percentage).")}
            )
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

    def withdraw_approval(self) -> None:
        """Back to draft without approval: what was approved changed (5.1); no query."""
        self.approved_by = None
        self.approved_at = None
        self.status = ObjectiveStatus.DRAFT

    def status_thresholds(self) -> tuple[Decimal, Decimal]:
        """(at risk, off track) in % of the path value, defaults filled in; issues no query."""
        at_risk = self.DEFAULT_AT_RISK_PCT if self.at_risk_pct is None else self.at_risk_pct
        off = self.DEFAULT_OFF_TRACK_PCT if self.off_track_pct is None else self.off_track_pct
        return at_risk, off

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
    # link to the carbon performance series (6.5, 9.1.2): which part of the series it reads
    category = models.CharField(
        _("category"),
        max_length=32,
        blank=True,
        help_text=_("GB/T 32150 category key, for the metric 'emissions of one category'."),
    )
    source = models.ForeignKey(
        "cems_registers.EmissionSource",
        verbose_name=_("emission source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text=_("For the metric 'emissions of one emission source'."),
    )
    facility = models.ForeignKey(
        "cems_registers.Facility",
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text=_("For the metric 'emissions of one facility'."),
    )
    intensity_basis = models.CharField(
        _("intensity basis"),
        max_length=14,
        choices=IntensityBasis.choices,
        blank=True,
        help_text=_("Denominator of an intensity indicator; empty: per t of product."),
    )
    baseline_reason = models.TextField(
        _("reason for a baseline entered by hand"),
        blank=True,
        help_text=_(
            "Leave empty to take the baseline from the approved run of the baseline year; "
            "a value entered by hand needs a reason and is compared with the run (6.5)."
        ),
    )
    alert_path_pct = models.DecimalField(
        _("alert: month above the path by (%)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Deviation alert when a month is worse than the target path by more (9.1.3)."),
    )
    alert_change_pct = models.DecimalField(
        _("alert: month-on-month change of a source beyond (%)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    alert_missing_day = models.PositiveSmallIntegerField(
        _("alert: data missing after day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Day of the following month by which a month's data must be approved."),
    )

    panels = [
        FieldPanel("objective"),
        FieldPanel("name"),
        FieldPanel("metric"),
        FieldPanel("unit"),
        FieldPanel("baseline_year"),
        FieldPanel("baseline_value"),
        FieldPanel("target_value"),
        FieldPanel("target_year"),
        *INDICATOR_LINK_PANELS,
    ]

    owner_field = None
    #: Any change of an indicator withdraws its objective's approval (5.1).
    approval_parent = "objective"

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
        if self.target_value is not None and self.target_value < 0:
            raise ValidationError(
                {
                    "target_value": _("The target value cannot be below zero (%(value)s).")
                    % {"value": self.target_value}
                }
            )
        needs = {
            IndicatorMetric.CATEGORY: ("category", self.category),
            IndicatorMetric.SOURCE: ("source", self.source_id),
            IndicatorMetric.FACILITY: ("facility", self.facility_id),
        }
        if self.metric in needs and not needs[self.metric][1]:
            field = needs[self.metric][0]
            raise ValidationError(
                {
                    field: _("The metric %(metric)s needs this field.")
                    % {"metric": self.get_metric_display()}
                }
            )

    @property
    def target_change(self):
        """Relative change from baseline to target (−0.2 is a 20 % cut); issues no query."""
        if not self.baseline_value:
            return None
        return (self.target_value - self.baseline_value) / self.baseline_value
