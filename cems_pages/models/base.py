"""Abstract parts shared by the page types (clause 7.3). Imports no page type.

:class:`SearchTextMixin`
    ``search_text`` (TextField, not editable): the page's plain text, rebuilt on every content
    save, so the public search can use ORM ``icontains`` (a Chinese substring such as 锅炉 is
    found inside 燃煤锅炉房, which no full-text backend does).

:class:`ControlledDocument` (7.3.2, 7.3.3), on every document type:
    ``document_number`` (CharField), ``version`` (CharField), ``owner_department`` (CharField),
    ``document_owner`` (FK user, nullable: receives review reminders; Wagtail's ``Page.owner``
    is the page's creator, a different thing), ``approver`` (CharField: name and
    title), ``effective_date`` (DateField), ``review_interval_months`` (PositiveSmallIntegerField),
    ``next_review_date`` (DateField; effective_date + interval when left blank),
    ``document_status`` (:class:`DocumentStatus`: draft, in_review, effective, withdrawn; set by
    the workflow, read-only in the form), ``withdraw_on_approval`` (BooleanField: the approved
    revision withdraws the document instead of issuing it),
    ``change_summary`` (TextField), ``menu_title`` (CharField: the short name in the site's
    menu, title when blank), ``is_public`` (BooleanField; policy, scope and glossary
    default to True, the manual's internal documents to False).

Class attributes of a document type: ``approval_workflow`` (name of the workflow its
revisions go through, see :mod:`cems_pages.workflows`) and ``document_type_label``.
"""

import calendar
import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.blocks import StreamValue
from wagtail.coreutils import camelcase_to_underscore
from wagtail.fields import RichTextField
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.search import index

from cems_pages.blocks import stream_text
from cems_pages.forms import ControlledDocumentForm
from cems_pages.panels import TranslationStatusPanel

#: Workflow names, stable identifiers stored in the database by the data migration.
WORKFLOW_TOP_MANAGEMENT = "Document approval (top management)"
WORKFLOW_MANAGEMENT_REPRESENTATIVE = "Document approval (management representative)"


class DocumentStatus(models.TextChoices):
    """Life cycle of a controlled document (7.3.3: approval, issue, change, withdrawal)."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    EFFECTIVE = "effective", _("Effective")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day; no query."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def html_text(value: str | None) -> str:
    """Plain text of rich text (tags stripped); issues no query."""
    return strip_tags(value or "")


def field_text(obj, field_name: str) -> str:
    """Plain text of one field of ``obj``: rich text stripped of its tags, a StreamField's
    texts (:func:`~cems_pages.blocks.stream_text`), anything else as a string; no query."""
    value = getattr(obj, field_name, None)
    if value is None:
        return ""
    if isinstance(value, StreamValue):
        return stream_text(value)
    if isinstance(obj._meta.get_field(field_name), RichTextField):
        return html_text(value)
    return str(value)


def search_field_texts(obj, search_fields) -> Iterator[str]:
    """The texts of ``obj`` that ``search_fields`` name: each ``SearchField``, and the
    ``SearchField`` texts of every object a ``RelatedFields`` reaches (the in-memory children
    of an unsaved page included). Filter and autocomplete fields add nothing. One query per
    ``RelatedFields`` of a saved object."""
    for search_field in search_fields:
        if isinstance(search_field, index.RelatedFields):
            related = getattr(obj, search_field.field_name, None)
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                if item is not None:
                    yield from search_field_texts(item, search_field.fields)
        elif isinstance(search_field, index.SearchField):
            yield field_text(obj, search_field.field_name)


class SearchTextMixin(models.Model):
    """Keeps ``search_text``, the plain text of the fields the page's ``search_fields`` name,
    for ORM substring search: one list says what a page is searched by, for Wagtail's search
    backend and for the public search alike."""

    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # Wagtail's bookkeeping saves (revision pointers, locks, tree fields) name no field the
        # search text reads; only a save of content rebuilds it.
        if update_fields is None or set(update_fields) & self.search_text_sources():
            self.search_text = self.build_search_text()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        return super().save(*args, **kwargs)

    @classmethod
    def search_text_sources(cls) -> set[str]:
        """Names of the fields (and child relations) the search text is built from."""
        names = {"title", "search_description"}
        for search_field in cls.search_fields:
            if isinstance(search_field, index.SearchField | index.RelatedFields):
                names.add(search_field.field_name)
        return names

    def get_search_text_parts(self) -> list[str]:
        """Texts to search, from ``search_fields``; a query per ``RelatedFields``."""
        return list(search_field_texts(self, self.search_fields))

    def build_search_text(self) -> str:
        parts = [self.title or "", getattr(self, "search_description", "") or ""]
        parts += self.get_search_text_parts()
        stripped = (part.strip() for part in parts if part)
        return "\n".join(dict.fromkeys(part for part in stripped if part))


class ControlledDocument(SearchTextMixin):
    """The controlled-document part of a page (clause 7.3.2, 7.3.3)."""

    #: Name of the workflow a revision of this type goes through.
    approval_workflow: str = WORKFLOW_MANAGEMENT_REPRESENTATIVE
    #: Human name of the document type (templates, PDF header).
    document_type_label = _("Document")

    document_number = models.CharField(
        _("document number"),
        max_length=64,
        blank=True,
        help_text=_("Identification of the document (7.3.2), e.g. CEMS-QP-01."),
    )
    version = models.CharField(
        _("version"), max_length=32, default="1.0", help_text=_("Version or edition, e.g. A/1.")
    )
    owner_department = models.CharField(
        _("owner department"),
        max_length=255,
        blank=True,
        help_text=_("Department responsible for the document."),
    )
    document_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("document owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Person who keeps the document up to date and receives review reminders."),
    )
    approver = models.CharField(
        _("approver"),
        max_length=255,
        blank=True,
        help_text=_("Name and title of the person who approved the document (7.3.2)."),
    )
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        help_text=_("How often the document is reviewed for adequacy (7.3.3)."),
    )
    next_review_date = models.DateField(
        _("next review date"),
        null=True,
        blank=True,
        help_text=_("Left blank, it is the effective date plus the review interval."),
    )
    document_status = models.CharField(
        _("document status"),
        max_length=16,
        choices=DocumentStatus.choices,
        default=DocumentStatus.DRAFT,
        help_text=_(
            "Set by the approval workflow only: in review while submitted, effective once "
            "approved, withdrawn once a withdrawal is approved (7.3.3)."
        ),
    )
    withdraw_on_approval = models.BooleanField(
        _("withdraw on approval"),
        default=False,
        help_text=_(
            "Tick and submit for approval to withdraw the document: once approved it stays "
            "readable to staff and auditors and is hidden from the public (7.3.3). Untick and "
            "submit to reinstate it."
        ),
    )
    change_summary = models.TextField(
        _("change summary"),
        blank=True,
        help_text=_("What changed in this version and why (7.3.3)."),
    )
    menu_title = models.CharField(
        _("menu title"),
        max_length=64,
        blank=True,
        help_text=_("Short name in the site's menu, e.g. Policy; the title when left blank."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown to interested parties without login (4.3, 5.2)."),
    )

    document_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("version")]),
                FieldRowPanel([FieldPanel("owner_department"), FieldPanel("document_owner")]),
                FieldPanel("approver"),
                FieldRowPanel(
                    [
                        FieldPanel("effective_date"),
                        FieldPanel("review_interval_months"),
                        FieldPanel("next_review_date"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("document_status", read_only=True), FieldPanel("is_public")]
                ),
                FieldPanel("withdraw_on_approval"),
                FieldPanel("change_summary"),
            ],
            heading=_("Document control"),
        )
    ]

    document_search_fields = [
        index.SearchField("document_number"),
        index.SearchField("change_summary"),
        index.FilterField("document_status"),
        index.FilterField("is_public"),
    ]

    document_api_fields = [
        APIField("document_number"),
        APIField("version"),
        APIField("owner_department"),
        APIField("approver"),
        APIField("effective_date"),
        APIField("review_interval_months"),
        APIField("next_review_date"),
        APIField("document_status"),
        APIField("change_summary"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            if self.live:
                # Publishing (the last approval) issues the document, or withdraws it when the
                # approved revision asks for that (7.3.3); no one sets the status by hand.
                self.document_status = (
                    DocumentStatus.WITHDRAWN
                    if self.withdraw_on_approval
                    else DocumentStatus.EFFECTIVE
                )
            if self.document_status == DocumentStatus.EFFECTIVE and not self.effective_date:
                self.effective_date = timezone.localdate()
            self.fill_next_review_date()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.fill_next_review_date()

    def fill_next_review_date(self) -> None:
        if self.next_review_date is None and self.effective_date and self.review_interval_months:
            self.next_review_date = add_months(self.effective_date, self.review_interval_months)

    @property
    def body_template(self) -> str:
        """The body partial the HTML page and its PDF share, named like Wagtail names page
        templates (``cems_pages/includes/body/procedure_page.html``)."""
        name = camelcase_to_underscore(type(self).__name__)
        return f"{self._meta.app_label}/includes/body/{name}.html"

    @property
    def is_withdrawn(self) -> bool:
        return self.document_status == DocumentStatus.WITHDRAWN

    @property
    def is_publicly_visible(self) -> bool:
        """Whether anonymous visitors may read this page; issues no query."""
        return bool(self.live and self.is_public and not self.is_withdrawn)

    def get_workflow(self):
        """The page's own workflow, else the one its type requires (policy and manual by top
        management, other documents by the management representative), else the nearest
        ancestor's."""
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        own = WorkflowPage.objects.filter(page_id=self.pk, workflow__active=True).first()
        if own is not None:
            return own.workflow
        by_type = Workflow.objects.filter(name=self.approval_workflow, active=True).first()
        return by_type or super().get_workflow()


def document_edit_handler(content_panels, *, base_form_class=None) -> TabbedInterface:
    """Tabs of a document page: content, document control, promote, settings."""
    return TabbedInterface(
        [
            # Which language is behind is the first thing a translator or approver needs.
            ObjectList([TranslationStatusPanel(), *content_panels], heading=_("Content")),
            ObjectList(ControlledDocument.document_panels, heading=_("Document control")),
            ObjectList([*Page.promote_panels, FieldPanel("menu_title")], heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
        base_form_class=base_form_class or ControlledDocumentForm,
    )
