"""The carbon management manual (7.3.2 a), root of the internal documents.

Fields: ControlledDocument fields (see :mod:`.base`), ``introduction`` (RichTextField),
``body`` (StreamField of sections with clause references).
Children: procedures, management rules, process map. Internal by default (``is_public`` False).
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cems_pages.blocks import SectionStreamBlock

from .base import WORKFLOW_TOP_MANAGEMENT, ControlledDocument, document_edit_handler
from .visibility import ReadableChildrenMixin


class ManualPage(ReadableChildrenMixin, ControlledDocument, Page):
    """The manual: describes the system and points to its procedures and rules (7.3.2 a)."""

    approval_workflow = WORKFLOW_TOP_MANAGEMENT
    document_type_label = _("Carbon management manual")

    introduction = RichTextField(_("introduction"), blank=True)
    body = StreamField(
        SectionStreamBlock(), verbose_name=_("body"), blank=True, use_json_field=True
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    edit_handler = document_edit_handler(content_panels)
    search_fields = [
        *Page.search_fields,
        *ControlledDocument.document_search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [
        *ControlledDocument.document_api_fields,
        APIField("introduction"),
        APIField("body"),
    ]

    parent_page_types = ["cems_pages.HomePage"]
    subpage_types = [
        "cems_pages.ProcedurePage",
        "cems_pages.ManagementRulePage",
        "cems_pages.ProcessMapPage",
    ]

    class Meta:
        verbose_name = _("carbon management manual")
        verbose_name_plural = _("carbon management manuals")
