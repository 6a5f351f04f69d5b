"""The carbon policy (5.2), approved by top management, public.

Fields: ControlledDocument fields (see :mod:`.base`; ``is_public`` defaults to True),
``statement`` (RichTextField: the policy in a few sentences), ``compliance_commitment``
(RichTextField, 5.2.1 c), ``climate_action_commitment`` (RichTextField, 5.2.1 d),
``objectives_framework`` (RichTextField, 5.2.1 b), ``communication`` (RichTextField, 5.2.2:
how the policy is communicated and made available to interested parties).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .base import WORKFLOW_TOP_MANAGEMENT, ControlledDocument, document_edit_handler


class PolicyPage(ControlledDocument, Page):
    """The carbon policy with its commitments as structured fields (5.2.1)."""

    approval_workflow = WORKFLOW_TOP_MANAGEMENT
    document_type_label = _("Carbon policy")

    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("The policy is available to interested parties (5.2.2)."),
    )
    statement = RichTextField(_("policy statement"), blank=True)
    compliance_commitment = RichTextField(
        _("compliance commitment"),
        help_text=_("Commitment to meet legal and other requirements (5.2.1 c)."),
    )
    climate_action_commitment = RichTextField(
        _("climate action commitment"),
        help_text=_("Commitment to reduce emissions and act on climate change (5.2.1 d)."),
    )
    objectives_framework = RichTextField(
        _("framework for objectives"),
        help_text=_("How the policy frames the carbon objectives and targets (5.2.1 b)."),
    )
    communication = RichTextField(
        _("communication"),
        blank=True,
        help_text=_(
            "How the policy is communicated inside the enterprise and made available to "
            "interested parties (5.2.2)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("statement"),
        FieldPanel("compliance_commitment"),
        FieldPanel("climate_action_commitment"),
        FieldPanel("objectives_framework"),
        FieldPanel("communication"),
    ]
    edit_handler = document_edit_handler(content_panels)
    search_fields = [
        *Page.search_fields,
        *ControlledDocument.document_search_fields,
        index.SearchField("statement"),
        index.SearchField("compliance_commitment"),
        index.SearchField("climate_action_commitment"),
        index.SearchField("objectives_framework"),
        index.SearchField("communication"),
    ]
    api_fields = [
        *ControlledDocument.document_api_fields,
        APIField("statement"),
        APIField("compliance_commitment"),
        APIField("climate_action_commitment"),
        APIField("objectives_framework"),
        APIField("communication"),
    ]

    parent_page_types = ["cems_pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("carbon policy")
        verbose_name_plural = _("carbon policies")
