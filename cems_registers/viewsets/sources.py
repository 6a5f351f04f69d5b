"""Admin viewsets of the emission sources and sinks (clause 6.3.1 c)."""

from django.utils.text import capfirst

from ..models import EmissionSource
from ._export import export_spec
from .base import RegisterViewSet


class EmissionSourceViewSet(RegisterViewSet):
    model = EmissionSource
    icon = "cog"
    menu_label = capfirst(EmissionSource._meta.verbose_name_plural)
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["code", "name", "facility", "scope", "category", "material_key", "in_boundary"]
    list_filter = ["scope", "category", "kind", "in_boundary", "facility"]
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
