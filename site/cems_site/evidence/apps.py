from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """Evidence packs for verifiers (6.3.3, 9.3)."""

    name = "cems_site.evidence"
    label = "cems_evidence"
    verbose_name = _("Evidence packs")
