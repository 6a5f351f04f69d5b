"""Admin viewsets of the reduction opportunities (clause 6.4)."""

from django.utils.text import capfirst

from ..models import ReductionOpportunity
from ._export import export_spec
from .base import RegisterViewSet


class ReductionOpportunityViewSet(RegisterViewSet):
    model = ReductionOpportunity
    icon = "pick"
    menu_label = capfirst(ReductionOpportunity._meta.verbose_name_plural)
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = [
        "code",
        "title",
        "category",
        "abatement_per_year",
        "capital_cost",
        "selected",
        "status",
    ]
    list_filter = ["category", "status", "selected"]
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
