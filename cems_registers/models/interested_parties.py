"""Interested parties and their needs and expectations (clause 4.2.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from ..base import RegisterModel
from .common import user_fk


class PartyCategory(models.TextChoices):
    GOVERNMENT = "government", _("Government and regulators")
    CUSTOMER = "customer", _("Customers")
    INVESTOR = "investor", _("Investors and lenders")
    SUPPLIER = "supplier", _("Suppliers")
    EMPLOYEE = "employee", _("Employees")
    COMMUNITY = "community", _("Community and the public")
    INDUSTRY = "industry", _("Industry associations")
    OTHER = "other", _("Other")


class InterestedParty(RegisterModel):
    """An interested party, what it needs and expects, and how that is followed (4.2.1)."""

    party = models.CharField(_("interested party"), max_length=200)
    category = models.CharField(_("category"), max_length=12, choices=PartyCategory.choices)
    needs_expectations = models.TextField(
        _("needs and expectations"),
        help_text=_("Requirements of the party relevant to the CEMS (clause 4.2.1)."),
    )
    becomes_obligation = models.BooleanField(
        _("becomes a compliance obligation"),
        default=False,
        help_text=_(
            "Whether the enterprise adopts the requirement as an obligation (4.2.1, 4.2.2)."
        ),
    )
    obligation = models.ForeignKey(
        "cems_registers.ComplianceObligation",
        verbose_name=_("compliance obligation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interested_parties",
    )
    monitoring = models.TextField(
        _("how it is monitored"),
        blank=True,
        help_text=_("Channel and frequency by which the requirement is monitored (4.2.1)."),
    )
    owner = user_fk()
    review_date = models.DateField(_("next review"), null=True, blank=True)

    panels = [
        FieldPanel("party"),
        FieldPanel("category"),
        FieldPanel("needs_expectations"),
        FieldPanel("becomes_obligation"),
        FieldPanel("obligation"),
        FieldPanel("monitoring"),
        FieldPanel("owner"),
        FieldPanel("review_date"),
    ]

    due_date_field = "review_date"

    class Meta:
        verbose_name = _("interested party")
        verbose_name_plural = _("interested parties")
        ordering = ["category", "party"]

    def __str__(self):
        return self.party
