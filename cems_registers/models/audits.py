"""Audit programme and plans (clause 9.3), audit reports and their findings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import user_fk


class AuditKind(models.TextChoices):
    INTERNAL = "internal", _("Internal audit")
    EXTERNAL = "external", _("External or third-party audit")


class AuditStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed")


class FindingKind(models.TextChoices):
    MAJOR = "major", _("Major nonconformity")
    MINOR = "minor", _("Minor nonconformity")
    OBSERVATION = "observation", _("Observation")
    IMPROVEMENT = "improvement", _("Opportunity for improvement")


class AuditProgramme(RegisterModel):
    """An audit programme or plan: purpose, criteria, scope, auditors, schedule (9.3)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=AuditKind.choices, default=AuditKind.INTERNAL
    )
    purpose = models.TextField(_("purpose"))
    criteria = models.TextField(
        _("criteria"), help_text=_("Standard, manual and procedures audited against (9.3).")
    )
    scope = models.TextField(_("scope"))
    lead_auditor = user_fk(_("lead auditor"))
    lead_auditor_name = models.CharField(_("lead auditor's name"), max_length=100, blank=True)
    team = models.TextField(_("audit team"), blank=True)
    schedule = models.TextField(_("schedule"), blank=True)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AuditStatus.choices, default=AuditStatus.PLANNED
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("purpose"),
        FieldPanel("criteria"),
        FieldPanel("scope"),
        MultiFieldPanel(
            [FieldPanel("lead_auditor"), FieldPanel("lead_auditor_name"), FieldPanel("team")],
            heading=_("Auditors"),
        ),
        FieldPanel("schedule"),
        FieldPanel("planned_date"),
        FieldPanel("status"),
    ]

    due_date_field = "planned_date"
    owner_field = "lead_auditor"

    class Meta:
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")
        ordering = ["-planned_date", "code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    closed_statuses = (
        AuditStatus.CLOSED,
        AuditStatus.REPORTED,
    )


class Audit(RegisterModel, ClusterableModel):
    """An audit report: overview, findings, conclusion and distribution (clause 9.3)."""

    programme = models.ForeignKey(
        AuditProgramme,
        verbose_name=_("audit programme"),
        on_delete=models.PROTECT,
        related_name="audits",
    )
    title = models.CharField(_("title"), max_length=200)
    audited_on = models.DateField(_("audit date"))
    auditee = models.CharField(_("audited units"), max_length=300, blank=True)
    overview = models.TextField(_("overview"), blank=True)
    conclusion = models.TextField(
        _("conclusion"),
        blank=True,
        help_text=_("Whether the CEMS conforms and is effective (9.3)."),
    )
    distribution = models.TextField(
        _("distribution"), blank=True, help_text=_("Who received the report (clause 9.3).")
    )
    report_date = models.DateField(_("report date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AuditStatus.choices, default=AuditStatus.PLANNED
    )
    owner = user_fk(_("lead auditor"))

    panels = [
        FieldPanel("programme"),
        FieldPanel("title"),
        FieldPanel("audited_on"),
        FieldPanel("auditee"),
        FieldPanel("owner"),
        FieldPanel("overview"),
        InlinePanel(
            "findings",
            heading=_("Findings"),
            label=_("finding"),
            panels=[
                FieldPanel("reference"),
                FieldPanel("clause"),
                FieldPanel("kind"),
                FieldPanel("description"),
                FieldPanel("evidence"),
            ],
        ),
        FieldPanel("conclusion"),
        FieldPanel("distribution"),
        FieldPanel("report_date"),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        ordering = ["-audited_on"]

    def __str__(self):
        return f"{self.audited_on:%Y-%m-%d} {self.title}"

    closed_statuses = (AuditStatus.CLOSED,)


class AuditFinding(RegisterModel):
    """A finding of an audit; nonconformities link to it (clauses 9.3, 10.2)."""

    audit = ParentalKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="findings"
    )
    reference = models.CharField(_("reference"), max_length=32)
    clause = models.CharField(_("clause"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=FindingKind.choices)
    description = models.TextField(_("description"))
    evidence = models.TextField(_("objective evidence"), blank=True)

    panels = [
        FieldPanel("audit"),
        FieldPanel("reference"),
        FieldPanel("clause"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("evidence"),
    ]

    owner_field = None

    class Meta:
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")
        ordering = ["audit", "reference"]

    def __str__(self):
        return f"{self.reference} {self.description[:60]}"

    @property
    def is_nonconformity(self) -> bool:
        return self.kind in {FindingKind.MAJOR, FindingKind.MINOR}
