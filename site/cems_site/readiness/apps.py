from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    """Clause-readiness self-assessment (T/CSES 146—2024, chapters 4–10)."""

    name = "cems_site.readiness"
    label = "cems_readiness"
    verbose_name = _("Clause readiness")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import review_inputs  # noqa: PLC0415 — apps are not ready while apps.py is imported

        review_inputs.register()
