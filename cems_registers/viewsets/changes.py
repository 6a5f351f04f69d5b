"""Admin viewsets of the changes (clause 8.4)."""

from ..models import Change
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class ChangeViewSet(RegisterViewSet):
    model = Change
    icon = "resubmit"
    list_display = ["title", "kind", "planned", "status", "due_date"]
    filterset_class = filterset_for(Change, ["kind", "planned", "status"], "due_date")
    search_fields = ["title", "description", "evaluation", "actions"]
    list_export, export_headings = export_spec(
        Change,
        [
            "title",
            "kind",
            "planned",
            "description",
            "evaluation",
            "actions",
            "verification",
            "effective_date",
            "due_date",
            "status",
            "owner",
        ],
    )
