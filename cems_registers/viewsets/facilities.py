"""Admin viewsets of the organisation units and facilities (clause 4.3)."""

from ..models import Facility
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class FacilityViewSet(RegisterViewSet):
    model = Facility
    icon = "site"
    list_display = ["code", "name", "kind", "parent", "in_boundary", "grid_region"]
    filterset_class = filterset_for(Facility, ["kind", "in_boundary", "grid_region"])
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
