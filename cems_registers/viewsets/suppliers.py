"""Admin viewsets of the suppliers and declared footprints (clause 8.3)."""

from ..models import Supplier
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class SupplierViewSet(RegisterViewSet):
    model = Supplier
    icon = "openquote"
    list_display = ["name", "goods", "significant", "rating", "next_evaluation"]
    filterset_class = filterset_for(
        Supplier, ["rating", "significant", "informed"], "next_evaluation"
    )
    search_fields = ["name", "credit_code", "goods"]
    list_export, export_headings = export_spec(
        Supplier,
        [
            "name",
            "credit_code",
            "goods",
            "significant",
            "informed",
            "low_carbon_evaluation",
            "rating",
            "evaluated_on",
            "next_evaluation",
            "owner",
        ],
    )
