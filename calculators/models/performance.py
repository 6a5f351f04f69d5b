"""Carbon performance series, base year, objectives progress and deviation alerts
(4.3, 6.3.2, 6.5, 6.6, 9.1.2, 9.1.3, 10.2).

* :class:`SeriesPoint`: the stored, indexed performance series. Every computed run stores its
  rows (month × source × facility × scope × category × carrier: emissions, per gas, energy,
  production, output value); approving the run makes them current for its months and boundary,
  and the earlier approved run's rows for those months stop being current (kept).
* :class:`SeriesRun`: one approved run in the series: its boundary and months, and which later
  run superseded it.
* :class:`PerformanceSettings`: the enterprise's base year and significance threshold, the
  base-year run the baselines come from, and the recalculation flag.
* :class:`IndicatorTrack` and :class:`IndicatorProgress`: an indicator's baseline from the run,
  its forecast, and its progress per year (recomputed by a task when a run is approved).
* :class:`DeviationAlert`: a breach of an indicator's threshold, until handled.
* :class:`BaseYearChangeCheck`: what an approved or implemented change of the change register
  (8.4) does to the base-year total (4.3, 6.5), checked once per change and status.
* :class:`IndicatorObservation`: the value of an indicator the series cannot give (metric
  *other*) in one year, entered by its owner with the evidence (6.5, 9.1.2).
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from simple_history.models import HistoricalRecords

from cems_registers.models.objectives import IndicatorMetric


class SeriesPoint(models.Model):
    """One month of one source, facility, scope, category and carrier in a run (9.1.2).

    Units: ``tco2e`` and the per-gas columns in t CO2e, ``biogenic_t`` in t CO2 (memo),
    ``energy_gj`` in GJ (exports negative), ``production_t`` in t, ``output_wan`` in 万元.
    ``is_current``: the run is the approved run that covers this month in its boundary.
    """

    run = models.ForeignKey(
        "calculators.AccountingRun",
        on_delete=models.CASCADE,
        related_name="series_points",
        verbose_name=_("accounting run"),
    )
    boundary = models.CharField(
        _("boundary"),
        max_length=200,
        blank=True,
        help_text=_("Facility ids of the run's boundary; empty = the whole boundary (4.3)."),
    )
    period = models.DateField(_("month"))
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.ForeignKey(
        "cems_registers.EmissionSource",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("emission source"),
        db_index=False,
        db_constraint=False,  # bulk writes; on_delete still guards
    )
    facility = models.ForeignKey(
        "cems_registers.Facility",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("facility"),
        db_index=False,
        db_constraint=False,
    )
    scope = models.PositiveSmallIntegerField(_("scope"))
    category = models.CharField(_("category"), max_length=32, blank=True)
    carrier = models.CharField(_("energy carrier"), max_length=80, blank=True)
    tco2e = models.FloatField(_("emissions (tCO2e)"))
    tco2e_co2 = models.FloatField("CO2 (tCO2e)", default=0.0)
    tco2e_ch4 = models.FloatField("CH4 (tCO2e)", default=0.0)
    tco2e_n2o = models.FloatField("N2O (tCO2e)", default=0.0)
    tco2e_hfcs = models.FloatField("HFCs (tCO2e)", default=0.0)
    tco2e_pfcs = models.FloatField("PFCs (tCO2e)", default=0.0)
    tco2e_sf6 = models.FloatField("SF6 (tCO2e)", default=0.0)
    tco2e_nf3 = models.FloatField("NF3 (tCO2e)", default=0.0)
    biogenic_t = models.FloatField(_("biogenic CO2 memo (t)"), default=0.0)
    energy_gj = models.FloatField(_("energy (GJ)"), default=0.0)
    production_t = models.FloatField(_("production (t)"), default=0.0)
    output_wan = models.FloatField(_("output value (10,000 CNY)"), default=0.0)
    is_current = models.BooleanField(_("current"), default=False)

    class Meta:
        verbose_name = _("performance series point")
        verbose_name_plural = _("performance series")
        ordering = ["period", "source"]
        indexes = [
            models.Index(
                fields=["is_current", "boundary", "year", "period"], name="calc_series_current"
            ),
            models.Index(fields=["run", "period"], name="calc_series_run_period"),
        ]

    def __str__(self):
        return f"{self.run_id} {self.period:%Y-%m} {self.source_id} {self.tco2e:.3f} tCO2e"


class SeriesRun(models.Model):
    """An approved run in the performance series (6.3.2): its boundary and months, and the
    later approved run that superseded it for some or all of them (kept, marked)."""

    run = models.OneToOneField(
        "calculators.AccountingRun",
        on_delete=models.CASCADE,
        related_name="series_entry",
        verbose_name=_("accounting run"),
    )
    boundary = models.CharField(_("boundary"), max_length=200, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    total_tco2e = models.FloatField(_("total (tCO2e)"), default=0.0)
    added_at = models.DateTimeField(_("entered the series at"), auto_now_add=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="superseded",
        verbose_name=_("superseded by"),
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    current_months = models.PositiveSmallIntegerField(_("months still current"), default=0)

    class Meta:
        verbose_name = _("run in the performance series")
        verbose_name_plural = _("runs in the performance series")
        ordering = ["-period_start", "-pk"]

    def __str__(self):
        return f"#{self.run_id} {self.period_start:%Y-%m} – {self.period_end:%Y-%m}"

    @property
    def is_superseded(self) -> bool:
        return self.superseded_by_id is not None


@register_setting(icon="calendar")
class PerformanceSettings(BaseGenericSetting):
    """The enterprise's base year and its recalculation policy (4.3, 6.5, 9.1.2).

    The baselines of linked indicators come from ``base_run``, the approved run of the base
    year. When an approved change (a newer run of the base year, or a later run with another
    boundary, method, factor set or GWP set) moves the base-year total by more than
    ``significance_pct``, the base year is flagged; recalculating it on request creates a run
    on the base-year data with today's method, and its approval replaces ``base_run`` while
    ``previous_base_run`` keeps the one before.
    """

    base_year = models.PositiveSmallIntegerField(
        _("base year"),
        null=True,
        blank=True,
        help_text=_("Year against which emissions and objectives are compared (4.3, 6.5)."),
    )
    significance_pct = models.DecimalField(
        _("significance threshold (%)"),
        max_digits=5,
        decimal_places=2,
        default=5,
        help_text=_(
            "A change that moves the base-year total by more than this share flags the base "
            "year for recalculation."
        ),
    )
    base_run = models.ForeignKey(
        "calculators.AccountingRun",
        verbose_name=_("base-year run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    base_total_tco2e = models.FloatField(_("base-year total (tCO2e)"), null=True, blank=True)
    previous_base_run = models.ForeignKey(
        "calculators.AccountingRun",
        verbose_name=_("previous base-year run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    previous_base_total_tco2e = models.FloatField(
        _("previous base-year total (tCO2e)"), null=True, blank=True
    )
    recalculated_at = models.DateTimeField(_("recalculated at"), null=True, blank=True)
    recalculation_due = models.BooleanField(_("recalculation due"), default=False)
    recalculation_reason = models.JSONField(
        _("why recalculation is due"),
        default=dict,
        blank=True,
        help_text=_("Message template and parameters, shown in the reader's language."),
    )
    flagged_at = models.DateTimeField(_("flagged at"), null=True, blank=True)
    recalculation_run = models.ForeignKey(
        "calculators.AccountingRun",
        verbose_name=_("recalculation run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        HelpPanel(
            content=_(
                "The base year's figures come from its approved accounting run; the objectives "
                "progress page shows the run, any recalculation and the flag."
            )
        ),
        FieldPanel("base_year"),
        FieldPanel("significance_pct"),
    ]

    class Meta:
        verbose_name = _("base year and significance")
        verbose_name_plural = _("base year and significance")


class ProgressStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    PARTIAL = "partial", _("Year not complete")
    NO_DATA = "no_data", _("No data")


class IndicatorTrack(models.Model):
    """What the series says about one indicator (6.5): its baseline from the base-year run,
    a baseline entered by hand compared with it (flagged beyond 1 %), the forecast to the
    target year, and why it cannot be computed when it cannot (a message template)."""

    indicator = models.OneToOneField(
        "cems_registers.Indicator",
        on_delete=models.CASCADE,
        related_name="track",
        verbose_name=_("indicator"),
    )
    base_run = models.ForeignKey(
        "calculators.AccountingRun",
        verbose_name=_("base-year run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    baseline_from_run = models.FloatField(_("baseline from the run"), null=True, blank=True)
    baseline_used = models.FloatField(_("baseline used"), null=True, blank=True)
    baseline_entered = models.FloatField(_("baseline entered by hand"), null=True, blank=True)
    baseline_difference_pct = models.FloatField(
        _("difference from the run (%)"), null=True, blank=True
    )
    baseline_flagged = models.BooleanField(_("baseline differs from the run"), default=False)
    problem = models.JSONField(_("problem"), default=dict, blank=True)
    forecast = models.JSONField(_("forecast"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator tracking")
        verbose_name_plural = _("indicator tracking")

    def __str__(self):
        return f"{self.indicator_id} {self.baseline_used}"


class IndicatorProgress(models.Model):
    """Progress of an indicator in one year (6.6, 9.1.2 d/f): actual, the linear path from
    baseline to target, the gap and the status, and the run the actual comes from."""

    indicator = models.ForeignKey(
        "cems_registers.Indicator",
        on_delete=models.CASCADE,
        related_name="progress",
        verbose_name=_("indicator"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    months = models.PositiveSmallIntegerField(_("months of data"), default=0)
    actual = models.FloatField(_("actual"), null=True, blank=True)
    path = models.FloatField(_("target path"))
    deviation_pct = models.FloatField(_("worse than the path by (%)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProgressStatus.choices, default=ProgressStatus.NO_DATA
    )
    run = models.ForeignKey(
        "calculators.AccountingRun",
        verbose_name=_("accounting run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    observation = models.ForeignKey(
        "calculators.IndicatorObservation",
        verbose_name=_("observed value"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For an indicator of the metric 'other': the value entered by its owner."),
    )

    class Meta:
        verbose_name = _("indicator progress")
        verbose_name_plural = _("indicator progress")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="calculators_progress_unique"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.year} {self.status}"


class AlertKind(models.TextChoices):
    PATH = "path", _("Month above the target path")
    CHANGE = "change", _("Month-on-month change of a source")
    MISSING = "missing", _("Data missing")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    NONCONFORMITY = "nonconformity", _("Raised as a nonconformity")
    CLOSED = "closed", _("Closed")


class DeviationAlert(models.Model):
    """A breach of an indicator's deviation threshold (9.1.3), until handled (10.2).

    ``key`` identifies the breach (indicator, kind, month, source), so checking again does not
    raise it twice. ``value``/``reference``/``pct``: the month's figure, what it was compared
    with (path or previous month) and the gap in %.
    """

    key = models.CharField(_("key"), max_length=120, unique=True)
    indicator = models.ForeignKey(
        "cems_registers.Indicator",
        on_delete=models.CASCADE,
        related_name="alerts",
        verbose_name=_("indicator"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AlertKind.choices)
    period = models.DateField(_("month"))
    source = models.ForeignKey(
        "cems_registers.EmissionSource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("emission source"),
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    reference = models.FloatField(_("compared with"), null=True, blank=True)
    pct = models.FloatField(_("gap (%)"), null=True, blank=True)
    threshold = models.FloatField(_("threshold"))
    details = models.JSONField(_("details"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    nonconformity = models.ForeignKey(
        "cems_registers.Nonconformity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nonconformity"),
    )
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    notified_at = models.DateTimeField(_("owner notified at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deviation alert")
        verbose_name_plural = _("deviation alerts")
        ordering = ["-period", "-pk"]
        indexes = [models.Index(fields=["status", "period"], name="calc_alert_status")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period:%Y-%m} ({self.indicator_id})"


class BaseYearChangeCheck(models.Model):
    """What a change of the change register (8.4) does to the base-year total (4.3, 6.5).

    Checked once per change and status (approved, implemented): the base year's data is
    computed again with today's boundary and sources (and, for a change of the accounting
    methodology, today's method) and compared with the base-year run's total; beyond the
    significance threshold the base year is flagged for recalculation, naming the change.
    """

    change = models.ForeignKey(
        "cems_registers.Change",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("change"),
    )
    change_status = models.CharField(_("status of the change"), max_length=12)
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)
    base_run = models.ForeignKey(
        "calculators.AccountingRun",
        verbose_name=_("base-year run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    base_total_tco2e = models.FloatField(_("base-year total (tCO2e)"), null=True, blank=True)
    probe_total_tco2e = models.FloatField(
        _("base-year total after the change (tCO2e)"), null=True, blank=True
    )
    change_pct = models.FloatField(_("change (%)"), null=True, blank=True)
    threshold_pct = models.FloatField(_("significance threshold (%)"), null=True, blank=True)
    flagged = models.BooleanField(_("flagged the base year"), default=False)
    outcome = models.JSONField(
        _("outcome"),
        default=dict,
        blank=True,
        help_text=_("Message template and parameters, shown in the reader's language."),
    )

    class Meta:
        verbose_name = _("base-year check of a change")
        verbose_name_plural = _("base-year checks of changes")
        ordering = ["-checked_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["change", "change_status"], name="calculators_change_check_unique"
            )
        ]

    def __str__(self):
        return f"{self.change_id} {self.change_status} {self.change_pct}"


class IndicatorObservation(models.Model):
    """The observed value of an indicator in one year, entered by its owner (6.5, 9.1.2 d).

    For indicators the accounting results cannot give (metric *other*, e.g. the share of staff
    trained or a supplier's emissions reported to the enterprise); the value is kept with its
    evidence and who entered it when, and the objectives progress uses it like a computed one.
    """

    indicator = models.ForeignKey(
        "cems_registers.Indicator",
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("indicator"),
        help_text=_("An indicator of the metric 'other' (6.5)."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("Between the indicator's baseline year and target year.")
    )
    value = models.DecimalField(
        _("observed value"),
        max_digits=16,
        decimal_places=4,
        help_text=_("In the indicator's unit."),
    )
    evidence = models.TextField(
        _("evidence"),
        help_text=_("Where the value comes from: record, document, measurement (7.5, 9.1.2)."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observed value of an indicator")
        verbose_name_plural = _("observed values of indicators")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="calculators_observation_unique"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"

    def clean(self):

        errors = {}
        indicator = self.indicator if self.indicator_id else None
        if indicator is not None and indicator.metric != IndicatorMetric.OTHER:
            errors["indicator"] = _(
                "Only an indicator of the metric 'other' takes observed values; "
                "%(indicator)s is computed from the accounting results (%(metric)s)."
            ) % {"indicator": indicator.name, "metric": indicator.get_metric_display()}
        if (
            indicator is not None
            and self.year is not None
            and not indicator.baseline_year <= self.year <= indicator.target_year
        ):
            errors["year"] = _(
                "Year %(year)s lies outside the indicator's baseline year %(first)s "
                "and target year %(last)s."
            ) % {"year": self.year, "first": indicator.baseline_year, "last": indicator.target_year}
        if self.value is not None:
            try:
                finite = Decimal(self.value).is_finite()
            except (InvalidOperation, TypeError, ValueError):
                finite = False
            if not finite:
                errors["value"] = _("The observed value %(value)s is not a number.") % {
                    "value": self.value
                }
        if not (self.evidence or "").strip():
            errors["evidence"] = _("Say where the observed value comes from.")
        if errors:
            raise ValidationError(errors)
