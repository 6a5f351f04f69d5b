"""Activity data: submitted datasets and their rows (6.3.1 d, 8.5).

A dataset is all or nothing: it exists only when every row of its file passed intake. Only
approved datasets count in an accounting run (maker–checker: the reviewer is not the
submitter). An approved dataset that turns out wrong is withdrawn, with a reason, never
deleted: the runs that used it still recompute from it, and new runs leave it out (8.5, 9.1). Rows carry the template columns (``calculators.core.template``) as submitted
plus the quantity normalised to the canonical unit of its dimension.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from calculators.storage import private_storage
from cems_registers.models.common import user_fk


class DatasetStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("activity dataset", "Withdrawn")


class DatasetChannel(models.TextChoices):
    UPLOAD = "upload", _("Admin upload")
    API = "api", _("API")
    COMMAND = "command", _("Management command")
    DEMO = "demo", _("Demo data")


class Dataset(models.Model):
    """One submitted activity-data file for a period (8.5 data collection and control)."""

    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(
        _("file"),
        upload_to="calculators/datasets/%Y/%m/",
        storage=private_storage,
        blank=True,
        help_text=_("Kept outside the public media; downloaded through a permission check."),
    )
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, db_index=True)
    rows_hash = models.CharField(
        _("hash of the rows"),
        max_length=64,
        help_text=_("SHA-256 of the parsed rows; the same file submitted twice is one dataset."),
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    facilities = models.CharField(
        _("facilities"), max_length=500, blank=True, help_text=_("Facility codes in the file.")
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=DatasetChannel.choices, default=DatasetChannel.UPLOAD
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DatasetStatus.choices,
        default=DatasetStatus.SUBMITTED,
        db_index=True,
    )
    submitted_by = user_fk(_("submitted by"), related_name="calculator_datasets_submitted")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    reviewed_by = user_fk(_("reviewed by"), related_name="calculator_datasets_reviewed")
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    adds_to_approved = models.BooleanField(
        _("adds to approved data"),
        default=False,
        help_text=_(
            "Approved although some rows share a source and month with another approved "
            "dataset: the reviewer confirmed that they add to it rather than replace it (8.5)."
        ),
    )
    withdrawn_by = user_fk(_("withdrawn by"), related_name="calculator_datasets_withdrawn")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdraw_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("activity dataset")
        verbose_name_plural = _("activity datasets")
        ordering = ["-submitted_at", "-pk"]
        permissions = [("review_dataset", _("Can approve or reject activity datasets"))]

    def __str__(self):
        return f"{self.filename} ({self.period_start:%Y-%m} – {self.period_end:%Y-%m})"


class ActivityRecord(models.Model):
    """One row of a dataset: a source's activity in a month, with optional measured factors."""

    dataset = models.ForeignKey(
        Dataset, on_delete=models.CASCADE, related_name="records", verbose_name=_("dataset")
    )
    row_number = models.PositiveIntegerField(_("row"), help_text=_("Row in the file; header = 1."))
    source = models.ForeignKey(
        "cems_registers.EmissionSource",
        on_delete=models.PROTECT,
        related_name="activity_records",
        verbose_name=_("emission source"),
        # bulk loads: every index costs a B-tree insert per row and every FK constraint a
        # trigger per row on PostgreSQL; Django's on_delete (PROTECT) still guards deletes
        db_index=False,
        db_constraint=False,
    )
    facility = models.ForeignKey(
        "cems_registers.Facility",
        on_delete=models.PROTECT,
        related_name="activity_records",
        verbose_name=_("facility"),
        db_index=False,
        db_constraint=False,
    )
    period = models.DateField(_("month"), help_text=_("First day of the month."))
    method = models.CharField(_("method"), max_length=40)
    material = models.CharField(_("material"), max_length=80, blank=True)
    gas = models.CharField(_("gas"), max_length=40, blank=True)
    quantity = models.FloatField(_("quantity"), null=True)
    unit = models.CharField(_("unit"), max_length=40)
    quantity_normalised = models.FloatField(_("normalised quantity"), null=True)
    unit_normalised = models.CharField(_("normalised unit"), max_length=20, blank=True)
    # measured overrides of the factor library (6.3.1 e), as submitted
    ncv = models.FloatField(_("net calorific value"), null=True, blank=True)
    ncv_unit = models.CharField(_("NCV unit"), max_length=40, blank=True)
    carbon_content = models.FloatField(_("carbon content"), null=True, blank=True)
    carbon_content_unit = models.CharField(_("carbon content unit"), max_length=40, blank=True)
    oxidation_rate = models.FloatField(_("oxidation rate"), null=True, blank=True)
    ef_co2 = models.FloatField(_("CO2 emission factor"), null=True, blank=True)
    ef_ch4 = models.FloatField(_("CH4 emission factor"), null=True, blank=True)
    ef_n2o = models.FloatField(_("N2O emission factor"), null=True, blank=True)
    ef_unit = models.CharField(_("emission factor unit"), max_length=40, blank=True)
    purity = models.FloatField(_("purity"), null=True, blank=True)
    calcination_fraction = models.FloatField(_("calcination fraction"), null=True, blank=True)
    steam_enthalpy = models.FloatField(_("steam enthalpy (kJ/kg)"), null=True, blank=True)
    carbon_fraction = models.FloatField(_("carbon fraction (tC/t)"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=10, blank=True)
    inventory_start = models.FloatField(_("inventory at start"), null=True, blank=True)
    inventory_end = models.FloatField(_("inventory at end"), null=True, blank=True)
    acquired = models.FloatField(_("acquired"), null=True, blank=True)
    disbursed = models.FloatField(_("disbursed"), null=True, blank=True)
    capacity_change = models.FloatField(_("net capacity increase"), null=True, blank=True)
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("activity record")
        verbose_name_plural = _("activity records")
        ordering = ["dataset", "row_number"]
        indexes = [models.Index(fields=["period", "dataset"], name="calc_activity_period")]

    def __str__(self):
        return f"{self.source_id} {self.period:%Y-%m} {self.quantity:g} {self.unit}"
