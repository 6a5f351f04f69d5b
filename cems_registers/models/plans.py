"""Implementation plans for objectives (clause 6.6), with their resources (clause 7.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import user_fk


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    VERIFIED = "verified", _("Verified")
    CANCELLED = "cancelled", _("Cancelled")


class ImplementationPlan(RegisterModel, ClusterableModel):
    """How an objective is reached: measures, responsibility, resources, schedule (6.6)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=300)
    objectives = ParentalManyToManyField(
        "cems_registers.Objective", verbose_name=_("objectives"), blank=True, related_name="plans"
    )
    opportunities = ParentalManyToManyField(
        "cems_registers.ReductionOpportunity",
        verbose_name=_("reduction opportunities"),
        blank=True,
        related_name="plans",
    )
    measures = models.TextField(_("measures"), help_text=_("What will be done (clause 6.6 a)."))
    technical_content = models.TextField(_("technical content"), blank=True)
    expected_reduction = models.DecimalField(
        _("expected reduction (tCO2e/a)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    responsible_department = models.CharField(_("responsible department"), max_length=200)
    owner = user_fk()
    people = models.TextField(_("people"), blank=True, help_text=_("Human resources (7.1)."))
    equipment = models.TextField(
        _("equipment and technology"), blank=True, help_text=_("Technical resources (7.1).")
    )
    budget = models.DecimalField(
        _("budget (10⁴ CNY)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("Financial resources (7.1)."),
    )
    spent = models.DecimalField(_("spent (10⁴ CNY)"), max_digits=14, decimal_places=2, default=0)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("completion due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    verification_method = models.TextField(
        _("verification method"), blank=True, help_text=_("How the result is verified (6.6).")
    )
    verified_result = models.TextField(_("verified result"), blank=True)
    verified_reduction = models.DecimalField(
        _("verified reduction (tCO2e/a)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("objectives"),
        FieldPanel("opportunities"),
        FieldPanel("measures"),
        FieldPanel("technical_content"),
        FieldPanel("expected_reduction"),
        FieldPanel("responsible_department"),
        FieldPanel("owner"),
        MultiFieldPanel(
            [
                FieldPanel("people"),
                FieldPanel("equipment"),
                FieldPanel("budget"),
                FieldPanel("spent"),
            ],
            heading=_("Resources (7.1)"),
        ),
        MultiFieldPanel(
            [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("status")],
            heading=_("Schedule"),
        ),
        InlinePanel(
            "milestones",
            heading=_("Milestones"),
            label=_("milestone"),
            panels=[
                FieldPanel("title"),
                FieldPanel("due_date"),
                FieldPanel("done_on"),
                FieldPanel("owner"),
                FieldPanel("note"),
            ],
        ),
        MultiFieldPanel(
            [
                FieldPanel("verification_method"),
                FieldPanel("verified_result"),
                FieldPanel("verified_reduction"),
                FieldPanel("verified_on"),
            ],
            heading=_("Verification"),
        ),
    ]

    due_date_field = "end_date"

    class Meta:
        verbose_name = _("implementation plan")
        verbose_name_plural = _("implementation plans")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    @classmethod
    def closed_q(cls) -> models.Q:
        return models.Q(
            status__in=[PlanStatus.COMPLETED, PlanStatus.VERIFIED, PlanStatus.CANCELLED]
        )

    def is_closed(self) -> bool:
        return self.status in {PlanStatus.COMPLETED, PlanStatus.VERIFIED, PlanStatus.CANCELLED}


class Milestone(RegisterModel):
    """A dated step of an implementation plan (clause 6.6 schedule)."""

    plan = ParentalKey(
        ImplementationPlan,
        verbose_name=_("implementation plan"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    owner = user_fk()
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("plan"),
        FieldPanel("title"),
        FieldPanel("due_date"),
        FieldPanel("done_on"),
        FieldPanel("owner"),
        FieldPanel("note"),
    ]

    due_date_field = "due_date"

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title

    @classmethod
    def closed_q(cls) -> models.Q:
        return models.Q(done_on__isnull=False)

    def is_closed(self) -> bool:
        return self.done_on is not None
