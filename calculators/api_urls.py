"""Authenticated calculators API, included at ``/api/`` by the site."""

from django.urls import path

from calculators import api

app_name = "calculators_api"

urlpatterns = [
    path("calculators/datasets/", api.DatasetListCreateView.as_view(), name="datasets"),
    path("calculators/datasets/<int:pk>/", api.DatasetDetailView.as_view(), name="dataset"),
]
