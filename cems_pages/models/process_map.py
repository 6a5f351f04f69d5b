"""The process map (4.4): the system's processes, their sequence and interaction.

Fields: ControlledDocument fields (see :mod:`.base`), ``introduction`` (RichTextField),
``processes`` (StreamField of :class:`~cems_pages.blocks.ProcessBlock`: name, clause, owner,
inputs, outputs, criteria, next_processes, procedure).
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cems_pages.blocks import ProcessStreamBlock

from .base import ControlledDocument, document_edit_handler


class ProcessMapPage(ControlledDocument, Page):
    """Processes of the system with inputs, outputs, owner, criteria and sequence (4.4)."""

    document_type_label = _("Process map")

    introduction = RichTextField(_("introduction"), blank=True)
    processes = StreamField(
        ProcessStreamBlock(), verbose_name=_("processes"), blank=True, use_json_field=True
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("processes")]
    edit_handler = document_edit_handler(content_panels)
    search_fields = [
        *Page.search_fields,
        *ControlledDocument.document_search_fields,
        index.SearchField("introduction"),
        index.SearchField("processes"),
    ]
    api_fields = [
        *ControlledDocument.document_api_fields,
        APIField("introduction"),
        APIField("processes"),
    ]

    parent_page_types = ["cems_pages.ManualPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("process map")
        verbose_name_plural = _("process maps")
