"""API v2 endpoint for public pages (headless clients, interested parties; 4.3, 5.2).

Lists and retrieves only live pages that anonymous visitors may read: internal documents
of the manual and withdrawn documents are neither listed nor retrievable by id, whoever asks.
"""

from wagtail.api.v2.views import PagesAPIViewSet

from .selectors import hidden_from_public_q


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint minus internal and withdrawn documents."""

    def get_base_queryset(self):
        return super().get_base_queryset().exclude(hidden_from_public_q())
