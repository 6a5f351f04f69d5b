from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalculatorsConfig(AppConfig):
    """Carbon accounting: factor library, activity data, runs and reports (6.3, 8.5, 9.1)."""

    name = "calculators"
    verbose_name = _("Carbon accounting")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import review_inputs  # noqa: PLC0415 — apps are not ready while apps.py is imported
        from .performance import signals  # noqa: PLC0415 — apps are not ready while apps.py is imported

        review_inputs.register()  # performance, progress, alerts, assessment → 9.5 inputs
        signals.connect()  # a change of the change register → the base-year check (8.4, 4.3)
