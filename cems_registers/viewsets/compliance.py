"""Admin viewsets of the compliance obligations (4.2.2) and evaluations (9.2)."""

from ..models import ComplianceEvaluation, ComplianceObligation
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class ComplianceObligationViewSet(RegisterViewSet):
    model = ComplianceObligation
    icon = "doc-empty"
    list_display = ["title", "kind", "issuer", "number", "status", "next_review"]
    filterset_class = filterset_for(ComplianceObligation, ["kind", "status"], "next_review")
    search_fields = ["title", "issuer", "number", "clause", "applicability", "how_applied"]
    list_export, export_headings = export_spec(
        ComplianceObligation,
        [
            "title",
            "issuer",
            "number",
            "clause",
            "kind",
            "status",
            "effective_date",
            "applicability",
            "how_applied",
            "review_interval_months",
            "next_review",
            "owner",
        ],
    )


class ComplianceEvaluationViewSet(RegisterViewSet):
    model = ComplianceEvaluation
    icon = "tasks"
    list_display = ["obligation", "evaluated_on", "result", "evaluator", "action_due"]
    filterset_class = filterset_for(ComplianceEvaluation, ["result", "actions_done"], "action_due")
    search_fields = ["obligation__title", "evidence", "actions"]
    list_export, export_headings = export_spec(
        ComplianceEvaluation,
        [
            "obligation",
            "evaluated_on",
            "result",
            "evidence",
            "actions",
            "evaluator",
            "owner",
            "action_due",
            "actions_done",
        ],
    )
