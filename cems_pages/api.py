"""API v2 endpoint for public pages (owned by cems_pages)."""

from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Pages endpoint: Wagtail already hides drafts and restricted pages."""
