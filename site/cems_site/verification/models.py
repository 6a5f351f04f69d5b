"""Verification engagements, their samples and findings (T/CSES 146—2024 6.3.3, 9.3, 10.2).

Each model keeps field-level history (django-simple-history through the registers'
:class:`~cems_registers.base.RegisterModel`). A sample's run value, difference and materiality
verdict are computed by cems when the sample is validated (:meth:`Sample.clean`), never typed.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cems_registers.base import RegisterModel
from cems_registers.models.common import document_fk, user_fk
from cems_registers.models.nonconformities import Severity

from .selectors import run_row_lines

#: Default materiality of a verification, in % of the verified value (6.3.3).
DEFAULT_MATERIALITY_PCT = Decimal("5")
#: Codename of the permission to read pages' revisions and compare them (9.3, read-only).
PAGE_REVISIONS_CODENAME = "view_page_revisions"
PAGE_REVISIONS_PERMISSION = f"cems_verification.{PAGE_REVISIONS_CODENAME}"


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    FIELDWORK = "fieldwork", _("Fieldwork")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed")


class Opinion(models.TextChoices):
    """The verifier's conclusion on the reported emissions (6.3.3)."""

    UNQUALIFIED = "unqualified", _("Unqualified opinion")
    QUALIFIED = "qualified", _("Qualified opinion")
    ADVERSE = "adverse", _("Adverse opinion")
    DISCLAIMER = "disclaimer", _("Disclaimer of opinion")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESPONDED = "responded", _("Responded")
    ACCEPTED = "accepted", _("Response accepted")
    CLOSED = "closed", _("Closed")


class EngagementForm(WagtailAdminModelForm):
    """The edit form offers approved runs only; the model refuses any other by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "run" in self.fields:
            self.fields["run"].queryset = self.fields["run"].queryset.filter(status="approved")


class Engagement(RegisterModel):
    """One verification of an approved run for a reporting year (6.3.3, 9.3)."""

    reporting_year = models.PositiveSmallIntegerField(
        _("reporting year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    run = models.ForeignKey(
        "calculators.AccountingRun",
        verbose_name=_("accounting run"),
        on_delete=models.PROTECT,
        related_name="verification_engagements",
        help_text=_("The approved run of the reporting year that is verified (6.3.3)."),
    )
    verifier_organisation = models.CharField(_("verification body"), max_length=200)
    lead_verifier = models.CharField(_("lead verifier"), max_length=100)
    team = models.TextField(_("verification team"), blank=True)
    scope = models.TextField(
        _("scope"),
        help_text=_("Boundary, sources, gases and period verified (4.3, 6.3.1)."),
    )
    criteria = models.TextField(
        _("criteria"),
        blank=True,
        help_text=_("Standards and guidelines verified against, e.g. GB/T 32150, T/CSES 146."),
    )
    materiality_pct = models.DecimalField(
        _("materiality (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_MATERIALITY_PCT,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "A recalculated row whose difference from the run is at most this share of the "
            "run's value is within materiality (default 5 %)."
        ),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    report_date = models.DateField(_("report date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EngagementStatus.choices,
        default=EngagementStatus.PLANNED,
    )
    verified_tco2e = models.FloatField(
        _("verified emissions (tCO2e)"),
        null=True,
        blank=True,
        help_text=_("The total the verifier states; compared with the run's total."),
    )
    opinion = models.CharField(_("opinion"), max_length=12, choices=Opinion.choices, blank=True)
    opinion_text = models.TextField(_("statement summary"), blank=True)
    statement = document_fk(
        _("verification statement"),
        help_text=_("The verifier's signed statement, a PDF from the document library (7.5)."),
    )
    owner = user_fk(_("enterprise contact"))

    base_form_class = EngagementForm
    panels = [
        FieldRowPanel([FieldPanel("reporting_year"), FieldPanel("run")]),
        MultiFieldPanel(
            [
                FieldPanel("verifier_organisation"),
                FieldPanel("lead_verifier"),
                FieldPanel("team"),
            ],
            heading=_("Verifier"),
        ),
        FieldPanel("scope"),
        FieldPanel("criteria"),
        FieldPanel("materiality_pct"),
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("report_date")]
        ),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("verified_tco2e"),
                FieldPanel("opinion"),
                FieldPanel("opinion_text"),
                FieldPanel("statement"),
            ],
            heading=_("Opinion"),
        ),
        FieldPanel("owner"),
    ]

    due_date_field = "end_date"
    closed_statuses = (EngagementStatus.REPORTED, EngagementStatus.CLOSED)

    class Meta:
        verbose_name = _("verification engagement")
        verbose_name_plural = _("verification engagements")
        ordering = ["-reporting_year", "-pk"]
        permissions = [
            (PAGE_REVISIONS_CODENAME, _("Can read page revisions and compare them")),
        ]

    def __str__(self):
        return f"{self.reporting_year} {self.verifier_organisation}"

    def save(self, *args, **kwargs):
        """Saved, then its samples' verdicts follow the materiality (it may have changed)."""
        super().save(*args, **kwargs)
        from .services import engagement_recheck_samples  # noqa: PLC0415 — cycle: the services write these models

        engagement_recheck_samples(engagement=self)

    def clean(self):
        super().clean()
        errors = {}
        run = self.run if self.run_id else None
        if run is not None and not run.is_approved:
            errors["run"] = _("Only an approved run can be verified; run #%(run)s is not.") % {
                "run": run.pk
            }
        elif (
            run is not None
            and self.reporting_year
            and (
                run.period_start.year != self.reporting_year
                or run.period_end.year != self.reporting_year
            )
        ):
            errors["run"] = _(
                "Run #%(run)s covers %(start)s – %(end)s, not the reporting year %(year)s."
            ) % {
                "run": run.pk,
                "start": f"{run.period_start:%Y-%m}",
                "end": f"{run.period_end:%Y-%m}",
                "year": self.reporting_year,
            }
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if self.status in self.closed_statuses and not self.opinion:
            errors["opinion"] = _("A reported or closed engagement states the opinion.")
        if self.statement_id and not self.statement.file.name.lower().endswith(".pdf"):
            errors["statement"] = _("The statement must be a PDF; %(name)s is not.") % {
                "name": self.statement.filename
            }
        if errors:
            raise ValidationError(errors)

    @property
    def run_difference_tco2e(self) -> float | None:
        """Verified minus the run's total (tCO2e), when the verifier stated a total."""
        if self.verified_tco2e is None or self.run.total_tco2e is None:
            return None
        return self.verified_tco2e - self.run.total_tco2e


class Sample(RegisterModel):
    """A row of the run that the verifier recalculated, checked by cems (6.3.3, 9.3).

    The row is named as in the evidence pack's trace: dataset and row of the file; the gas
    group narrows it to one line of the row (blank = the row's total over its gases).
    """

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("verification engagement"),
        on_delete=models.CASCADE,
        related_name="samples",
    )
    dataset = models.ForeignKey(
        "calculators.Dataset",
        verbose_name=_("dataset"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    row_number = models.PositiveIntegerField(
        _("row"), help_text=_("Row in the dataset's file (header = 1), as in the trace.")
    )
    gas_group = models.CharField(
        _("gas group"),
        max_length=10,
        blank=True,
        help_text=_("CO2, CH4, N2O …; blank = the row's total over its gases."),
    )
    recalculated_tco2e = models.FloatField(_("recalculated (tCO2e)"))
    note = models.TextField(_("verifier's note"), blank=True)
    row_label = models.CharField(_("run row"), max_length=200, editable=False, blank=True)
    run_tco2e = models.FloatField(_("run value (tCO2e)"), editable=False, null=True)
    difference_tco2e = models.FloatField(_("difference (tCO2e)"), editable=False, null=True)
    difference_pct = models.FloatField(_("difference (%)"), editable=False, null=True)
    within_materiality = models.BooleanField(_("within materiality"), editable=False, null=True)

    panels = [
        FieldPanel("engagement"),
        FieldRowPanel([FieldPanel("dataset"), FieldPanel("row_number"), FieldPanel("gas_group")]),
        FieldPanel("recalculated_tco2e"),
        FieldPanel("note"),
    ]

    owner_field = None

    class Meta:
        verbose_name = _("verification sample")
        verbose_name_plural = _("verification samples")
        ordering = ["engagement", "dataset", "row_number", "gas_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "dataset", "row_number", "gas_group"],
                name="verification_sample_once",
                violation_error_message=_("This row is already sampled in the engagement."),
            )
        ]

    def __str__(self):
        group = f" {self.gas_group}" if self.gas_group else ""
        return f"#{self.dataset_id}:{self.row_number}{group}"

    def clean(self):
        """Find the row in the engagement's run and check the recalculated value against it."""
        super().clean()
        if not (self.engagement_id and self.dataset_id and self.row_number):
            return
        from .services import sample_fill_check  # noqa: PLC0415 — cycle: the services write these models

        sample_fill_check(sample=self)


class Finding(RegisterModel):
    """A verifier's finding, linked to a run row, a source or a document; the enterprise's
    response; may be raised as a nonconformity (6.3.3, 9.3, 10.2)."""

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("verification engagement"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    reference = models.CharField(_("reference"), max_length=32)
    severity = models.CharField(
        _("severity"), max_length=12, choices=Severity.choices, default=Severity.MINOR
    )
    clause = models.CharField(_("clause"), max_length=20, blank=True)
    description = models.TextField(_("what was found"))
    dataset = models.ForeignKey(
        "calculators.Dataset",
        verbose_name=_("dataset"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    row_number = models.PositiveIntegerField(
        _("row"), null=True, blank=True, help_text=_("A row of the run, with its dataset.")
    )
    source = models.ForeignKey(
        "cems_registers.EmissionSource",
        verbose_name=_("emission source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A controlled document (page) the finding concerns (7.3)."),
    )
    due_date = models.DateField(_("response due"), null=True, blank=True)
    response = models.TextField(_("enterprise's response"), blank=True)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    nonconformity = models.ForeignKey(
        "cems_registers.Nonconformity",
        verbose_name=_("nonconformity"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner = user_fk()

    panels = [
        FieldPanel("engagement"),
        FieldRowPanel([FieldPanel("reference"), FieldPanel("severity"), FieldPanel("clause")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("dataset"), FieldPanel("row_number")]),
                FieldPanel("source"),
                FieldPanel("document"),
            ],
            heading=_("What it concerns"),
        ),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        MultiFieldPanel(
            [FieldPanel("response"), FieldPanel("responded_on"), FieldPanel("status")],
            heading=_("Response"),
        ),
    ]

    due_date_field = "due_date"
    closed_statuses = (FindingStatus.ACCEPTED, FindingStatus.CLOSED)

    class Meta:
        verbose_name = _("verification finding")
        verbose_name_plural = _("verification findings")
        ordering = ["engagement", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "reference"],
                name="verification_finding_reference",
                violation_error_message=_("This reference is already used in the engagement."),
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.description[:60]}"

    def clean(self):
        """A linked row must be a row of the engagement's run; a response needs its date."""
        super().clean()
        errors = {}
        if (self.dataset_id is None) != (self.row_number is None):
            field = "row_number" if self.dataset_id else "dataset"
            errors[field] = _("Name both the dataset and the row, or neither.")
        elif (
            self.dataset_id
            and self.engagement_id
            and not run_row_lines(
                run_id=self.engagement.run_id,
                dataset_id=self.dataset_id,
                row_number=self.row_number,
            )
        ):
            errors["row_number"] = row_not_in_run(
                self.engagement.run_id, self.dataset_id, self.row_number
            )
        if self.response.strip() and self.responded_on is None:
            errors["responded_on"] = _("Give the date of the response.")
        if errors:
            raise ValidationError(errors)


def row_not_in_run(run_id: int, dataset_id: int, row_number: int, gas_group: str = ""):
    """The error naming a row that the run does not hold (bad input, 6.3.3)."""
    if gas_group:
        return _(
            "Row %(row)s of dataset %(dataset)s has no %(gas)s line in accounting run #%(run)s."
        ) % {"row": row_number, "dataset": dataset_id, "gas": gas_group, "run": run_id}
    return _("Row %(row)s of dataset %(dataset)s is not in accounting run #%(run)s.") % {
        "row": row_number,
        "dataset": dataset_id,
        "run": run_id,
    }
