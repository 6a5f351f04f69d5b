"""Management rules (7.3.2 c) and work instructions (7.3.2 d).

ManagementRulePage fields: ControlledDocument fields (see :mod:`.base`), ``purpose``
(RichTextField), ``scope_of_application`` (RichTextField), ``responsible_department``
(CharField), ``body`` (StreamField of sections/articles), ``related_clauses`` (CharField).
Children: work instructions.

WorkInstructionPage fields: ControlledDocument fields, ``purpose`` (RichTextField),
``applies_to`` (CharField: post, equipment or site), ``responsible_department`` (CharField),
``steps`` (StreamField of step blocks), ``precautions`` (RichTextField), ``records_kept``
(StreamField of record blocks), ``related_clauses`` (CharField).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cems_pages.blocks import RecordStreamBlock, SectionStreamBlock, StepStreamBlock

from .base import ControlledDocument, document_edit_handler
from .visibility import ReadableChildrenMixin


class ManagementRulePage(ReadableChildrenMixin, ControlledDocument, Page):
    """A management rule: what must be done, by whom, with which authority (7.3.2 c)."""

    document_type_label = _("Management rule")

    purpose = RichTextField(_("purpose"))
    scope_of_application = RichTextField(_("scope of application"), blank=True)
    responsible_department = models.CharField(
        _("responsible department"), max_length=255, blank=True
    )
    body = StreamField(
        SectionStreamBlock(), verbose_name=_("articles"), blank=True, use_json_field=True
    )
    related_clauses = models.CharField(
        _("related clauses"),
        max_length=255,
        blank=True,
        help_text=_("Clauses of T/CSES 146—2024 the rule implements, e.g. 7.2, 8.1."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        FieldPanel("scope_of_application"),
        FieldPanel("responsible_department"),
        FieldPanel("body"),
        FieldPanel("related_clauses"),
    ]
    edit_handler = document_edit_handler(content_panels)
    search_fields = [
        *Page.search_fields,
        *ControlledDocument.document_search_fields,
        index.SearchField("purpose"),
        index.SearchField("scope_of_application"),
        index.SearchField("responsible_department"),
        index.SearchField("body"),
        index.SearchField("related_clauses"),
    ]
    api_fields = [
        *ControlledDocument.document_api_fields,
        APIField("purpose"),
        APIField("scope_of_application"),
        APIField("responsible_department"),
        APIField("body"),
        APIField("related_clauses"),
    ]

    parent_page_types = ["cems_pages.ManualPage"]
    subpage_types = ["cems_pages.WorkInstructionPage"]

    class Meta:
        verbose_name = _("management rule")
        verbose_name_plural = _("management rules")


class WorkInstructionPage(ControlledDocument, Page):
    """A work instruction for one post, installation or task (7.3.2 d)."""

    document_type_label = _("Work instruction")

    purpose = RichTextField(_("purpose"))
    applies_to = models.CharField(
        _("applies to"),
        max_length=255,
        blank=True,
        help_text=_("Post, equipment or site the instruction is for."),
    )
    responsible_department = models.CharField(
        _("responsible department"), max_length=255, blank=True
    )
    steps = StreamField(StepStreamBlock(), verbose_name=_("steps"), blank=True, use_json_field=True)
    precautions = RichTextField(_("precautions"), blank=True)
    records_kept = StreamField(
        RecordStreamBlock(), verbose_name=_("records kept"), blank=True, use_json_field=True
    )
    related_clauses = models.CharField(_("related clauses"), max_length=255, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        FieldPanel("applies_to"),
        FieldPanel("responsible_department"),
        FieldPanel("steps"),
        FieldPanel("precautions"),
        FieldPanel("records_kept"),
        FieldPanel("related_clauses"),
    ]
    edit_handler = document_edit_handler(content_panels)
    search_fields = [
        *Page.search_fields,
        *ControlledDocument.document_search_fields,
        index.SearchField("purpose"),
        index.SearchField("applies_to"),
        index.SearchField("responsible_department"),
        index.SearchField("steps"),
        index.SearchField("precautions"),
        index.SearchField("records_kept"),
        index.SearchField("related_clauses"),
    ]
    api_fields = [
        *ControlledDocument.document_api_fields,
        APIField("purpose"),
        APIField("applies_to"),
        APIField("responsible_department"),
        APIField("steps"),
        APIField("precautions"),
        APIField("records_kept"),
        APIField("related_clauses"),
    ]

    parent_page_types = ["cems_pages.ProcedurePage", "cems_pages.ManagementRulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("work instruction")
        verbose_name_plural = _("work instructions")
