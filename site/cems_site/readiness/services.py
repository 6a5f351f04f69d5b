"""Writes of the readiness assessment: take one, record or clear a clause's n/a reason."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ClauseExclusion, ReadinessAssessment
from .selectors import readiness_evaluate

#: The permission that allows taking assessments and recording n/a reasons.
TAKE_PERMISSION = "cems_readiness.add_readinessassessment"
EXCLUDE_PERMISSION = "cems_readiness.change_clauseexclusion"
VIEW_PERMISSION = "cems_readiness.view_readinessassessment"


@transaction.atomic
def readiness_assessment_take(*, user, today: dt.date | None = None) -> ReadinessAssessment:
    """Evaluate the clause table now and store the snapshot with who took it."""
    results = readiness_evaluate(today=today)
    assessment = ReadinessAssessment(
        taken_by=user,
        as_of=dt.date.fromisoformat(results["as_of"]),
        results=results,
        score=results["score"],
    )
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def clause_exclusion_set(*, clause: str, reason: str, user) -> ClauseExclusion:
    """Record ``clause`` as not applicable for ``reason`` (required), or update the reason."""
    exclusion = ClauseExclusion.objects.filter(clause=clause).first() or ClauseExclusion(
        clause=clause
    )
    exclusion.reason = (reason or "").strip()
    if not exclusion.reason:
        # said before Django's generic "this field cannot be blank", naming the clause
        raise ValidationError(
            {
                "reason": _("Give the reason why clause %(clause)s does not apply.")
                % {"clause": clause}
            }
        )
    exclusion.recorded_by = user
    exclusion.full_clean()
    exclusion.save()
    return exclusion


@transaction.atomic
def clause_exclusion_clear(*, clause: str) -> None:
    """Make ``clause`` applicable again."""
    ClauseExclusion.objects.filter(clause=clause).delete()
