"""The scope of the carbon management system (4.3), public (4.3.4).

ScopePage fields: ControlledDocument fields (see :mod:`.base`; ``is_public`` defaults to True),
``boundary_statement`` (RichTextField), ``consolidation_approach``
(:class:`ConsolidationApproach`), ``activities`` (RichTextField: activities, products and
services covered), ``gases`` (JSON list of :class:`GreenhouseGas` values), ``reporting_period``
(CharField), ``base_year`` (PositiveSmallIntegerField, optional).
Inlines: ``sites`` (:class:`ScopeSite`: ``name``, ``address``, ``units_activities``,
``in_boundary``), ``exclusions`` (:class:`ScopeExclusion`: ``item``, ``reason``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from cems_pages.fields import MultipleChoiceJSONField

from .base import ControlledDocument, document_edit_handler


class GreenhouseGas(models.TextChoices):
    """The seven greenhouse gases of the Kyoto basket."""

    CO2 = "CO2", _("Carbon dioxide (CO₂)")
    CH4 = "CH4", _("Methane (CH₄)")
    N2O = "N2O", _("Nitrous oxide (N₂O)")
    HFCS = "HFCs", _("Hydrofluorocarbons (HFCs)")
    PFCS = "PFCs", _("Perfluorocarbons (PFCs)")
    SF6 = "SF6", _("Sulphur hexafluoride (SF₆)")
    NF3 = "NF3", _("Nitrogen trifluoride (NF₃)")


class ConsolidationApproach(models.TextChoices):
    OPERATIONAL_CONTROL = "operational_control", _("Operational control")
    FINANCIAL_CONTROL = "financial_control", _("Financial control")
    EQUITY_SHARE = "equity_share", _("Equity share")


class ScopePage(ControlledDocument, Page):
    """Boundary and applicability of the system (4.3), available to interested parties."""

    document_type_label = _("Scope of the carbon management system")

    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("The scope is available to interested parties (4.3)."),
    )
    boundary_statement = RichTextField(
        _("boundary statement"),
        help_text=_("The organisational and operational boundary of the system (4.3)."),
    )
    consolidation_approach = models.CharField(
        _("consolidation approach"),
        max_length=32,
        choices=ConsolidationApproach.choices,
        default=ConsolidationApproach.OPERATIONAL_CONTROL,
    )
    activities = RichTextField(
        _("activities, products and services"),
        blank=True,
        help_text=_("Activities, products, services and equipment inside the boundary (4.3)."),
    )
    gases = MultipleChoiceJSONField(
        _("greenhouse gases"),
        choices=GreenhouseGas.choices,
        help_text=_("Gases accounted for inside the boundary."),
    )
    reporting_period = models.CharField(
        _("reporting period"),
        max_length=255,
        blank=True,
        help_text=_("E.g. calendar year, 1 January to 31 December."),
    )
    base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("boundary_statement"),
        FieldPanel("consolidation_approach"),
        FieldPanel("activities"),
        FieldPanel("gases"),
        FieldPanel("reporting_period"),
        FieldPanel("base_year"),
        InlinePanel("sites", heading=_("Sites and units"), label=_("Site")),
        InlinePanel("exclusions", heading=_("Exclusions"), label=_("Exclusion")),
    ]
    edit_handler = document_edit_handler(content_panels)
    search_fields = [
        *Page.search_fields,
        *ControlledDocument.document_search_fields,
        index.SearchField("boundary_statement"),
        index.SearchField("activities"),
        index.SearchField("reporting_period"),
        index.RelatedFields(
            "sites",
            [
                index.SearchField("name"),
                index.SearchField("address"),
                index.SearchField("units_activities"),
            ],
        ),
        index.RelatedFields("exclusions", [index.SearchField("item"), index.SearchField("reason")]),
    ]
    api_fields = [
        *ControlledDocument.document_api_fields,
        APIField("boundary_statement"),
        APIField("consolidation_approach"),
        APIField("activities"),
        APIField("gases"),
        APIField("reporting_period"),
        APIField("base_year"),
        APIField("sites"),
        APIField("exclusions"),
    ]

    parent_page_types = ["cems_pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")

    @property
    def gas_labels(self) -> list[str]:
        labels = dict(GreenhouseGas.choices)
        return [str(labels.get(gas, gas)) for gas in self.gases or []]


class ScopeSite(Orderable):
    """A site or organisational unit and whether it lies inside the boundary (4.3)."""

    page = ParentalKey(ScopePage, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    units_activities = models.TextField(
        _("units and activities"),
        blank=True,
        help_text=_("Units, installations and activities at this site."),
    )
    in_boundary = models.BooleanField(_("inside the boundary"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("units_activities"),
        FieldPanel("in_boundary"),
    ]
    api_fields = [
        APIField("name"),
        APIField("address"),
        APIField("units_activities"),
        APIField("in_boundary"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self):
        return self.name


class ScopeExclusion(Orderable):
    """Something left out of the boundary, with the reason (4.3)."""

    page = ParentalKey(ScopePage, on_delete=models.CASCADE, related_name="exclusions")
    item = models.CharField(_("excluded item"), max_length=255)
    reason = models.TextField(_("reason"))

    panels = [FieldPanel("item"), FieldPanel("reason")]
    api_fields = [APIField("item"), APIField("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")

    def __str__(self):
        return self.item
