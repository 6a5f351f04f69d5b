"""Management review services (clause 9.5): create a review and snapshot its inputs.

:func:`management_review_gather_inputs` reads the registers in a fixed number of queries
(one per input, whatever the number of records) and stores a JSON snapshot plus a text
summary on the review, so that the review keeps what it saw when it was held.
"""

import datetime as dt
from dataclasses import dataclass
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
    EvaluationResult,
    FindingKind,
    ImplementationPlan,
    InterestedParty,
    ManagementReview,
    Nonconformity,
    Objective,
    ObjectiveStatus,
    PlanStatus,
    ReviewDecision,
    Risk,
    RiskAction,
)
from ..models import Change as ChangeRecord
from ..people import person_name
from ..review_inputs import contributed_inputs

#: How many risks, by score, a review looks at.
TOP_RISKS = 10


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _user(user) -> str:
    return person_name(user)


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


@dataclass(frozen=True)
class _Period:
    """The review period: after the previous review (``since``, if any) up to ``until``."""

    since: dt.date | None
    until: dt.date

    def dated(self, field: str) -> Q:
        """Records whose date ``field`` falls in the period."""
        condition = Q(**{f"{field}__lte": self.until})
        if self.since:
            condition &= Q(**{f"{field}__gt": self.since})
        return condition

    def changed(self) -> Q:
        """Records changed (``updated_at``) in the period."""
        end = timezone.make_aware(dt.datetime.combine(self.until, dt.time.max))
        condition = Q(updated_at__lte=end)
        if self.since:
            start = timezone.make_aware(dt.datetime.combine(self.since, dt.time.max))
            condition &= Q(updated_at__gt=start)
        return condition


def _collect_nonconformities() -> list[dict]:
    """Open nonconformities (9.5)."""
    return [
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


def _collect_actions() -> list[dict]:
    """Open corrective actions, then open risk actions (9.5)."""
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
    return actions + [
        {
            "kind": "risk",
            "risk": action.risk.title,
            "description": action.description,
            "owner": _user(action.owner),
            "due_date": _date(action.due_date),
        }
        for action in _open(RiskAction).select_related("risk", "owner").order_by("due_date", "pk")
    ]


def _collect_previous_decisions(review: ManagementReview) -> list[dict]:
    """Decisions of earlier reviews still open (9.5)."""
    return [
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


def _collect_evaluations(period: _Period) -> list[dict]:
    """Compliance evaluations of the period (9.5)."""
    return [
        {
            "obligation": str(evaluation.obligation),
            "date": _date(evaluation.evaluated_on),
            "result": evaluation.result,
            "actions": evaluation.actions,
        }
        for evaluation in ComplianceEvaluation.objects.filter(period.dated("evaluated_on"))
        .select_related("obligation")
        .order_by("evaluated_on", "pk")
    ]


def _collect_top_risks() -> list[dict]:
    """The :data:`TOP_RISKS` open risks and opportunities with the highest score (9.5)."""
    return [
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


def _collect_parties(period: _Period) -> list[dict]:
    """Interested parties changed in the period (9.5)."""
    return [
        {
            "party": party.party,
            "category": party.category,
            "needs_expectations": party.needs_expectations,
            "becomes_obligation": party.becomes_obligation,
        }
        for party in InterestedParty.objects.filter(period.changed()).order_by("party")
    ]


def _collect_issues(period: _Period) -> list[dict]:
    """Context issues changed in the period (9.5)."""
    return [
        {"title": issue.title, "kind": issue.kind, "effect": issue.effect}
        for issue in ContextIssue.objects.filter(period.changed()).order_by("title")
    ]


def _collect_resources() -> dict:
    """Implementation plans not cancelled, with their budget and spending (9.5)."""
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
    return {
        "plans": plans,
        "budget": _number(totals["budget"]) or 0.0,
        "spent": _number(totals["spent"]) or 0.0,
    }


def _collect_audits(period: _Period) -> list[dict]:
    """Audits of the period with their findings counted by kind (9.5)."""
    return [
        {
            "title": audit.title,
            "date": _date(audit.audited_on),
            "conclusion": audit.conclusion,
            "findings": {
                kind.value: sum(1 for f in audit.findings.all() if f.kind == kind)
                for kind in FindingKind
            },
        }
        for audit in Audit.objects.filter(period.dated("audited_on"))
        .prefetch_related("findings")
        .order_by("audited_on", "pk")
    ]


def _collect_objectives() -> list[dict]:
    """Every objective with its status and deadline (9.5)."""
    return [
        {
            "code": objective.code,
            "title": objective.title,
            "status": objective.status,
            "deadline": _date(objective.deadline),
            "approved": objective.is_approved,
        }
        for objective in Objective.objects.order_by("code")
    ]


def _collect_changes(period: _Period) -> list[dict]:
    """Changes recorded in the period and not rejected (9.5)."""
    return [
        {
            "title": change.title,
            "kind": change.kind,
            "planned": change.planned,
            "status": change.status,
        }
        for change in ChangeRecord.objects.filter(period.changed())
        .exclude(status=ChangeStatus.REJECTED)
        .order_by("title")
    ]


def management_review_collect(*, review: ManagementReview) -> dict:
    """Build the structured inputs of ``review`` from the registers (9.5 a–h); no writes.

    One collector per input; the period runs from the previous review (if any) to this one.
    """
    previous = previous_review(review)
    period = _Period(since=previous.held_on if previous else None, until=review.held_on)
    return {
        "period": {"since": _date(period.since), "until": _date(period.until)},
        "previous_review": str(previous) if previous else None,
        "previous_decisions": _collect_previous_decisions(review),
        "context_issue_changes": _collect_issues(period),
        "interested_party_changes": _collect_parties(period),
        "objectives": _collect_objectives(),
        "open_nonconformities": _collect_nonconformities(),
        "open_actions": _collect_actions(),
        "compliance_evaluations": _collect_evaluations(period),
        "audits": _collect_audits(period),
        "top_risks": _collect_top_risks(),
        "resources": _collect_resources(),
        "changes": _collect_changes(period),
        # carbon performance, assessment, alerts …: sections other apps contribute (9.5 c)
        "contributed": contributed_inputs(since=period.since, until=period.until),
    }


def management_review_inputs_text(inputs: dict) -> str:
    """The structured inputs as translated, readable text, one item a line; issues no query."""
    period = inputs["period"]
    lines = [
        gettext("Period: %(since)s to %(until)s")
        % {"since": period["since"] or "—", "until": period["until"]},
    ]

    def section(title: str, items: list, render) -> None:
        lines.append("")
        lines.append(gettext("%(title)s (%(count)s)") % {"title": title, "count": len(items)})
        lines.extend(f"- {render(item)}" for item in items)

    section(
        gettext("Actions from previous reviews"),
        inputs["previous_decisions"],
        lambda d: f"{d['decision']} ({d['due_date'] or '—'})",
    )
    section(
        gettext("Changed context issues"),
        inputs["context_issue_changes"],
        lambda i: i["title"],
    )
    section(
        gettext("Changed interested parties"),
        inputs["interested_party_changes"],
        lambda p: f"{p['party']}: {p['needs_expectations']}",
    )
    section(
        gettext("Objectives"),
        inputs["objectives"],
        lambda o: f"{o['code']} {o['title']} ({ObjectiveStatus(o['status']).label})",
    )
    section(
        gettext("Open nonconformities"),
        inputs["open_nonconformities"],
        lambda n: f"{n['code']} {n['title']} ({n['due_date'] or '—'})",
    )
    section(
        gettext("Open corrective and risk actions"),
        inputs["open_actions"],
        lambda a: f"{a['description']} ({a['due_date'] or '—'})",
    )
    section(
        gettext("Compliance evaluations"),
        inputs["compliance_evaluations"],
        lambda e: f"{e['date']} {e['obligation']}: {EvaluationResult(e['result']).label}",
    )
    section(
        gettext("Audits"),
        inputs["audits"],
        lambda a: f"{a['date']} {a['title']}: {a['conclusion']}",
    )
    section(
        gettext("Top risks by score"),
        inputs["top_risks"],
        lambda r: f"{r['title']}: {r['likelihood']} × {r['impact']} = {r['score']}",
    )
    resources = inputs["resources"]
    section(
        gettext("Resources of the implementation plans"),
        resources["plans"],
        lambda p: f"{p['code']} {p['title']}: {p['budget']} / {p['spent']}",
    )
    lines.append(
        gettext("Budget %(budget)s, spent %(spent)s (10⁴ CNY)")
        % {"budget": resources["budget"], "spent": resources["spent"]}
    )
    section(gettext("Changes"), inputs["changes"], lambda c: c["title"])
    for contributed in inputs.get("contributed", []):
        section(
            gettext(contributed["title"]),
            contributed["rows"],
            lambda row: " · ".join("—" if c in (None, "") else gettext(str(c)) for c in row),
        )
        if contributed.get("note"):
            lines.append(gettext(contributed["note"]) % contributed.get("note_params", {}))
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
