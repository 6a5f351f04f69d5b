"""Admin viewsets of the training plans and competence (clause 7.2)."""

from ..models import Competence, TrainingPlan
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class TrainingPlanViewSet(RegisterViewSet):
    model = TrainingPlan
    icon = "clipboard-list"
    list_display = ["title", "year", "audience", "due_date", "status"]
    filterset_class = filterset_for(TrainingPlan, ["year", "status"], "due_date")
    search_fields = ["title", "audience", "topics"]
    list_export, export_headings = export_spec(
        TrainingPlan,
        ["title", "year", "audience", "topics", "owner", "due_date", "status"],
    )


class CompetenceViewSet(RegisterViewSet):
    model = Competence
    icon = "user"
    list_display = ["person_name", "responsibility", "qualification", "expires_on", "result"]
    filterset_class = filterset_for(Competence, ["result"], "expires_on")
    search_fields = ["person_name", "qualification", "required"]
    list_export, export_headings = export_spec(
        Competence,
        [
            "person_name",
            "person",
            "responsibility",
            "required",
            "qualification",
            "obtained_on",
            "expires_on",
            "result",
        ],
    )
