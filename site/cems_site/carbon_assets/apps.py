from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

#: Models whose changes can change what the results disclosure shows (its statements).
DISCLOSED_MODELS = ("NeutralityStatement", "Retirement", "CreditBlock")


class CarbonAssetsConfig(AppConfig):
    """Allowances, credits and neutrality statements (clauses 3, 6.3, 6.5)."""

    name = "cems_site.carbon_assets"
    label = "cems_assets"
    verbose_name = _("Carbon assets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """A statement approved, changed or given credits puts the stored public pages out of
        use, as a published page does (the disclosure shows balancing statements)."""
        from cems_pages.cache import public_cache_invalidate  # noqa: PLC0415 — apps are not ready while apps.py is imported

        for name in DISCLOSED_MODELS:
            model = self.get_model(name)
            for signal in (post_save, post_delete):
                signal.connect(
                    public_cache_invalidate,
                    sender=model,
                    dispatch_uid=f"cems_assets_public_cache_{signal is post_save}_{name}",
                )
