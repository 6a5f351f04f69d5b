"""Headless API v2 router (pages, images, documents): the public, read-only API.

Only live public pages and items of unrestricted collections appear (cems_pages.api).
"""

from wagtail.api.v2.router import WagtailAPIRouter

from cems_pages.api import (
    PublicDocumentsAPIViewSet,
    PublicImagesAPIViewSet,
    PublicPagesAPIViewSet,
)
from cems_pages.disclosure_api import DisclosedResultsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("results", DisclosedResultsAPIViewSet)  # after "pages"
