"""Admin viewsets of the measuring instruments (clause 9.1.4)."""

from ..models import MeasuringInstrument
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class MeasuringInstrumentViewSet(RegisterViewSet):
    model = MeasuringInstrument
    icon = "time"
    list_display = ["code", "name", "measures", "accuracy_class", "next_calibration", "status"]
    filterset_class = filterset_for(MeasuringInstrument, ["status", "facility"], "next_calibration")
    search_fields = ["code", "name", "measures", "serial_number"]
    list_export, export_headings = export_spec(
        MeasuringInstrument,
        [
            "code",
            "name",
            "measures",
            "facility",
            "model_number",
            "serial_number",
            "accuracy_class",
            "calibration_interval_months",
            "last_calibrated",
            "next_calibration",
            "status",
            "owner",
        ],
    )
