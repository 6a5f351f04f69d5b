"""Admin viewsets of the implementation plans and milestones (clause 6.6)."""

from ..models import ImplementationPlan, Milestone
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class ImplementationPlanViewSet(RegisterViewSet):
    model = ImplementationPlan
    icon = "list-ol"
    list_display = ["code", "title", "responsible_department", "budget", "end_date", "status"]
    filterset_class = filterset_for(ImplementationPlan, ["status"], "end_date")
    search_fields = ["code", "title", "measures", "responsible_department"]
    list_export, export_headings = export_spec(
        ImplementationPlan,
        [
            "code",
            "title",
            "measures",
            "expected_reduction",
            "responsible_department",
            "owner",
            "people",
            "equipment",
            "budget",
            "spent",
            "start_date",
            "end_date",
            "status",
            "verification_method",
            "verified_result",
            "verified_reduction",
            "verified_on",
        ],
    )


class MilestoneViewSet(RegisterViewSet):
    model = Milestone
    icon = "date"
    list_display = ["title", "plan", "owner", "due_date", "done_on"]
    filterset_class = filterset_for(Milestone, ["plan"], "due_date")
    search_fields = ["title", "plan__title", "note"]
    list_export, export_headings = export_spec(
        Milestone,
        ["plan", "title", "owner", "due_date", "done_on", "note"],
    )
