from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    """Verification engagements (T/CSES 146—2024 6.3.3, 9.3)."""

    name = "cems_site.verification"
    label = "cems_verification"
    verbose_name = _("Verification")
    default_auto_field = "django.db.models.BigAutoField"
