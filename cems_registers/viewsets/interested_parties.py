"""Admin viewsets of the interested parties (clause 4.2.1)."""

from ..models import InterestedParty
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class InterestedPartyViewSet(RegisterViewSet):
    model = InterestedParty
    icon = "group"
    list_display = ["party", "category", "becomes_obligation", "owner", "review_date"]
    filterset_class = filterset_for(
        InterestedParty, ["category", "becomes_obligation"], "review_date"
    )
    search_fields = ["party", "needs_expectations", "monitoring"]
    list_export, export_headings = export_spec(
        InterestedParty,
        [
            "party",
            "category",
            "needs_expectations",
            "becomes_obligation",
            "obligation",
            "monitoring",
            "owner",
            "review_date",
        ],
    )
