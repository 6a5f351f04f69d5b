"""Admin viewsets of the roles and responsibilities (clause 5.3)."""

from django.utils.text import capfirst

from ..models import Responsibility
from ._export import export_spec
from .base import RegisterViewSet


class ResponsibilityViewSet(RegisterViewSet):
    model = Responsibility
    icon = "user"
    menu_label = capfirst(Responsibility._meta.verbose_name_plural)
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["role", "kind", "person", "person_name", "department", "active"]
    list_filter = ["kind", "active"]
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
