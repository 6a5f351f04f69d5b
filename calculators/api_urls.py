"""Authenticated calculators API (activity-data submission)."""

urlpatterns: list = []
