"""Language-prefixed URLs of cems_pages (search, PDF downloads), before Wagtail's catch-all."""

from django.urls import path

from . import views

app_name = "cems_pages"

urlpatterns = [
    path("search/", views.search_view, name="search"),
    path("pdf/<int:page_id>/", views.document_pdf_view, name="document_pdf"),
]
