"""Rich-text page links whose URLs are kept between requests (the policy, scope and home page
text link to each other; 5.2.2, 7.4: what interested parties read, served fast).

Wagtail rewrites every ``<a linktype="page" id="…">`` of stored rich text when it is shown:
it reads the linked pages (one query per page type) and their translation in the language
shown (one query each, ``page.localized``). :class:`SharedPageLinkHandler` keeps the rewritten
``<a href="…">`` tags of one rich-text value as a shared fragment
(:func:`cems_pages.cache.public_fragment`) per language and list of linked ids, under the
public cache's generation: publishing, unpublishing, moving or deleting a page (a changed slug,
a new translation) drops them. Registered as the ``page`` link type in ``wagtail_hooks``
(after Wagtail's own, which it replaces).
"""

from __future__ import annotations

from django.utils import translation

from wagtail.rich_text.pages import PageLinkHandler

from cems_pages.cache import public_fragment


class SharedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler with the rewritten tags of each rich-text value kept per
    language and generation: no query while kept."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        expand = super().expand_db_attributes_many
        ids = tuple(str(attrs.get("id")) for attrs in attrs_list)
        parts = (translation.get_language(), ids)
        return public_fragment("richtext-page-links", parts, lambda: expand(attrs_list))
