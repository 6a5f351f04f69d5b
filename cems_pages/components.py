"""Admin dashboard panel: controlled documents due for review (7.3.3)."""

from django.utils import timezone

from wagtail.admin.ui.components import Component

from .selectors import documents_due_for_review, documents_with_translations_behind


class ReviewDuePanel(Component):
    """Documents whose next review date has passed or falls within 30 days."""

    name = "cems_documents_review_due"
    template_name = "cems_pages/admin/review_due_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["today"] = timezone.localdate()
        context["items"] = documents_due_for_review(today=context["today"])
        return context


class TranslationsBehindPanel(Component):
    """Documents of which a published translation is behind another language's version
    (7.3.3), for the editors who translate them and the approvers who issue them."""

    name = "cems_documents_translations_behind"
    template_name = "cems_pages/admin/translations_behind_panel.html"
    order = 160

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["statuses"] = documents_with_translations_behind()
        return context
