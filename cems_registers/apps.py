from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CemsRegistersConfig(AppConfig):
    """Registers of the carbon emission management system (clauses 4–10)."""

    name = "cems_registers"
    verbose_name = _("Registers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .services import communications  # noqa: PLC0415 — apps are not ready while apps.py is imported

        communications.register_review_inputs()  # communication log → 9.5.2 input
