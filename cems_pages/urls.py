"""Language-prefixed URLs of cems_pages (search, PDF downloads), before Wagtail's catch-all."""

from django.urls import path

from . import disclosure_views, views

app_name = "cems_pages"

urlpatterns = [
    path("search/", views.search_view, name="search"),
    path("pdf/<int:page_id>/", views.document_pdf_view, name="document_pdf"),
    path(
        "results/<int:page_id>/verification/",
        disclosure_views.disclosure_verification_view,
        name="disclosure_verification",
    ),
]
