"""Terms and definitions (clause 3), public.

GlossaryPage fields: ControlledDocument fields (see :mod:`.base`; ``is_public`` defaults to
True), ``introduction`` (RichTextField).
Inline ``terms`` (:class:`GlossaryTerm`): ``clause_number`` (CharField, e.g. "3.1"), ``term``
(CharField), ``definition`` (TextField), ``note`` (TextField, optional).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from .base import ControlledDocument, document_edit_handler


class GlossaryPage(ControlledDocument, Page):
    """The terms of clause 3, as the system uses them."""

    document_type_label = _("Terms and definitions")

    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Shown to interested parties without login."),
    )
    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("terms", heading=_("Terms"), label=_("Term")),
    ]
    edit_handler = document_edit_handler(content_panels)
    search_fields = [
        *Page.search_fields,
        *ControlledDocument.document_search_fields,
        index.SearchField("introduction"),
        index.RelatedFields(
            "terms",
            [
                index.SearchField("clause_number"),
                index.SearchField("term"),
                index.SearchField("definition"),
                index.SearchField("note"),
            ],
        ),
    ]
    api_fields = [
        *ControlledDocument.document_api_fields,
        APIField("introduction"),
        APIField("terms"),
    ]

    parent_page_types = ["cems_pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("glossary")
        verbose_name_plural = _("glossaries")


class GlossaryTerm(Orderable):
    """One term of clause 3 with its definition."""

    page = ParentalKey(GlossaryPage, on_delete=models.CASCADE, related_name="terms")
    clause_number = models.CharField(
        _("clause number"), max_length=16, blank=True, help_text=_('E.g. "3.1".')
    )
    term = models.CharField(_("term"), max_length=255)
    definition = models.TextField(_("definition"))
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("clause_number"),
        FieldPanel("term"),
        FieldPanel("definition"),
        FieldPanel("note"),
    ]
    api_fields = [
        APIField("clause_number"),
        APIField("term"),
        APIField("definition"),
        APIField("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self):
        return self.term
