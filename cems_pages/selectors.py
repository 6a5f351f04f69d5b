"""Reads of cems_pages: visible pages, children, public search, documents due for review.

Which pages a visitor may read is decided in :mod:`cems_pages.models.visibility` (the page
types list their children through it); this module re-exports those queries.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from wagtail.models import Locale, Page

from cems_registers.base import DUE_SOON_DAYS, DueState, due_state

from .models import DOCUMENT_MODELS, DocumentStatus, HomePage
from .models.visibility import (  # noqa: F401  (re-exported: the reads of cems_pages live here)
    exclude_hidden,
    hidden_from_public_q,
    hidden_page_ids,
    page_children_for_user,
    public_pages,
    visible_pages,
)

#: Page types whose ``search_text`` the public search reads.
SEARCHABLE_MODELS = (HomePage, *DOCUMENT_MODELS)


def menu_pages(*, parent: Page, user) -> QuerySet:
    """Children of ``parent`` that ``user`` may read, in tree order, each annotated with
    ``menu_label`` (the document's ``menu_title``, else its title). One query."""
    labels = [
        NullIf(
            Subquery(model.objects.filter(pk=OuterRef("pk")).values("menu_title")[:1]),
            Value(""),
        )
        for model in DOCUMENT_MODELS
    ]
    return (
        visible_pages(user=user)
        .child_of(parent)
        .annotate(menu_label=Coalesce(*labels, F("title")))
        .order_by("path")
    )


def search_match_q(query: str) -> Q:
    """Q on Page: the title or the page's text contains ``query`` (ORM ``icontains``).

    The one match of the public search and the API's ``?search=``: a substring match, so 锅炉
    finds 燃煤锅炉房, which no full-text backend does (STACK_NOTES.md). One subquery per
    searchable page type, evaluated inside the caller's query.
    """
    matches = Q(title__icontains=query)
    for model in SEARCHABLE_MODELS:
        matches |= Q(pk__in=model.objects.filter(search_text__icontains=query).values("pk"))
    return matches


def search_pages(*, query: str, user, locale: Locale | None = None, limit: int = 50) -> list[Page]:
    """Pages of ``locale`` whose text contains ``query`` (ORM ``icontains``), visible to ``user``.

    Substring search, so 锅炉 matches 燃煤锅炉房. Drafts never match (only live pages); for
    anonymous users internal and withdrawn documents never match. Returns specific pages.
    """
    query = (query or "").strip()
    if not query:
        return []
    locale = locale or Locale.get_active()
    qs = visible_pages(user=user).filter(locale=locale).filter(search_match_q(query))
    qs = qs.order_by("path")
    return list(qs[:limit].specific())


@dataclass(frozen=True)
class ReviewDue:
    """A document whose periodic review (7.3.3) is overdue or due soon."""

    page: Page
    next_review_date: dt.date
    state: DueState


def documents_due_for_review(
    *, today: dt.date | None = None, window_days: int = DUE_SOON_DAYS
) -> list[ReviewDue]:
    """Live, non-withdrawn documents whose next review date has passed or falls within
    ``window_days`` (inclusive), oldest first. One query per document type.
    """
    today = today or timezone.localdate()
    limit = today + dt.timedelta(days=window_days)
    found: list[ReviewDue] = []
    for model in DOCUMENT_MODELS:
        pages = (
            model.objects.live()
            .exclude(document_status=DocumentStatus.WITHDRAWN)
            .filter(next_review_date__lte=limit)
            .select_related("document_owner", "locale")
        )
        for page in pages:
            state = due_state(page.next_review_date, today, window_days=window_days)
            if state in (DueState.OVERDUE, DueState.DUE_SOON):
                found.append(
                    ReviewDue(page=page, next_review_date=page.next_review_date, state=state)
                )
    found.sort(key=lambda item: (item.next_review_date, item.page.pk))
    return found


# --- translation status (7.3.2, 7.3.3: every language of a document says the same) ----------


def version_key(version: str) -> tuple:
    """Sort key of a version string: runs of digits compare as numbers, so 3.10 > 3.9 > 3.1
    and A/1 > A/0; issues no query."""
    parts = re.findall(r"\d+|[^\d\W_]+", version or "")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.upper()) for p in parts)


@dataclass(frozen=True)
class LanguageVersion:
    """A document in one language, as published (live), or missing (``page`` None)."""

    language_code: str
    language_name: str
    page: Page | None
    version: str = ""
    effective_date: dt.date | None = None
    behind: bool = False


@dataclass(frozen=True)
class TranslationStatus:
    """Where the languages of one document stand: the newest published version and which
    translations are behind it, or missing."""

    latest: LanguageVersion | None
    languages: list[LanguageVersion]

    @property
    def behind(self) -> list[LanguageVersion]:
        return [item for item in self.languages if item.behind]

    @property
    def missing(self) -> list[LanguageVersion]:
        return [item for item in self.languages if item.page is None]

    @property
    def in_step(self) -> bool:
        return not self.behind and not self.missing


def translation_status_of(pages: list) -> TranslationStatus:
    """Translation status from the live translations of one document (specific pages, one per
    language); issues no query. A translation is behind when its version sorts before the
    newest version of any language."""
    names = dict(settings.LANGUAGES)
    by_code = {page.locale.language_code: page for page in pages}
    newest = max(pages, key=lambda page: version_key(page.version), default=None)
    newest_key = version_key(newest.version) if newest is not None else ()
    languages = []
    latest = None
    for code, name in settings.LANGUAGES:
        page = by_code.get(code)
        if page is None:
            languages.append(LanguageVersion(code, str(names[code]), None))
            continue
        item = LanguageVersion(
            code,
            str(name),
            page,
            version=page.version,
            effective_date=page.effective_date,
            behind=version_key(page.version) < newest_key,
        )
        if page is newest:
            latest = item
        languages.append(item)
    return TranslationStatus(latest=latest, languages=languages)


def translation_status(*, page) -> TranslationStatus:
    """Translation status of the document ``page`` (any language); one query."""
    pages = list(
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    )
    return translation_status_of(pages)


def documents_with_translations_behind() -> list[TranslationStatus]:
    """Every document of which a published translation is behind another language's version,
    in tree order of its newest version. One query per document type."""
    found = []
    for model in DOCUMENT_MODELS:
        groups: dict = {}
        for page in model.objects.live().select_related("locale").order_by("path"):
            groups.setdefault(page.translation_key, []).append(page)
        for pages in groups.values():
            status = translation_status_of(pages)
            if status.behind:
                found.append(status)
    return found
