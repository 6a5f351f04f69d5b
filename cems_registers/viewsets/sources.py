"""Admin viewsets of the emission sources and sinks (clause 6.3.1 c)."""

from ..models import EmissionSource
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class EmissionSourceViewSet(RegisterViewSet):
    model = EmissionSource
    icon = "cog"
    list_display = ["code", "name", "facility", "scope", "category", "material_key", "in_boundary"]
    filterset_class = filterset_for(
        EmissionSource, ["scope", "category", "kind", "in_boundary", "facility"]
    )
    search_fields = ["code", "name", "name_en", "material_key", "facility__name"]
    list_export, export_headings = export_spec(
        EmissionSource,
        [
            "code",
            "name",
            "name_en",
            "facility",
            "kind",
            "material_key",
            "ghgs",
            "scope",
            "category",
            "activity_unit",
            "data_owner",
            "in_boundary",
        ],
    )
