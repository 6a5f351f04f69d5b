"""Feedback form page: interested parties write to the enterprise (4.2, 5.3 c, 8.1 b, 9.5.2).

A Wagtail form page (``wagtail.contrib.forms.AbstractForm``) whose fields are **fixed** in
code (:class:`cems_pages.feedback_forms.FeedbackForm`), not built by editors: every field is
sized and validated, refuses HTML, and maps one-to-one onto the communication log, whose
privacy rules depend on knowing which field holds personal data. Editors write the page's
texts (introduction, privacy notice, thanks) in each language and name who answers.

A valid post, within the rate limit, is stored in one transaction as a Wagtail form
submission and a communication-log entry (:func:`cems_pages.feedback_services.feedback_submit`);
the visitor sees the reference number on the thank-you page and gets it by e-mail.
"""

from django.conf import settings
from django.db import models
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractForm
from wagtail.fields import RichTextField
from wagtail.models import Page

from cems_pages.feedback_forms import DATA_FIELDS, FeedbackForm
from cems_pages.feedback_services import feedback_submit
from cems_pages.feedback_views import serve_feedback_page


class FeedbackPage(AbstractForm):
    """The public feedback form with its privacy notice (4.2.1, 8.1 b)."""

    intro = RichTextField(_("introduction"), blank=True)
    privacy_notice = RichTextField(
        _("privacy notice"),
        help_text=_(
            "What is kept, why, who reads it, how long, and how to have it deleted; the visitor "
            "agrees to it before sending."
        ),
    )
    thank_you_text = RichTextField(
        _("text after sending"),
        blank=True,
        help_text=_("Shown with the reference number once the feedback is received."),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Owner of the communication-log entries of this form; receives the reminder when "
            "an answer falls due (10 working days)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("privacy_notice"),
        FieldPanel("thank_you_text"),
        FieldPanel("handler"),
    ]
    api_fields = [APIField("intro"), APIField("privacy_notice")]

    parent_page_types = ["cems_pages.HomePage"]
    subpage_types = []
    template = "cems_pages/feedback_page.html"
    landing_page_template = "cems_pages/feedback_page_landing.html"

    class Meta:
        verbose_name = _("feedback form page")
        verbose_name_plural = _("feedback form pages")

    @property
    def is_publicly_visible(self) -> bool:
        return bool(self.live)

    # --- the form: fixed fields, not the form builder's -------------------------------------
    def get_form_fields(self):
        return []

    def get_form_class(self):

        return FeedbackForm

    def get_data_fields(self):
        """Columns of the submissions list and its export (the form's fixed fields)."""

        return [("submit_time", _("Submission date")), *DATA_FIELDS]

    def process_form_submission(self, form):

        return feedback_submit(page=self, data=form.cleaned_data)

    def serve(self, request, *args, **kwargs):

        response = serve_feedback_page(self, request, *args, **kwargs)
        add_never_cache_headers(response)  # a form with a CSRF token; never kept by a cache
        return response
