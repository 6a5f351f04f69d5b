"""The monitoring plan (数据质量控制计划) of a boundary, per source and parameter (8.5, 9.1.4).

A plan says, for every emission source and parameter of the accounting (activity data, net
calorific value, carbon content, oxidation rate, emission factor …), how it is obtained
(measured, calculated, default value), with which instrument of the register, how often,
who is responsible, how the data flow and where they are archived, as the MEE's data quality
control plans ask. Plans are versioned: a draft is submitted, top management approves it, and
approving a new version of the same boundary supersedes the one in force
(``cems_registers.services.monitoring_plans``). An approved or superseded plan is not edited:
a change is a new version.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import user_fk
from .instruments import InstrumentStatus


class MonitoringPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved (in force)")
    SUPERSEDED = "superseded", _("Superseded")


class MonitoringParameter(models.TextChoices):
    """Parameters of the MEE guidelines' formulas a plan says how to determine (8.5)."""

    ACTIVITY_DATA = "activity_data", _("Activity data (consumption)")
    NCV = "ncv", _("Net calorific value")
    CARBON_CONTENT = "carbon_content", _("Carbon content per unit of heat or mass")
    OXIDATION_RATE = "oxidation_rate", _("Carbon oxidation rate")
    EMISSION_FACTOR = "emission_factor", _("Emission factor")
    PURITY = "purity", _("Purity or carbon fraction of a material")
    OTHER = "other", _("Other parameter")


class MonitoringMethod(models.TextChoices):
    MEASURED = "measured", _("Measured")
    CALCULATED = "calculated", _("Calculated")
    DEFAULT = "default", _("Default value")


class MonitoringFrequency(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuous, recorded monthly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


#: Plan statuses that only an approval sets (``monitoring_plan_approve``).
APPROVED_STATUSES = (MonitoringPlanStatus.APPROVED, MonitoringPlanStatus.SUPERSEDED)
#: Instrument statuses a plan may not name (an instrument withdrawn from use, 9.1.4).
WITHDRAWN_INSTRUMENT_STATUSES = (InstrumentStatus.RETIRED, InstrumentStatus.OUT_OF_SERVICE)


class MonitoringPlan(RegisterModel, ClusterableModel):
    """One version of the monitoring plan of a boundary (8.5, 9.1.4), approved by top
    management; the approved version with the latest effective date is in force."""

    code = models.CharField(
        _("plan number"),
        max_length=32,
        help_text=_("The same number for every version of the plan of one boundary."),
    )
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    boundary = models.ForeignKey(
        "cems_registers.Facility",
        verbose_name=_("boundary"),
        on_delete=models.PROTECT,
        related_name="monitoring_plans",
        help_text=_(
            "The organisation unit the plan covers, with every unit below it (4.3): the "
            "company for the whole enterprise, or one site."
        ),
    )
    effective_from = models.DateField(
        _("effective from"),
        help_text=_("The plan applies to data of this date onwards, once approved."),
    )
    description = models.TextField(
        _("boundary and main facilities"),
        blank=True,
        help_text=_("The accounting boundary and the main emission facilities (MEE plan, part 3)."),
    )
    quality_assurance = models.TextField(
        _("internal quality control and assurance"),
        blank=True,
        help_text=_(
            "Cross-checks, handling of missing data, review of the data before submission "
            "(MEE plan, part 5; 8.5)."
        ),
    )
    revision_note = models.TextField(
        _("what changed in this version"),
        blank=True,
        help_text=_("Reason and content of the revision (MEE plan, part 1)."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MonitoringPlanStatus.choices,
        default=MonitoringPlanStatus.DRAFT,
    )
    owner = user_fk(_("prepared by"))
    submitted_by = user_fk(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = user_fk(_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("title"),
                FieldPanel("version"),
                FieldPanel("boundary"),
                FieldPanel("effective_from"),
                FieldPanel("owner"),
            ],
            heading=_("Plan and version"),
        ),
        FieldPanel("revision_note"),
        FieldPanel("description"),
        InlinePanel(
            "items",
            heading=_("How each parameter is determined"),
            label=_("parameter"),
            min_num=0,
            panels=[
                FieldPanel("source"),
                FieldPanel("parameter"),
                FieldPanel("method"),
                FieldPanel("instrument"),
                FieldPanel("frequency"),
                FieldPanel("responsible"),
                FieldPanel("data_flow"),
                FieldPanel("archive"),
            ],
        ),
        FieldPanel("quality_assurance"),
    ]

    #: Set only by the services (submit, approve, supersede): the form never shows them.
    approval_fields = (
        "status",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "superseded_at",
    )
    closed_statuses = (MonitoringPlanStatus.SUPERSEDED,)

    class Meta:
        verbose_name = _("monitoring plan")
        verbose_name_plural = _("monitoring plans")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="cems_monplan_code_version")
        ]
        permissions = [
            ("approve_monitoringplan", _("Can approve monitoring plans (top management, 8.5)"))
        ]

    def __str__(self):
        return f"{self.code} v{self.version} {self.title}"

    def clean(self):
        if self.status in APPROVED_STATUSES and self.approved_at is None:
            raise ValidationError(
                {"status": _("Only top management's approval puts a monitoring plan in force.")}
            )

    @property
    def is_locked(self) -> bool:
        """Approved or superseded: what was approved is not edited (a new version is)."""
        return self.status in APPROVED_STATUSES


class MonitoringPlanItem(RegisterModel):
    """How one parameter of one emission source is determined (MEE plan, part 4; 8.5)."""

    plan = ParentalKey(
        MonitoringPlan,
        verbose_name=_("monitoring plan"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    source = models.ForeignKey(
        "cems_registers.EmissionSource",
        verbose_name=_("emission source"),
        on_delete=models.PROTECT,
        related_name="monitoring_plan_items",
    )
    parameter = models.CharField(
        _("parameter"),
        max_length=20,
        choices=MonitoringParameter.choices,
        default=MonitoringParameter.ACTIVITY_DATA,
    )
    method = models.CharField(
        _("how it is obtained"),
        max_length=12,
        choices=MonitoringMethod.choices,
        default=MonitoringMethod.MEASURED,
    )
    instrument = models.ForeignKey(
        "cems_registers.MeasuringInstrument",
        verbose_name=_("measuring instrument"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_plan_items",
        help_text=_("From the register of measuring instruments (9.1.4); in service."),
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=12,
        choices=MonitoringFrequency.choices,
        default=MonitoringFrequency.MONTHLY,
    )
    responsible = user_fk(_("responsible person"))
    data_flow = models.TextField(
        _("data flow"),
        blank=True,
        help_text=_("From the reading to the submission: who records, who checks, who submits."),
    )
    archive = models.CharField(
        _("archive"),
        max_length=300,
        blank=True,
        help_text=_("Where the records are kept and for how long."),
    )

    owner_field = "responsible"

    class Meta:
        verbose_name = _("monitoring plan parameter")
        verbose_name_plural = _("monitoring plan parameters")
        ordering = ["plan", "source__code", "parameter", "pk"]

    def __str__(self):
        return f"{self.source} · {self.get_parameter_display()}"

    def clean(self):
        errors = {}
        if self.instrument_id and self.instrument.status in WITHDRAWN_INSTRUMENT_STATUSES:
            errors["instrument"] = _(
                "The instrument %(instrument)s is %(status)s: a plan may only name an "
                "instrument in service (9.1.4)."
            ) % {
                "instrument": self.instrument,
                "status": self.instrument.get_status_display(),
            }
        if (
            self.method == MonitoringMethod.MEASURED
            and self.parameter == MonitoringParameter.ACTIVITY_DATA
            and not self.instrument_id
        ):
            errors["instrument"] = _(
                "Activity data measured on site name the instrument that measures them (9.1.4)."
            )
        if errors:
            raise ValidationError(errors)
