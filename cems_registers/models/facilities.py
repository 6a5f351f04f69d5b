"""Organisation units and facilities: the boundary of the CEMS (clause 4.3).

Every emission source (6.3.1) belongs to a facility; the calculators read ``code``,
``in_boundary`` and ``grid_region`` (the electricity emission factor region).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..base import RegisterModel
from .common import LocalizedName


class FacilityKind(models.TextChoices):
    COMPANY = "company", _("Company")
    SITE = "site", _("Site")
    WORKSHOP = "workshop", _("Workshop")
    DEPARTMENT = "department", _("Department")
    PRODUCTION_LINE = "production_line", _("Production line")
    OTHER = "other", _("Other")


class GridRegion(models.TextChoices):
    """Regional power grids used for purchased-electricity factors (6.3.1 e)."""

    NORTH = "north", _("North China grid")
    NORTHEAST = "northeast", _("Northeast China grid")
    EAST = "east", _("East China grid")
    CENTRAL = "central", _("Central China grid")
    NORTHWEST = "northwest", _("Northwest China grid")
    SOUTH = "south", _("China Southern grid")
    NATIONAL = "national", _("National average")


class Facility(LocalizedName, RegisterModel):
    """An organisation unit or facility, and whether it lies inside the boundary (4.3)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=FacilityKind.choices, default=FacilityKind.SITE
    )
    address = models.CharField(_("site address"), max_length=300, blank=True)
    address_en = models.CharField(_("site address (English)"), max_length=300, blank=True)
    in_boundary = models.BooleanField(
        _("inside the boundary"),
        default=True,
        help_text=_("Whether the unit lies inside the boundary of the CEMS (clause 4.3)."),
    )
    boundary_reason = models.TextField(
        _("reason for inclusion or exclusion"),
        blank=True,
        help_text=_("Control, ownership or activity that puts the unit in or out of scope (4.3)."),
    )
    boundary_reason_en = models.TextField(
        _("reason for inclusion or exclusion (English)"), blank=True
    )
    grid_region = models.CharField(
        _("grid region"),
        max_length=20,
        choices=GridRegion.choices,
        default=GridRegion.EAST,
        help_text=_("Regional grid whose factor applies to purchased electricity (6.3.1)."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("name"), FieldPanel("name_en"), FieldPanel("kind")],
            heading=_("Identification"),
        ),
        FieldPanel("parent"),
        FieldPanel("address"),
        FieldPanel("address_en"),
        MultiFieldPanel(
            [
                FieldPanel("in_boundary"),
                FieldPanel("boundary_reason"),
                FieldPanel("boundary_reason_en"),
            ],
            heading=_("Boundary (4.3)"),
        ),
        FieldPanel("grid_region"),
        FieldPanel("owner"),
    ]

    class Meta:
        verbose_name = _("organisation unit or facility")
        verbose_name_plural = _("organisation units and facilities")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        """The hierarchy is a tree: a unit cannot be its own ancestor (one query per level)."""
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A unit cannot be placed under itself or one of its own units.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
