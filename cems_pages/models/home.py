"""Home page of the site (the root of each language's tree).

Fields: ``intro`` (RichTextField), ``body`` (StreamField of sections), ``search_text``.
Children: manual, policy, scope, process map, glossary.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cems_pages.blocks import SectionStreamBlock

from .base import SearchTextMixin
from .visibility import ReadableChildrenMixin


class HomePage(ReadableChildrenMixin, SearchTextMixin, Page):
    """Landing page: what the enterprise's carbon management system is, and where to read."""

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(
        SectionStreamBlock(), verbose_name=_("body"), blank=True, use_json_field=True
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cems_pages.ManualPage",
        "cems_pages.PolicyPage",
        "cems_pages.ScopePage",
        "cems_pages.GlossaryPage",
        "cems_pages.FeedbackPage",
        "cems_pages.ResultsDisclosurePage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @property
    def is_publicly_visible(self) -> bool:
        return bool(self.live)
