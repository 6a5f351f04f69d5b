"""Suppliers, their low-carbon evaluation and declared product footprints (clause 8.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..base import RegisterModel
from .common import document_fk, user_fk


class SupplierRating(models.TextChoices):
    A = "A", _("A – low-carbon leader")
    B = "B", _("B – meets requirements")
    C = "C", _("C – improvement needed")
    D = "D", _("D – not acceptable")
    UNRATED = "unrated", _("Not yet evaluated")


class FootprintBoundary(models.TextChoices):
    CRADLE_TO_GATE = "cradle_to_gate", _("Cradle to gate")
    CRADLE_TO_GRAVE = "cradle_to_grave", _("Cradle to grave")
    GATE_TO_GATE = "gate_to_gate", _("Gate to gate")


class Supplier(RegisterModel, ClusterableModel):
    """A supplier of goods or services and its low-carbon evaluation (clause 8.3)."""

    name = models.CharField(_("supplier"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=32, blank=True)
    goods = models.TextField(_("goods or services"))
    significant = models.BooleanField(
        _("significant purchase"),
        default=False,
        help_text=_("Purchases with a significant carbon impact are evaluated (clause 8.3)."),
    )
    informed = models.BooleanField(
        _("told low carbon is a criterion"),
        default=False,
        help_text=_("The supplier was told that low carbon is a purchasing criterion (8.3)."),
    )
    low_carbon_evaluation = models.TextField(_("low-carbon evaluation"), blank=True)
    rating = models.CharField(
        _("rating"), max_length=8, choices=SupplierRating.choices, default=SupplierRating.UNRATED
    )
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    next_evaluation = models.DateField(_("next evaluation"), null=True, blank=True)
    owner = user_fk()

    panels = [
        FieldPanel("name"),
        FieldPanel("credit_code"),
        FieldPanel("goods"),
        MultiFieldPanel(
            [
                FieldPanel("significant"),
                FieldPanel("informed"),
                FieldPanel("low_carbon_evaluation"),
                FieldPanel("rating"),
                FieldPanel("evaluated_on"),
                FieldPanel("next_evaluation"),
            ],
            heading=_("Low-carbon evaluation (8.3)"),
        ),
        FieldPanel("owner"),
        InlinePanel(
            "footprints",
            heading=_("Declared product carbon footprints"),
            label=_("footprint"),
            panels=[
                FieldPanel("product"),
                FieldPanel("value"),
                FieldPanel("unit"),
                FieldPanel("boundary"),
                FieldPanel("method"),
                FieldPanel("year"),
                FieldPanel("verified"),
                FieldPanel("evidence"),
            ],
        ),
    ]

    due_date_field = "next_evaluation"

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProductFootprint(RegisterModel):
    """A product carbon footprint declared by a supplier, with its evidence (clause 8.3)."""

    supplier = ParentalKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.CASCADE, related_name="footprints"
    )
    product = models.CharField(_("product"), max_length=200)
    value = models.DecimalField(_("footprint"), max_digits=14, decimal_places=4)
    unit = models.CharField(
        _("unit"), max_length=30, help_text=_("Per declared unit, e.g. kgCO2e/t or kgCO2e/piece.")
    )
    boundary = models.CharField(
        _("system boundary"),
        max_length=16,
        choices=FootprintBoundary.choices,
        default=FootprintBoundary.CRADLE_TO_GATE,
    )
    method = models.CharField(_("method or standard"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    verified = models.BooleanField(_("third-party verified"), default=False)
    evidence = document_fk(_("evidence"))

    panels = [
        FieldPanel("supplier"),
        FieldPanel("product"),
        FieldPanel("value"),
        FieldPanel("unit"),
        FieldPanel("boundary"),
        FieldPanel("method"),
        FieldPanel("year"),
        FieldPanel("verified"),
        FieldPanel("evidence"),
    ]

    owner_field = None

    class Meta:
        verbose_name = _("declared product footprint")
        verbose_name_plural = _("declared product footprints")
        ordering = ["supplier", "product"]

    def __str__(self):
        return f"{self.product}: {self.value} {self.unit}"
