"""Admin viewsets of the context issues (clause 4.1)."""

from ..models import ContextIssue
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class ContextIssueViewSet(RegisterViewSet):
    model = ContextIssue
    icon = "globe"
    list_display = ["title", "kind", "effect", "owner", "review_date"]
    filterset_class = filterset_for(ContextIssue, ["kind", "effect"], "review_date")
    search_fields = ["title", "description", "effect_on_performance", "strategy_link"]
    list_export, export_headings = export_spec(
        ContextIssue,
        [
            "title",
            "kind",
            "description",
            "effect",
            "effect_on_performance",
            "strategy_link",
            "owner",
            "review_date",
        ],
    )
