"""Admin and serving hooks of cems_pages."""

from wagtail import hooks

from . import feedback_hooks  # noqa: F401  (feedback submissions only to their handlers)
from .access import can_read_internal, page_access_response
from .components import ReviewDuePanel, TranslationsBehindPanel
from .concurrency import stale_page_response
from .disclosure_hooks import out_of_date_listing_buttons, out_of_date_messages
from .richtext import SharedPageLinkHandler


@hooks.register("before_serve_page")
def restrict_internal_documents(page, request, serve_args, serve_kwargs):
    """Internal and withdrawn documents are for staff and auditors only (4.3, 7.3.3)."""
    return page_access_response(request, page)


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())


@hooks.register("construct_homepage_panels")
def add_translations_behind_panel(request, panels):
    if can_read_internal(request.user):
        panels.append(TranslationsBehindPanel())


@hooks.register("before_edit_page")
def warn_out_of_date_disclosure(request, page):
    """Editors and approvers opening a results disclosure are told when the data behind its
    figures changed since they were taken (5.2.1 g, 9.1); the public page keeps the approved
    figures until a new revision is approved."""
    out_of_date_messages(request, page)


@hooks.register("before_edit_page")
def refuse_stale_page_save(request, page):
    """A save from an editor opened before someone else's newer revision is refused, for
    every action, not only autosave (7.3.2; :mod:`cems_pages.concurrency`)."""
    return stale_page_response(request, page)


@hooks.register("register_page_listing_buttons")
def out_of_date_disclosure_button(page, user, next_url=None):
    return out_of_date_listing_buttons(page, user)


@hooks.register("register_rich_text_features", order=100)
def register_shared_page_links(features):
    """Rich-text page links rewritten once per language and public-cache generation
    (:mod:`cems_pages.richtext`); after Wagtail's own ``page`` link type, which it replaces."""
    features.register_link_type(SharedPageLinkHandler)
