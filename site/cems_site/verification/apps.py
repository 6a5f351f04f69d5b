from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class VerificationConfig(AppConfig):
    """Verification engagements (T/CSES 146—2024 6.3.3, 9.3)."""

    name = "cems_site.verification"
    label = "cems_verification"
    verbose_name = pgettext_lazy("third-party verification", "Verification")
    default_auto_field = "django.db.models.BigAutoField"
