"""Reads of cems_pages: visible pages, children, public search, documents due for review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from wagtail.models import Locale, Page

from cems_registers.base import DUE_SOON_DAYS, DueState, due_state

from .access import can_read_internal
from .models import DOCUMENT_MODELS, DocumentStatus, HomePage

#: Page types whose ``search_text`` the public search reads.
SEARCHABLE_MODELS = (HomePage, *DOCUMENT_MODELS)


def hidden_from_public_q() -> Q:
    """Q on Page matching controlled documents that are internal or withdrawn.

    One subquery per document type, evaluated inside the caller's single query.
    """
    hidden = Q()
    for model in DOCUMENT_MODELS:
        hidden |= Q(
            pk__in=model.objects.filter(
                Q(is_public=False) | Q(document_status=DocumentStatus.WITHDRAWN)
            ).values("pk")
        )
    return hidden


def public_pages() -> QuerySet:
    """Live pages anonymous visitors may read (one query when evaluated)."""
    return Page.objects.live().exclude(hidden_from_public_q())


def visible_pages(*, user) -> QuerySet:
    """Live pages ``user`` may read: all live pages for staff, public ones otherwise."""
    if can_read_internal(user):
        return Page.objects.live()
    return public_pages()


def page_children_for_user(*, page: Page, user) -> list[Page]:
    """Specific children of ``page`` that ``user`` may read, in tree order.

    Issues 1 query plus 1 per distinct child page type, whatever the number of children.
    """
    return list(visible_pages(user=user).child_of(page).order_by("path").specific())


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
