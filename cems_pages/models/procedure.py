"""Procedures (4.4.3, 7.3.2 b): how a process of the system is carried out.

Fields: ControlledDocument fields (see :mod:`.base`), ``purpose`` (RichTextField),
``scope_of_application`` (RichTextField), ``responsible_department`` (CharField),
``inputs`` (RichTextField), ``outputs`` (RichTextField), ``steps`` (StreamField of
:class:`~cems_pages.blocks.StepBlock`: title, description, responsible), ``kpis`` (StreamField
of :class:`~cems_pages.blocks.KpiBlock`: indicator, target, frequency), ``records_kept``
(StreamField of :class:`~cems_pages.blocks.RecordBlock`: name, retention_period, location),
``related_clauses`` (CharField, e.g. "6.3, 9.1").
Children: work instructions.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cems_pages.blocks import KpiStreamBlock, RecordStreamBlock, StepStreamBlock

from .base import ControlledDocument, document_edit_handler
from .visibility import ReadableChildrenMixin


class ProcedurePage(ReadableChildrenMixin, ControlledDocument, Page):
    """A documented procedure with inputs, outputs, steps, KPIs and records (4.4.3)."""

    document_type_label = _("Procedure")

    purpose = RichTextField(_("purpose"))
    scope_of_application = RichTextField(_("scope of application"), blank=True)
    responsible_department = models.CharField(
        _("responsible department"), max_length=255, blank=True
    )
    inputs = RichTextField(_("inputs"), blank=True, help_text=_("Inputs of the process (4.4)."))
    outputs = RichTextField(_("outputs"), blank=True, help_text=_("Outputs of the process (4.4)."))
    steps = StreamField(StepStreamBlock(), verbose_name=_("steps"), blank=True, use_json_field=True)
    kpis = StreamField(
        KpiStreamBlock(),
        verbose_name=_("key performance indicators"),
        blank=True,
        use_json_field=True,
    )
    records_kept = StreamField(
        RecordStreamBlock(), verbose_name=_("records kept"), blank=True, use_json_field=True
    )
    related_clauses = models.CharField(
        _("related clauses"),
        max_length=255,
        blank=True,
        help_text=_("Clauses of T/CSES 146—2024 the procedure implements, e.g. 6.3, 9.1."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        FieldPanel("scope_of_application"),
        FieldPanel("responsible_department"),
        FieldPanel("inputs"),
        FieldPanel("outputs"),
        FieldPanel("steps"),
        FieldPanel("kpis"),
        FieldPanel("records_kept"),
        FieldPanel("related_clauses"),
    ]
    edit_handler = document_edit_handler(content_panels)
    search_fields = [
        *Page.search_fields,
        *ControlledDocument.document_search_fields,
        index.SearchField("purpose"),
        index.SearchField("scope_of_application"),
        index.SearchField("responsible_department"),
        index.SearchField("inputs"),
        index.SearchField("outputs"),
        index.SearchField("steps"),
        index.SearchField("kpis"),
        index.SearchField("records_kept"),
        index.SearchField("related_clauses"),
    ]
    api_fields = [
        *ControlledDocument.document_api_fields,
        APIField("purpose"),
        APIField("scope_of_application"),
        APIField("responsible_department"),
        APIField("inputs"),
        APIField("outputs"),
        APIField("steps"),
        APIField("kpis"),
        APIField("records_kept"),
        APIField("related_clauses"),
    ]

    parent_page_types = ["cems_pages.ManualPage"]
    subpage_types = ["cems_pages.WorkInstructionPage"]

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
