"""Admin viewsets of the management reviews (clause 9.5)."""

from django.template.defaultfilters import linebreaksbr

from ..models import ManagementReview, ReviewDecision
from ._export import export_spec, filterset_for
from .base import RegisterInspectView, RegisterViewSet


class ManagementReviewInspectView(RegisterInspectView):
    def get_inputs_text_display_value(self):
        return linebreaksbr(self.object.inputs_text)


class ManagementReviewViewSet(RegisterViewSet):
    model = ManagementReview
    inspect_view_class = ManagementReviewInspectView
    #: The text rendering of the inputs reads better than the JSON snapshot (both exported).
    inspect_view_fields = [
        "title",
        "held_on",
        "chair",
        "attendees",
        "inputs_text",
        "conclusions",
        "next_review",
    ]
    icon = "group"
    list_display = ["title", "held_on", "chair", "next_review"]
    filterset_class = filterset_for(ManagementReview, [], "next_review")
    search_fields = ["title", "attendees", "inputs_text", "conclusions"]
    list_export, export_headings = export_spec(
        ManagementReview,
        ["title", "held_on", "chair", "attendees", "inputs_text", "conclusions", "next_review"],
    )


class ReviewDecisionViewSet(RegisterViewSet):
    model = ReviewDecision
    icon = "circle-check"
    list_display = ["decision", "review", "kind", "owner", "due_date", "status"]
    filterset_class = filterset_for(ReviewDecision, ["kind", "status"], "due_date")
    search_fields = ["decision", "review__title"]
    list_export, export_headings = export_spec(
        ReviewDecision,
        ["review", "kind", "decision", "owner", "due_date", "status"],
    )
