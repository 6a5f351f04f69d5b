"""Management review services (clause 9.5): create a review and snapshot its inputs.

:func:`management_review_gather_inputs` reads the registers in a fixed number of queries
(one per input, whatever the number of records) and stores a JSON snapshot plus a text
summary on the review, so that the review keeps what it saw when it was held.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from ..models import (
    Audit,
    ChangeStatus,
    ComplianceEvaluation,
    ContextIssue,
    CorrectiveAction,
    FindingKind,
    ImplementationPlan,
    InterestedParty,
    ManagementReview,
    Nonconformity,
    Objective,
    PlanStatus,
    ReviewDecision,
    Risk,
    RiskAction,
)
from ..models import Change as ChangeRecord

#: How many risks, by score, a review looks at.
TOP_RISKS = 10


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _user(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def previous_review(review: ManagementReview) -> ManagementReview | None:
    """The last review held before ``review``; one query."""
    return (
        ManagementReview.objects.filter(held_on__lt=review.held_on)
        .exclude(pk=review.pk)
        .order_by("-held_on")
        .first()
    )


def _open(model):
    queryset = model.objects.all()
    closed = model.closed_q()
    return queryset.exclude(closed) if closed is not None else queryset


def management_review_collect(*, review: ManagementReview) -> dict:
    """Build the structured inputs of ``review`` from the registers (9.5 a–h); no writes."""
    previous = previous_review(review)
    since = previous.held_on if previous else None
    until = review.held_on

    def in_period(field: str) -> Q:
        condition = Q(**{f"{field}__lte": until})
        if since:
            condition &= Q(**{f"{field}__gt": since})
        return condition

    def changed_in_period() -> Q:
        condition = Q(updated_at__lte=timezone.make_aware(dt.datetime.combine(until, dt.time.max)))
        if since:
            start = timezone.make_aware(dt.datetime.combine(since, dt.time.max))
            condition &= Q(updated_at__gt=start)
        return condition

    nonconformities = [
        {
            "code": nc.code,
            "title": nc.title,
            "source": nc.source,
            "severity": nc.severity,
            "status": nc.status,
            "owner": _user(nc.owner),
            "due_date": _date(nc.due_date),
        }
        for nc in _open(Nonconformity).select_related("owner").order_by("due_date", "code")
    ]
    actions = [
        {
            "kind": "corrective",
            "nonconformity": action.nonconformity.code,
            "description": action.description,
            "owner": _user(action.owner),
            "due_date": _date(action.due_date),
        }
        for action in _open(CorrectiveAction)
        .select_related("nonconformity", "owner")
        .order_by("due_date", "pk")
    ]
    actions += [
        {
            "kind": "risk",
            "risk": action.risk.title,
            "description": action.description,
            "owner": _user(action.owner),
            "due_date": _date(action.due_date),
        }
        for action in _open(RiskAction).select_related("risk", "owner").order_by("due_date", "pk")
    ]
    previous_decisions = [
        {
            "review": str(decision.review),
            "decision": decision.decision,
            "status": decision.status,
            "owner": _user(decision.owner),
            "due_date": _date(decision.due_date),
        }
        for decision in _open(ReviewDecision)
        .exclude(review=review)
        .select_related("review", "owner")
        .order_by("due_date", "pk")
    ]
    evaluations = [
        {
            "obligation": str(evaluation.obligation),
            "date": _date(evaluation.evaluated_on),
            "result": evaluation.result,
            "actions": evaluation.actions,
        }
        for evaluation in ComplianceEvaluation.objects.filter(in_period("evaluated_on"))
        .select_related("obligation")
        .order_by("evaluated_on", "pk")
    ]
    risks = [
        {
            "title": risk.title,
            "kind": risk.kind,
            "category": risk.category,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "score": risk.score,
            "level": risk.level.value,
            "status": risk.status,
        }
        for risk in _open(Risk)
        .annotate(matrix_score=F("likelihood") * F("impact"))
        .order_by("-matrix_score", "title")[:TOP_RISKS]
    ]
    parties = [
        {
            "party": party.party,
            "category": party.category,
            "needs_expectations": party.needs_expectations,
            "becomes_obligation": party.becomes_obligation,
        }
        for party in InterestedParty.objects.filter(changed_in_period()).order_by("party")
    ]
    issues = [
        {"title": issue.title, "kind": issue.kind, "effect": issue.effect}
        for issue in ContextIssue.objects.filter(changed_in_period()).order_by("title")
    ]
    plans_qs = ImplementationPlan.objects.exclude(status=PlanStatus.CANCELLED).order_by("code")
    plans = [
        {
            "code": plan.code,
            "title": plan.title,
            "status": plan.status,
            "people": plan.people,
            "equipment": plan.equipment,
            "budget": _number(plan.budget),
            "spent": _number(plan.spent),
        }
        for plan in plans_qs
    ]
    totals = plans_qs.aggregate(budget=Sum("budget"), spent=Sum("spent"))
    audits = [
        {
            "title": audit.title,
            "date": _date(audit.audited_on),
            "conclusion": audit.conclusion,
            "findings": {
                kind.value: sum(1 for f in audit.findings.all() if f.kind == kind)
                for kind in FindingKind
            },
        }
        for audit in Audit.objects.filter(in_period("audited_on"))
        .prefetch_related("findings")
        .order_by("audited_on", "pk")
    ]
    objectives = [
        {
            "code": objective.code,
            "title": objective.title,
            "status": objective.status,
            "deadline": _date(objective.deadline),
            "approved": objective.is_approved,
        }
        for objective in Objective.objects.order_by("code")
    ]
    changes = [
        {
            "title": change.title,
            "kind": change.kind,
            "planned": change.planned,
            "status": change.status,
        }
        for change in ChangeRecord.objects.filter(changed_in_period())
        .exclude(status=ChangeStatus.REJECTED)
        .order_by("title")
    ]
    return {
        "period": {"since": _date(since), "until": _date(until)},
        "previous_review": str(previous) if previous else None,
        "previous_decisions": previous_decisions,
        "context_issue_changes": issues,
        "interested_party_changes": parties,
        "objectives": objectives,
        "open_nonconformities": nonconformities,
        "open_actions": actions,
        "compliance_evaluations": evaluations,
        "audits": audits,
        "top_risks": risks,
        "resources": {
            "plans": plans,
            "budget": _number(totals["budget"]) or 0.0,
            "spent": _number(totals["spent"]) or 0.0,
        },
        "changes": changes,
    }


def management_review_inputs_text(inputs: dict) -> str:
    """A short translated summary of the structured inputs; issues no query."""
    lines = [
        gettext("Period: %(since)s to %(until)s")
        % {"since": inputs["period"]["since"] or "—", "until": inputs["period"]["until"]},
        gettext("Open actions of previous reviews: %(count)s")
        % {"count": len(inputs["previous_decisions"])},
        gettext("Changed context issues: %(count)s; changed interested parties: %(parties)s")
        % {
            "count": len(inputs["context_issue_changes"]),
            "parties": len(inputs["interested_party_changes"]),
        },
        gettext("Objectives: %(count)s") % {"count": len(inputs["objectives"])},
        gettext("Open nonconformities: %(count)s; open actions: %(actions)s")
        % {"count": len(inputs["open_nonconformities"]), "actions": len(inputs["open_actions"])},
    ]
    for item in inputs["compliance_evaluations"]:
        lines.append(
            gettext("Compliance evaluation %(date)s, %(obligation)s: %(result)s")
            % {"date": item["date"], "obligation": item["obligation"], "result": item["result"]}
        )
    for item in inputs["audits"]:
        lines.append(
            gettext("Audit %(date)s, %(title)s: %(conclusion)s")
            % {"date": item["date"], "title": item["title"], "conclusion": item["conclusion"]}
        )
    for item in inputs["top_risks"]:
        lines.append(
            gettext("Risk %(title)s: score %(score)s")
            % {"title": item["title"], "score": item["score"]}
        )
    resources = inputs["resources"]
    lines.append(
        gettext("Resources: budget %(budget)s, spent %(spent)s (10⁴ CNY) over %(plans)s plans")
        % {
            "budget": resources["budget"],
            "spent": resources["spent"],
            "plans": len(resources["plans"]),
        }
    )
    lines.append(gettext("Changes: %(count)s") % {"count": len(inputs["changes"])})
    return "\n".join(lines)


@transaction.atomic
def management_review_gather_inputs(*, review: ManagementReview) -> ManagementReview:
    """Snapshot the register inputs (clause 9.5) onto ``review`` and save it."""
    review.inputs = management_review_collect(review=review)
    summary = management_review_inputs_text(review.inputs)
    review.inputs_text = (
        f"{review.inputs_text.rstrip()}\n\n{summary}" if review.inputs_text else summary
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def management_review_create(
    *,
    title: str,
    held_on: dt.date,
    chair=None,
    attendees: str = "",
    conclusions: str = "",
    next_review: dt.date | None = None,
) -> ManagementReview:
    """Create a management review and gather its inputs from the registers (9.5)."""
    review = ManagementReview(
        title=title,
        held_on=held_on,
        chair=chair,
        attendees=attendees,
        conclusions=conclusions,
        next_review=next_review,
    )
    review.full_clean()
    review.save()
    return management_review_gather_inputs(review=review)
