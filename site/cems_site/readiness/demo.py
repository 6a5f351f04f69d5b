"""Demo: one stored readiness assessment in the history, taken by the management
representative, after the demo's registers, pages and runs are loaded (idempotent)."""

from .models import ReadinessAssessment
from .services import readiness_assessment_take


def load_demo(*, users=None, stdout=None) -> str:
    if ReadinessAssessment.objects.exists():
        return "assessment already taken"
    taker = (users or {}).get("rep")
    assessment = readiness_assessment_take(user=taker)
    statuses = [c["status"] for c in assessment.results["clauses"]]
    return (
        f"assessment taken: {statuses.count('met')} met, {statuses.count('partly')} partly, "
        f"{statuses.count('not_met')} not met"
    )
