"""Services on compliance obligations (4.2.2) and their evaluations (9.2)."""

import calendar
import datetime as dt

from django.db import transaction

from ..models import ComplianceEvaluation, ComplianceObligation


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's end; issues no query."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def compliance_obligation_schedule_next_review(
    *, obligation: ComplianceObligation, evaluated_on: dt.date
) -> ComplianceObligation:
    """Set the next review one interval after ``evaluated_on`` unless it is already later."""
    due = add_months(evaluated_on, obligation.review_interval_months)
    if obligation.next_review is None or obligation.next_review < due:
        obligation.next_review = due
        obligation.full_clean()
        obligation.save()
    return obligation


@transaction.atomic
def compliance_evaluation_record(
    *,
    obligation: ComplianceObligation,
    evaluated_on: dt.date,
    result: str,
    evidence: str = "",
    actions: str = "",
    evaluator=None,
    owner=None,
    action_due: dt.date | None = None,
) -> ComplianceEvaluation:
    """Record an evaluation of compliance (9.2) and schedule the obligation's next review."""
    evaluation = ComplianceEvaluation(
        obligation=obligation,
        evaluated_on=evaluated_on,
        result=result,
        evidence=evidence,
        actions=actions,
        evaluator=evaluator,
        owner=owner,
        action_due=action_due,
    )
    evaluation.full_clean()
    evaluation.save()
    compliance_obligation_schedule_next_review(obligation=obligation, evaluated_on=evaluated_on)
    return evaluation
