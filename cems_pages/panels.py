"""Admin edit-form panels of the controlled documents (7.3.2, 7.3.3).

Imported by :mod:`cems_pages.models.base` at class definition, so it imports no page model.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel


class TranslationStatusPanel(Panel):
    """Read-only: the published version of the document in every language, and which
    translation is behind which version (editors and approvers see it while editing)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Translations"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "translation_status"

    class BoundPanel(Panel.BoundPanel):
        template_name = "cems_pages/admin/translation_status_panel.html"

        def get_context_data(self, parent_context=None):
            from cems_pages.selectors import translation_status  # noqa: PLC0415 — cycle: selectors imports the page models, which import this module

            context = super().get_context_data(parent_context)
            instance = self.instance
            context["status"] = (
                translation_status(page=instance) if getattr(instance, "pk", None) else None
            )
            return context
