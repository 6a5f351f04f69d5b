"""Admin viewsets of the organisation units and facilities (clause 4.3)."""

from django.utils.text import capfirst

from ..models import Facility
from ._export import export_spec
from .base import RegisterViewSet


class FacilityViewSet(RegisterViewSet):
    model = Facility
    icon = "site"
    menu_label = capfirst(Facility._meta.verbose_name_plural)
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["code", "name", "kind", "parent", "in_boundary", "grid_region"]
    list_filter = ["kind", "in_boundary", "grid_region"]
    search_fields = ["code", "name", "name_en", "address", "boundary_reason"]
    list_export, export_headings = export_spec(
        Facility,
        [
            "code",
            "name",
            "name_en",
            "kind",
            "parent",
            "address",
            "in_boundary",
            "boundary_reason",
            "grid_region",
            "owner",
        ],
    )
