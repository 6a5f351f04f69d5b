"""Language-prefixed URLs of cems_pages (PDF downloads etc.), before Wagtail's catch-all."""

urlpatterns: list = []
