"""The MEE enterprise GHG emission report of an approved run, as issued (6.3.2, 7.5; issue 12 §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from calculators.storage import private_storage

from .runs import AccountingRun, ReportFormat


class MeeReport(models.Model):
    """One language and format of a run's MEE report, rendered once and kept with its SHA-256.

    Issued on the first download of an approved run; every later download serves this file
    after checking it still has the kept hash, so the report a verifier holds never changes.
    """

    run = models.ForeignKey(
        AccountingRun,
        on_delete=models.PROTECT,
        related_name="mee_reports",
        verbose_name=_("accounting run"),
    )
    language = models.CharField(_("language"), max_length=10)
    fmt = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    file = models.FileField(_("file"), upload_to="calculators/mee/%Y/", storage=private_storage)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issued MEE report")
        verbose_name_plural = _("issued MEE reports")
        ordering = ["run", "language", "fmt"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "language", "fmt"], name="calculators_meereport_unique"
            )
        ]

    def __str__(self):
        return f"{self.run_id} {self.language} {self.fmt} {self.sha256[:12]}"
