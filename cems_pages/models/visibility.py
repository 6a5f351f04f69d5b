"""Which live pages a visitor may read (4.3, 5.2, 7.3.3), and the page mixin that lists them.

Beside the page models, importing only :mod:`.base` and :mod:`cems_pages.access`, so page
types list their readable children without importing :mod:`cems_pages.selectors` (which
re-exports these queries for the views, the API and the template tags).

* Anonymous visitors read live pages that are not internal or withdrawn documents.
* Staff (anyone with admin access, auditors included) read every live page.
"""

from django.apps import apps
from django.core.cache import cache
from django.db.models import Q, QuerySet

from wagtail.models import Page

from cems_pages.access import can_read_internal
from cems_pages.cache import hidden_ids_seconds, public_cache_generation, public_fragment

from .base import ControlledDocument, DocumentStatus


def document_models() -> tuple[type[ControlledDocument], ...]:
    """Every concrete controlled-document page type, from the app registry; no query."""
    return tuple(model for model in apps.get_models() if issubclass(model, ControlledDocument))


def hidden_from_public_q() -> Q:
    """Q on Page matching controlled documents that are internal or withdrawn.

    One subquery per document type, evaluated inside the caller's single query.
    """
    hidden = Q()
    for model in document_models():
        hidden |= Q(
            pk__in=model.objects.filter(
                Q(is_public=False) | Q(document_status=DocumentStatus.WITHDRAWN)
            ).values("pk")
        )
    return hidden


#: Prefix of the cached ids of hidden pages; the public cache's generation completes the key.
HIDDEN_IDS_KEY = "cems:public:hidden-ids"


def hidden_ids_key() -> str:
    return f"{HIDDEN_IDS_KEY}:{public_cache_generation()}"


def hidden_page_ids() -> list[int] | None:
    """Ids of the internal and withdrawn documents (:func:`hidden_from_public_q`), kept in
    Django's cache under the public cache's generation, or ``None`` when that is off
    (``CEMS_PUBLIC_IDS_SECONDS`` 0).

    The generation is raised on publish, unpublish, move, view-restriction changes and any
    save of a controlled document (:func:`cems_pages.cache.connect_signals`), so a page made
    internal or withdrawn is hidden at once.
    One query when the ids are not cached, none otherwise.
    """
    seconds = hidden_ids_seconds()
    if not seconds:
        return None
    key = hidden_ids_key()
    ids = cache.get(key)
    if ids is None:
        ids = list(Page.objects.filter(hidden_from_public_q()).values_list("pk", flat=True))
        cache.set(key, ids, timeout=seconds)
    return ids


def exclude_hidden(queryset: QuerySet) -> QuerySet:
    """``queryset`` (of Page or a page type) without internal and withdrawn documents: by the
    cached ids (:func:`hidden_page_ids`) when the public cache is on, else by the
    per-document-type subqueries."""
    ids = hidden_page_ids()
    if ids is None:
        return queryset.exclude(hidden_from_public_q())
    return queryset.exclude(pk__in=ids) if ids else queryset


def public_pages() -> QuerySet:
    """Live pages anonymous visitors may read (one query when evaluated, plus one to read the
    hidden ids when they are not cached)."""
    return exclude_hidden(Page.objects.live())


def visible_pages(*, user) -> QuerySet:
    """Live pages ``user`` may read: all live pages for staff, public ones otherwise."""
    if can_read_internal(user):
        return Page.objects.live()
    return public_pages()


def page_children_for_user(*, page: Page, user) -> list[Page]:
    """Specific children of ``page`` that ``user`` may read, in tree order, their stream
    fields deferred (cards and tables do not show them).

    Issues 1 query plus 1 per distinct child page type, whatever the number of children; none
    while the list is kept as a shared fragment (:func:`cems_pages.cache.public_fragment`,
    per page and audience, dropped with the public cache's generation: a child published,
    unpublished, moved, deleted or a document's status saved).
    """
    staff = can_read_internal(user)

    def build() -> list[Page]:
        pages = visible_pages(user=user).child_of(page).order_by("path")
        return list(pages.defer_streamfields().specific())

    return public_fragment("children", (page.pk, staff), build)


class ReadableChildrenMixin:
    """Puts ``children`` in a page's template context: its children the visitor may read,
    in tree order (:func:`page_children_for_user`). Listed before ``Page`` in the bases."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = page_children_for_user(page=self, user=request.user)
        return context
