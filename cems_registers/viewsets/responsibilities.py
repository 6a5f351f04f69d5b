"""Admin viewsets of the roles and responsibilities (clause 5.3)."""

from ..models import Responsibility
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class ResponsibilityViewSet(RegisterViewSet):
    model = Responsibility
    icon = "user"
    list_display = ["role", "kind", "person", "person_name", "department", "active"]
    filterset_class = filterset_for(Responsibility, ["kind", "active"])
    search_fields = ["role", "person_name", "department", "duties", "authority"]
    list_export, export_headings = export_spec(
        Responsibility,
        [
            "role",
            "kind",
            "person",
            "person_name",
            "department",
            "duties",
            "authority",
            "appointed_by",
            "appointed_on",
            "active",
        ],
    )
