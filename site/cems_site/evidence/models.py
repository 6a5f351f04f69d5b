"""The evidence pack kept for an approved run (6.3.3, 9.3, 7.5.3 control of documented information).

A pack is built once per approved run in a background task, kept in the private storage with
its SHA-256, and never rebuilt: the hash is checked again on every download, so a file changed
on disk is refused instead of being handed to a verifier.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from calculators.storage import private_storage


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    BUILDING = "building", _("Building")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class EvidencePack(models.Model):
    """The evidence pack of one approved accounting run, as issued (6.3.3, 9.3)."""

    run = models.OneToOneField(
        "calculators.AccountingRun",
        on_delete=models.PROTECT,
        related_name="evidence_pack",
        verbose_name=_("accounting run"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    file = models.FileField(
        _("file"), upload_to="evidence/%Y/", storage=private_storage, blank=True
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence pack")
        verbose_name_plural = _("evidence packs")
        default_permissions = ("view",)
        permissions = [("download_evidencepack", _("Can build and download evidence packs"))]

    def __str__(self):
        return f"evidence pack of run #{self.run_id}"

    @property
    def is_ready(self) -> bool:
        return self.status == PackStatus.READY
