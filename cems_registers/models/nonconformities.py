"""Nonconformities and corrective or preventive actions (clauses 9.4, 10.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import user_fk


class NonconformitySource(models.TextChoices):
    AUDIT = "audit", _("Audit")
    MONITORING = "monitoring", _("Monitoring and measurement")
    COMPLAINT = "complaint", _("Complaint or feedback")
    COMPLIANCE = "compliance", _("Compliance evaluation")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MAJOR = "major", _("Major")
    MINOR = "minor", _("Minor")
    OBSERVATION = "observation", _("Observation")


class NonconformityStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACTION = "action", _("Action in progress")
    VERIFYING = "verifying", _("Verifying effectiveness")
    CLOSED = "closed", _("Closed")


class ActionKind(models.TextChoices):
    CORRECTIVE = "corrective", _("Corrective")
    PREVENTIVE = "preventive", _("Preventive")


class Nonconformity(RegisterModel, ClusterableModel):
    """A nonconformity, its cause and correction, until closure (clauses 9.4, 10.2)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(_("source"), max_length=12, choices=NonconformitySource.choices)
    finding = models.ForeignKey(
        "cems_registers.AuditFinding",
        verbose_name=_("audit finding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nonconformities",
    )
    facility = models.ForeignKey(
        "cems_registers.Facility",
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nonconformities",
    )
    description = models.TextField(_("description"))
    severity = models.CharField(
        _("severity"), max_length=12, choices=Severity.choices, default=Severity.MINOR
    )
    raised_on = models.DateField(_("raised on"), null=True, blank=True)
    root_cause = models.TextField(
        _("root cause"), blank=True, help_text=_("Why it happened (clause 10.2 b).")
    )
    correction = models.TextField(
        _("correction"), blank=True, help_text=_("Immediate action to control it (clause 10.2 a).")
    )
    owner = user_fk()
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NonconformityStatus.choices,
        default=NonconformityStatus.OPEN,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_note = models.TextField(_("closure"), blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("source"),
        FieldPanel("finding"),
        FieldPanel("facility"),
        FieldPanel("description"),
        FieldPanel("severity"),
        FieldPanel("raised_on"),
        FieldPanel("root_cause"),
        FieldPanel("correction"),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        InlinePanel(
            "actions",
            heading=_("Corrective and preventive actions"),
            label=_("action"),
            panels=[
                FieldPanel("kind"),
                FieldPanel("description"),
                FieldPanel("owner"),
                FieldPanel("due_date"),
                FieldPanel("completed_on"),
                FieldPanel("effectiveness_checked_on"),
                FieldPanel("effective"),
                FieldPanel("effectiveness_note"),
            ],
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("closed_on"), FieldPanel("closure_note")],
            heading=_("Closure"),
        ),
    ]

    due_date_field = "due_date"

    class Meta:
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        ordering = ["-raised_on", "code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    closed_statuses = (NonconformityStatus.CLOSED,)


class CorrectiveAction(RegisterModel):
    """A corrective or preventive action and the check of its effectiveness (9.4, 10.2)."""

    nonconformity = ParentalKey(
        Nonconformity,
        verbose_name=_("nonconformity"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=ActionKind.choices, default=ActionKind.CORRECTIVE
    )
    description = models.TextField(_("action"))
    owner = user_fk()
    due_date = models.DateField(_("due date"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    effectiveness_checked_on = models.DateField(
        _("effectiveness checked on"),
        null=True,
        blank=True,
        help_text=_("Date the effectiveness of the action was reviewed (clause 10.2 d)."),
    )
    effective = models.BooleanField(_("effective"), null=True, blank=True)
    effectiveness_note = models.TextField(_("effectiveness check"), blank=True)

    panels = [
        FieldPanel("nonconformity"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        FieldPanel("completed_on"),
        FieldPanel("effectiveness_checked_on"),
        FieldPanel("effective"),
        FieldPanel("effectiveness_note"),
    ]

    due_date_field = "due_date"

    class Meta:
        verbose_name = _("corrective or preventive action")
        verbose_name_plural = _("corrective and preventive actions")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description[:80]

    @classmethod
    def closed_q(cls) -> models.Q:
        return models.Q(completed_on__isnull=False, effective__isnull=False)

    def is_closed(self) -> bool:
        return self.completed_on is not None and self.effective is not None
