"""Admin viewsets of the design reviews (clause 8.2)."""

from ..models import DesignReview
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class DesignReviewViewSet(RegisterViewSet):
    model = DesignReview
    icon = "edit"
    list_display = ["title", "subject", "reviewed_on", "follow_up_due"]
    filterset_class = filterset_for(DesignReview, ["subject", "follow_up_done"], "follow_up_due")
    search_fields = ["title", "carbon_considerations", "decision"]
    list_export, export_headings = export_spec(
        DesignReview,
        [
            "title",
            "subject",
            "stage",
            "reviewed_on",
            "carbon_considerations",
            "expected_effect",
            "decision",
            "reviewers",
            "owner",
            "follow_up_due",
            "follow_up_done",
        ],
    )
