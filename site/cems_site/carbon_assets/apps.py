from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarbonAssetsConfig(AppConfig):
    """Allowances, credits and neutrality statements (clauses 3, 6.3, 6.5)."""

    name = "cems_site.carbon_assets"
    label = "cems_assets"
    verbose_name = _("Carbon assets")
    default_auto_field = "django.db.models.BigAutoField"
