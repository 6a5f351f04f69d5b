"""Admin and serving hooks of cems_pages."""

from wagtail import hooks

from .access import can_read_internal, page_access_response
from .components import ReviewDuePanel, TranslationsBehindPanel


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
