"""Accounting runs and their results (6.3.1, 6.3.2, 9.1).

A run fixes everything needed to recompute it exactly: the period, the boundary, the factor
sets (ids and versions), the GWP set, the method options, a hash of the input rows and the
code version. Results are stored per activity row and gas; a run is approved (by a data
reviewer who did not create it) before it counts or is published.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from calculators.storage import private_storage


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    APPROVED = "approved", _("Approved")


class BiomassTreatment(models.TextChoices):
    """How biogenic CO2 of biomass combustion is treated (GB/T 32150 vs GHG Protocol)."""

    MEMO = "memo", _("Biogenic CO2 as a memo item, not in the total (GB/T 32150)")
    INCLUDE = "include", _("Biogenic CO2 counted in the total")


class AccountingRun(models.Model):
    """One accounting of emissions over a period and boundary (6.3.1 a–f, 6.3.2)."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    facilities = models.ManyToManyField(
        "cems_registers.Facility",
        verbose_name=_("boundary"),
        blank=True,
        related_name="+",
        help_text=_(
            "Facilities inside the boundary; empty = every facility in the boundary (4.3)."
        ),
    )
    factor_sets = models.ManyToManyField(
        "calculators.FactorSet",
        verbose_name=_("factor sets"),
        related_name="runs",
        help_text=_("Factor-set versions, in order of precedence (first wins) (6.3.1 e)."),
    )
    gwp_set = models.ForeignKey(
        "calculators.GwpSet",
        verbose_name=_("GWP set"),
        on_delete=models.PROTECT,
        related_name="runs",
    )
    options = models.JSONField(_("method options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    problems = models.JSONField(
        _("problems"),
        default=list,
        blank=True,
        help_text=_(
            "Why the run failed, as message templates with their parameters (row, column, "
            "value), shown in the reader's language."
        ),
    )
    input_hash = models.CharField(_("input hash"), max_length=64, blank=True)
    input_rows = models.PositiveIntegerField(_("input rows"), default=0)
    dataset_ids = models.JSONField(_("datasets used"), default=list, blank=True)
    factor_set_versions = models.JSONField(
        _("factor-set versions"),
        default=list,
        blank=True,
        help_text=_("[{id, key, version}] of the factor sets, as used."),
    )
    gwp_key = models.CharField(_("GWP set key"), max_length=20, blank=True)
    code_version = models.CharField(_("code version"), max_length=100, blank=True)
    total_tco2e = models.FloatField(_("total (tCO2e)"), null=True, blank=True)
    biogenic_co2_t = models.FloatField(_("biogenic CO2 memo (t)"), null=True, blank=True)
    intensity = models.JSONField(_("intensity"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calculator_runs_created",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calculator_runs_approved",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approval_comment = models.TextField(
        _("approval comment"),
        blank=True,
        help_text=_(
            "What the approver checked before approving; kept with the run, whose factor "
            "sets approval freezes (6.3.2, 9.1)."
        ),
    )

    class Meta:
        verbose_name = _("accounting run")
        verbose_name_plural = _("accounting runs")
        ordering = ["-created_at", "-pk"]
        permissions = [("approve_accountingrun", _("Can approve accounting runs"))]

    def __str__(self):
        label = self.name or _("Accounting run")
        return f"{label} #{self.pk} ({self.period_start:%Y-%m} – {self.period_end:%Y-%m})"

    #: Problems shown by :attr:`display_message`; the count gives the rest.
    PROBLEMS_SHOWN = 20

    @property
    def display_message(self) -> str:
        """The run's message in the active language: its problems translated, else ``message``."""
        if not self.problems:
            return self.message
        from calculators.messages import issue_text  # noqa: PLC0415 — core templates (pandas) stay out of start-up

        texts = [
            issue_text(problem["message"], problem.get("params", {}))
            for problem in self.problems[: self.PROBLEMS_SHOWN]
        ]
        rest = len(self.problems) - len(texts)
        if rest > 0:
            texts.append(
                ngettext("… and %(count)s more problem.", "… and %(count)s more problems.", rest)
                % {"count": rest}
            )
        return " ".join(texts)

    @property
    def is_approved(self) -> bool:
        return self.status == RunStatus.APPROVED


class RunResult(models.Model):
    """Emissions of one activity row and one gas group in a run (6.3.1 f, 8.5).

    ``mass_t`` is the mass of the gas group in tonnes, ``tco2e`` its CO2 equivalent with the
    method's sign (deductions negative); the ``tco2e`` of a row's groups add up to the
    engine's CO2e of the row. Biogenic CO2 is a memo in ``biogenic_t`` on the row's CO2
    line, outside ``tco2e`` under GB/T 32150 (unless the run's options count it).
    """

    run = models.ForeignKey(
        AccountingRun, on_delete=models.CASCADE, related_name="results", verbose_name=_("run")
    )
    record = models.ForeignKey(
        "calculators.ActivityRecord",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_constraint=False,
        db_index=False,  # bulk writes: results are read by run (index run, period)
        verbose_name=_("activity record"),
    )
    source = models.ForeignKey(
        "cems_registers.EmissionSource",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("emission source"),
        db_index=False,
        db_constraint=False,  # one trigger per row on PostgreSQL; on_delete still guards
    )
    facility = models.ForeignKey(
        "cems_registers.Facility",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("facility"),
        db_index=False,
        db_constraint=False,
    )
    period = models.DateField(_("month"))
    scope = models.PositiveSmallIntegerField(_("scope"))
    category = models.CharField(_("category"), max_length=32)
    method = models.CharField(_("method"), max_length=40)
    material = models.CharField(_("material"), max_length=80, blank=True)
    gas = models.CharField(_("gas"), max_length=40, blank=True)
    gas_group = models.CharField(_("gas group"), max_length=10)
    mass_t = models.FloatField(_("gas mass (t)"))
    gwp = models.FloatField(_("GWP"))
    tco2e = models.FloatField(_("emissions (tCO2e)"))
    biogenic_t = models.FloatField(_("biogenic CO2 memo (t)"), default=0.0)
    factors = models.TextField(
        _("factors used"),
        blank=True,
        help_text=_("Each factor with its value, unit, set, version, year and verification tag."),
    )
    verification = models.CharField(
        _("weakest verification"),
        max_length=10,
        blank=True,
        help_text=_("Weakest tag among the factors used: M, T, V or measured."),
    )
    overridden = models.CharField(
        _("measured overrides"), max_length=200, blank=True, help_text=_("Row values used.")
    )

    class Meta:
        verbose_name = _("run result")
        verbose_name_plural = _("run results")
        ordering = ["run", "period", "source"]
        indexes = [models.Index(fields=["run", "period"], name="calc_result_run_period")]

    def __str__(self):
        return f"{self.source_id} {self.period:%Y-%m} {self.gas} {self.tco2e:.3f} tCO2e"


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"


class RunReport(models.Model):
    """The accounting report of an approved run as it was issued (6.3.2, 7.5, 9.1).

    Rendered once, right after approval, in each language and format, and kept unchanged with
    its SHA-256: later changes of code, templates or translations do not alter an issued
    report, and a verifier can check the copy they hold against the hash.
    """

    run = models.ForeignKey(
        AccountingRun,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("accounting run"),
    )
    language = models.CharField(_("language"), max_length=10)
    fmt = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    file = models.FileField(_("file"), upload_to="calculators/reports/%Y/", storage=private_storage)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issued report")
        verbose_name_plural = _("issued reports")
        ordering = ["run", "language", "fmt"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "language", "fmt"], name="calculators_runreport_unique"
            )
        ]

    def __str__(self):
        return f"{self.run_id} {self.language} {self.fmt} {self.sha256[:12]}"


class ChunkStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RunChunk(models.Model):
    """One part of a run computed as its own background task: some facilities over a range of
    months (6.3.1 f; issue 13 §2). Its results go straight into ``RunResult`` with the run;
    what the whole run needs (totals, input hash, series, the status) the part keeps here
    until the run's final task assembles it (:mod:`calculators.services.chunks`).

    A run's results count only once the run is done: a part's stored rows are never shown
    while the run is running or failed, and a retry recomputes only the parts not done.
    """

    run = models.ForeignKey(
        AccountingRun, on_delete=models.CASCADE, related_name="chunks", verbose_name=_("run")
    )
    number = models.PositiveIntegerField(_("number"))
    facility_ids = models.JSONField(_("facilities"), default=list)
    month_start = models.DateField(_("first month"))
    month_end = models.DateField(_("last month"))
    planned_rows = models.PositiveIntegerField(_("planned rows"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=ChunkStatus.choices, default=ChunkStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=1, help_text=_("How often this part was queued (retries + 1).")
    )
    input_rows = models.PositiveIntegerField(_("input rows"), default=0)
    result_rows = models.PositiveIntegerField(_("result rows"), default=0)
    dataset_ids = models.JSONField(_("datasets used"), default=list, blank=True)
    hash_columns = models.TextField(_("hashed columns"), blank=True)
    factors_digest = models.CharField(_("factors digest"), max_length=64, blank=True)
    payload = models.BinaryField(
        _("computed values"),
        default=b"",
        blank=True,
        help_text=_(
            "Row hashes, per-row CO2e and the series rows of this part (numpy .npz), until the "
            "run's final task has assembled them."
        ),
    )
    problems = models.JSONField(_("problems"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("run part")
        verbose_name_plural = _("run parts")
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="calculators_runchunk_unique")
        ]

    def __str__(self):
        return f"{self.run_id}/{self.number} {self.month_start:%Y-%m}–{self.month_end:%Y-%m}"
