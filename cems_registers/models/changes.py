"""Planned and unintended changes and how they were controlled (clause 8.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from ..base import RegisterModel
from .common import user_fk


class ChangeKind(models.TextChoices):
    """What changes, in the words of clause 8.4."""

    RISK = "risk", _("Risks and opportunities")
    SOURCES = "sources", _("Emission sources and sinks")
    FACILITIES = "facilities", _("Facilities and equipment")
    PURCHASING = "purchasing", _("Purchasing")
    METHODOLOGY = "methodology", _("Accounting methodology")
    COMPLIANCE = "compliance", _("Compliance obligations")
    OTHER = "other", _("Other")


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IMPLEMENTED = "implemented", _("Implemented")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class Change(RegisterModel):
    """A planned change or a reviewed unintended change, with its records (clause 8.4)."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("what changes"), max_length=12, choices=ChangeKind.choices)
    planned = models.BooleanField(
        _("planned"),
        default=True,
        help_text=_("Planned changes are controlled; unintended ones are reviewed (8.4)."),
    )
    description = models.TextField(_("description"))
    sources = models.ManyToManyField(
        "cems_registers.EmissionSource",
        verbose_name=_("affected sources"),
        blank=True,
        related_name="changes",
    )
    evaluation = models.TextField(
        _("evaluation"),
        blank=True,
        help_text=_("Consequences for emissions, accounting and obligations (clause 8.4)."),
    )
    actions = models.TextField(_("actions"), blank=True)
    verification = models.TextField(_("verification"), blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ChangeStatus.choices, default=ChangeStatus.PROPOSED
    )
    owner = user_fk()

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("planned"),
        FieldPanel("description"),
        FieldPanel("sources"),
        FieldPanel("evaluation"),
        FieldPanel("actions"),
        FieldPanel("verification"),
        FieldPanel("effective_date"),
        FieldPanel("due_date"),
        FieldPanel("status"),
        FieldPanel("owner"),
    ]

    due_date_field = "due_date"

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    closed_statuses = (
        ChangeStatus.REJECTED,
        ChangeStatus.VERIFIED,
    )
