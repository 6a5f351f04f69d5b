from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CemsPagesConfig(AppConfig):
    """Controlled documents as Wagtail pages (clauses 4.3, 4.4, 5.2, 7.3)."""

    name = "cems_pages"
    verbose_name = _("Controlled documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .cache import connect_signals as connect_cache_signals  # noqa: PLC0415 — apps are not ready while apps.py is imported
        from .signals import connect_signals  # noqa: PLC0415 — apps are not ready while apps.py is imported

        connect_signals()
        connect_cache_signals()
