"""Admin viewsets of the nonconformities and corrective actions (9.4, 10.2)."""

from ..models import CorrectiveAction, Nonconformity
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class NonconformityViewSet(RegisterViewSet):
    model = Nonconformity
    icon = "warning"
    list_display = ["code", "title", "source", "severity", "owner", "due_date", "status"]
    filterset_class = filterset_for(Nonconformity, ["source", "severity", "status"], "due_date")
    search_fields = ["code", "title", "description", "root_cause"]
    list_export, export_headings = export_spec(
        Nonconformity,
        [
            "code",
            "title",
            "source",
            "finding",
            "facility",
            "description",
            "severity",
            "raised_on",
            "root_cause",
            "correction",
            "owner",
            "due_date",
            "status",
            "closed_on",
            "closure_note",
        ],
    )


class CorrectiveActionViewSet(RegisterViewSet):
    model = CorrectiveAction
    icon = "circle-check"
    list_display = ["description", "nonconformity", "kind", "owner", "due_date", "effective"]
    filterset_class = filterset_for(CorrectiveAction, ["kind", "effective"], "due_date")
    search_fields = ["description", "nonconformity__title", "effectiveness_note"]
    list_export, export_headings = export_spec(
        CorrectiveAction,
        [
            "nonconformity",
            "kind",
            "description",
            "owner",
            "due_date",
            "completed_on",
            "effectiveness_checked_on",
            "effective",
            "effectiveness_note",
        ],
    )
