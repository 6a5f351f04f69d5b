from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CemsSiteConfig(AppConfig):
    """The reference deployment: composes the three apps (demo data, dashboard)."""

    name = "cems_site"
    verbose_name = _("cems site")

    def ready(self):
        from . import branding, workflow_names  # noqa: F401, PLC0415 — apps not ready at import; branding registers admin hooks

        workflow_names.connect()
