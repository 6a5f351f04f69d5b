"""Roles, responsibilities and authorities, including the management representative (5.1, 5.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from ..base import RegisterModel
from .common import user_fk


class RoleKind(models.TextChoices):
    TOP_MANAGEMENT = "top_management", _("Top management")
    MANAGEMENT_REPRESENTATIVE = "management_representative", _("Management representative")
    CARBON_BODY = "carbon_body", _("Carbon management body")
    DEPARTMENT = "department", _("Department")
    DATA = "data", _("Data management")
    AUDIT = "audit", _("Internal audit")
    OTHER = "other", _("Other")


class Responsibility(RegisterModel):
    """A role in the CEMS, who holds it, their duties and authority (clause 5.3)."""

    role = models.CharField(_("role"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=32, choices=RoleKind.choices, default=RoleKind.OTHER
    )
    person = user_fk(_("person"))
    person_name = models.CharField(
        _("person's name"), max_length=100, blank=True, help_text=_("When the holder has no login.")
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    duties = models.TextField(
        _("duties"), help_text=_("Responsibilities in the CEMS (clause 5.3).")
    )
    authority = models.TextField(_("authority"), blank=True)
    appointed_by = models.CharField(_("appointed by"), max_length=200, blank=True)
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("role"),
        FieldPanel("kind"),
        FieldPanel("person"),
        FieldPanel("person_name"),
        FieldPanel("department"),
        FieldPanel("duties"),
        FieldPanel("authority"),
        FieldPanel("appointed_by"),
        FieldPanel("appointed_on"),
        FieldPanel("active"),
    ]

    owner_field = "person"

    class Meta:
        verbose_name = _("role and responsibility")
        verbose_name_plural = _("roles and responsibilities")
        ordering = ["kind", "role"]

    def __str__(self):
        holder = self.person_name or (self.person.get_full_name() if self.person else "")
        return f"{self.role} – {holder}" if holder else self.role

    @classmethod
    def closed_q(cls) -> models.Q:
        return models.Q(active=False)

    def is_closed(self) -> bool:
        return not self.active
