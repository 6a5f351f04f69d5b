"""Reads of the readiness assessment: the live evaluation of the clause table and the history."""

import datetime as dt

from django.utils import timezone, translation

from .checks import Status, get_check
from .models import ClauseExclusion, ReadinessAssessment
from .rules import CHAPTER_TITLES, CLAUSES, chapter_of

POINTS = {Status.MET: 1.0, Status.PARTLY: 0.5, Status.NOT_MET: 0.0}


def combine(statuses: list[str]) -> str:
    """A clause's status from its checks' statuses: all met → met, none met or partly → not met."""
    if statuses and all(s == Status.MET for s in statuses):
        return Status.MET
    if any(s in (Status.MET, Status.PARTLY) for s in statuses):
        return Status.PARTLY
    return Status.NOT_MET


def score(statuses: list[str]) -> float | None:
    """Met = 1, partly = 0.5, not met = 0, n/a excluded; the share of the applicable (0–1)."""
    points = [POINTS[s] for s in statuses if s != Status.NOT_APPLICABLE]
    return sum(points) / len(points) if points else None


def readiness_evaluate(*, today: dt.date | None = None) -> dict:
    """Evaluate every clause's checks now and return the snapshot stored by an assessment.

    Issues one query for the exclusions plus each check's fixed number (``checks``): the count
    depends on the clause table, not on the data. Texts are msgids (evaluated with translation
    off), so the snapshot is shown in its reader's language.
    """
    today = today or timezone.localdate()
    exclusions = {e.clause: e.reason for e in ClauseExclusion.objects.all()}
    clauses = []
    with translation.override(None):
        for rule in CLAUSES:
            checks = [
                get_check(spec["check"])(
                    today=today, **{k: v for k, v in spec.items() if k != "check"}
                ).as_dict()
                for spec in rule["checks"]
            ]
            status = combine([c["status"] for c in checks])
            reason = exclusions.get(rule["clause"], "")
            if reason:
                status = Status.NOT_APPLICABLE
            clauses.append(
                {
                    "clause": rule["clause"],
                    "chapter": chapter_of(rule["clause"]),
                    "title": rule["title"],
                    "asks": rule["asks"],
                    "status": status,
                    "reason": reason,
                    "checks": checks,
                }
            )
    chapters = []
    for number, title in CHAPTER_TITLES.items():
        statuses = [c["status"] for c in clauses if c["chapter"] == number]
        chapters.append(
            {
                "chapter": number,
                "title": title,
                "score": score(statuses),
                "met": statuses.count(Status.MET),
                "partly": statuses.count(Status.PARTLY),
                "not_met": statuses.count(Status.NOT_MET),
                "not_applicable": statuses.count(Status.NOT_APPLICABLE),
            }
        )
    return {
        "as_of": today.isoformat(),
        "clauses": clauses,
        "chapters": chapters,
        "score": score([c["status"] for c in clauses]),
    }


def readiness_history(*, limit: int = 10) -> list[ReadinessAssessment]:
    """The latest assessments, newest first (one query)."""
    return list(ReadinessAssessment.objects.select_related("taken_by")[:limit])


def readiness_compare(newer: ReadinessAssessment, older: ReadinessAssessment) -> list[dict]:
    """Clauses whose status changed between two assessments (issues no query)."""
    before = {c["clause"]: c["status"] for c in older.results.get("clauses", [])}
    changes = []
    for clause in newer.results.get("clauses", []):
        old = before.get(clause["clause"])
        if old != clause["status"]:
            changes.append(
                {
                    "clause": clause["clause"],
                    "title": clause["title"],
                    "before": old,
                    "after": clause["status"],
                }
            )
    return changes
