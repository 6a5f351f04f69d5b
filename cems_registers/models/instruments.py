"""Measuring instruments and their calibration (clause 9.1.4)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..base import RegisterModel
from .common import document_fk, user_fk

#: File types accepted as a calibration certificate.
CERTIFICATE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")


class InstrumentStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")
    RETIRED = "retired", _("Retired")


class MeasuringInstrument(RegisterModel):
    """A meter or instrument that measures activity data, with its calibration (9.1.4)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("instrument"), max_length=200)
    measures = models.CharField(
        _("what it measures"),
        max_length=200,
        help_text=_("Quantity and unit, e.g. natural gas, Nm³."),
    )
    facility = models.ForeignKey(
        "cems_registers.Facility",
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instruments",
    )
    sources = models.ManyToManyField(
        "cems_registers.EmissionSource",
        verbose_name=_("emission sources"),
        blank=True,
        related_name="instruments",
        help_text=_("Sources whose activity data this instrument measures (9.1.4)."),
    )
    model_number = models.CharField(_("make and model"), max_length=200, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    accuracy_class = models.CharField(_("accuracy class"), max_length=50, blank=True)
    calibration_interval_months = models.PositiveSmallIntegerField(
        _("calibration interval (months)"), default=12
    )
    last_calibrated = models.DateField(_("last calibration"), null=True, blank=True)
    next_calibration = models.DateField(
        _("next calibration"),
        null=True,
        blank=True,
        help_text=_("Instruments are calibrated or verified before this date (clause 9.1.4)."),
    )
    certificate = document_fk(
        _("calibration certificate"), help_text=_("PDF or image of the latest certificate.")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InstrumentStatus.choices,
        default=InstrumentStatus.IN_SERVICE,
    )
    owner = user_fk()

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("measures"),
        FieldPanel("facility"),
        FieldPanel("sources"),
        FieldPanel("model_number"),
        FieldPanel("serial_number"),
        FieldPanel("accuracy_class"),
        MultiFieldPanel(
            [
                FieldPanel("calibration_interval_months"),
                FieldPanel("last_calibrated"),
                FieldPanel("next_calibration"),
                FieldPanel("certificate"),
            ],
            heading=_("Calibration (9.1.4)"),
        ),
        FieldPanel("status"),
        FieldPanel("owner"),
    ]

    due_date_field = "next_calibration"

    class Meta:
        verbose_name = _("measuring instrument")
        verbose_name_plural = _("measuring instruments")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        errors = {}
        if (
            self.last_calibrated
            and self.next_calibration
            and self.next_calibration <= self.last_calibrated
        ):
            errors["next_calibration"] = _(
                "The next calibration must come after the last one (%(last)s)."
            ) % {"last": self.last_calibrated.isoformat()}
        if self.certificate_id:
            extension = self.certificate.file_extension.lower()
            if extension not in CERTIFICATE_EXTENSIONS:
                errors["certificate"] = _(
                    "A certificate must be %(allowed)s, not %(extension)s."
                ) % {"allowed": ", ".join(CERTIFICATE_EXTENSIONS), "extension": extension}
        if errors:
            raise ValidationError(errors)

    closed_statuses = (InstrumentStatus.RETIRED,)
