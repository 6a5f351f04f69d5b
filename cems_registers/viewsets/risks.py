"""Admin viewsets of the risks and opportunities (6.1) and their actions (6.2)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column

from ..models import Risk, RiskAction
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class RiskViewSet(RegisterViewSet):
    model = Risk
    icon = "warning"
    list_display = [
        "title",
        "kind",
        "category",
        "likelihood",
        "impact",
        Column("score", label=_("Score")),
        "status",
        "review_date",
    ]
    #: The score and its level follow the assessment (6.1, 5 × 5 matrix).
    inspect_view_extras = {"impact": [("score", _("Score")), ("level", _("Level"))]}
    filterset_class = filterset_for(
        Risk, ["kind", "category", "status", "likelihood", "impact"], "review_date"
    )
    search_fields = ["title", "description"]
    list_export, export_headings = export_spec(
        Risk,
        [
            "title",
            "kind",
            "category",
            "description",
            "facility",
            "likelihood",
            "impact",
            "score",
            "status",
            "owner",
            "review_date",
        ],
        extra={"score": _("Score")},
    )


class RiskActionViewSet(RegisterViewSet):
    model = RiskAction
    icon = "tick-inverse"
    list_display = ["description", "risk", "owner", "due_date", "status", "emergency_plan"]
    filterset_class = filterset_for(
        RiskAction, ["status", "emergency_plan", "effective"], "due_date"
    )
    search_fields = ["description", "risk__title", "effectiveness_review"]
    list_export, export_headings = export_spec(
        RiskAction,
        [
            "risk",
            "description",
            "owner",
            "due_date",
            "emergency_plan",
            "status",
            "completed_on",
            "effective",
            "effectiveness_review",
        ],
    )
