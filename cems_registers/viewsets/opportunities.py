"""Admin viewsets of the reduction opportunities (clause 6.4)."""

from ..models import ReductionOpportunity
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class ReductionOpportunityViewSet(RegisterViewSet):
    model = ReductionOpportunity
    icon = "pick"
    list_display = [
        "code",
        "title",
        "category",
        "abatement_per_year",
        "capital_cost",
        "selected",
        "status",
    ]
    filterset_class = filterset_for(ReductionOpportunity, ["category", "status", "selected"])
    search_fields = ["code", "title", "title_en", "description"]
    list_export, export_headings = export_spec(
        ReductionOpportunity,
        [
            "code",
            "title",
            "title_en",
            "category",
            "facility",
            "abatement_per_year",
            "capital_cost",
            "operating_cost",
            "annual_savings",
            "lifetime_years",
            "start_year",
            "selected",
            "status",
            "owner",
        ],
    )
