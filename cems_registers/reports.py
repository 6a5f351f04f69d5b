"""PDF reports of the registers: the audit report (9.3) and the management review pack (9.5).

Selectors gather each report's data in a fixed number of queries; rendering goes through
the project's one renderer :func:`cems_registers.pdf.render_pdf` (embedded CJK font), in
Chinese or English.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from .pdf import render_pdf

AUDIT_TEMPLATE = "cems_registers/pdf/audit_report.html"
REVIEW_TEMPLATE = "cems_registers/pdf/management_review_pack.html"
LANGUAGES = ("zh-hans", "en")


def _model(name):
    return apps.get_model("cems_registers", name)


def choice_label(model_name: str, field: str, value) -> str:
    """Label of a stored choice value in the active language; issues no query."""
    if value in (None, ""):
        return "—"
    choices = dict(_model(model_name)._meta.get_field(field).flatchoices)
    return str(choices.get(value, value))


def audit_report_context(*, audit_id: int) -> dict:
    """The audit with its programme (plan), findings and linked nonconformities; 3 queries."""
    Audit, AuditFinding, Nonconformity = (
        _model("Audit"),
        _model("AuditFinding"),
        _model("Nonconformity"),
    )
    audit = (
        Audit.objects.select_related("programme", "programme__lead_auditor", "owner")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=AuditFinding.objects.order_by("reference").prefetch_related(
                    Prefetch(
                        "nonconformities",
                        queryset=Nonconformity.objects.select_related("owner").order_by("code"),
                    )
                ),
            )
        )
        .get(pk=audit_id)
    )
    findings = list(audit.findings.all())
    nonconformities = [nc for finding in findings for nc in finding.nonconformities.all()]
    counts = {}
    for finding in findings:
        counts[finding.get_kind_display()] = counts.get(finding.get_kind_display(), 0) + 1
    return {
        "audit": audit,
        "programme": audit.programme,
        "findings": findings,
        "nonconformities": nonconformities,
        "finding_counts": counts,
    }


def _rows(
    rows: list[dict], columns: tuple[str, ...], labels: dict[str, tuple[str, str]] | None = None
) -> list[dict]:
    """Snapshot rows in one declared shape: every column present, choice values labelled.

    The pack's template reads exactly ``columns`` (and ``<key>_label`` for each key of
    ``labels``: ``{key: (model, field)}``); a key that a snapshot of another version or of
    another kind of record lacks is ``None`` here, so the template never looks up a key
    that is not there. Issues no query.
    """
    labels = labels or {}
    out = []
    for row in rows:
        shaped = {column: row.get(column) for column in columns}
        for key, (model_name, field) in labels.items():
            shaped[f"{key}_label"] = choice_label(model_name, field, row.get(key))
        out.append(shaped)
    return out


#: Kinds of open action in the snapshot (9.4 corrective, 6.2 risk): the key naming the record
#: each is for, and the model whose verbose name labels the kind.
ACTION_KINDS = {
    "corrective": ("nonconformity", "CorrectiveAction"),
    "risk": ("risk", "RiskAction"),
}


def action_rows(rows: list[dict]) -> list[dict]:
    """Open corrective and risk actions in one shape: kind label, what they are for; no query.

    A corrective action names its nonconformity (key ``nonconformity``), a risk action its
    risk or opportunity (key ``risk``); both become ``subject``.
    """
    out = []
    for row in rows:
        kind = row.get("kind") or ("risk" if "risk" in row else "corrective")
        subject_key, model_name = ACTION_KINDS.get(kind, ACTION_KINDS["corrective"])
        out.append(
            {
                "kind": kind,
                "kind_label": capfirst(_model(model_name)._meta.verbose_name),
                "subject": row.get(subject_key),
                "description": row.get("description"),
                "owner": row.get("owner"),
                "due_date": row.get("due_date"),
            }
        )
    return out


#: The snapshot's tables as the pack shows them: (context key, snapshot key, plain fields,
#: choice fields as ``{field: (model, field)}``) for :func:`_rows`.
REVIEW_TABLES = (
    (
        "previous_decisions",
        "previous_decisions",
        ("review", "decision", "owner", "due_date"),
        {"status": ("ReviewDecision", "status")},
    ),
    ("issues", "context_issue_changes", ("title", "effect"), {"kind": ("ContextIssue", "kind")}),
    (
        "parties",
        "interested_party_changes",
        ("party", "needs_expectations"),
        {"category": ("InterestedParty", "category")},
    ),
    (
        "objectives",
        "objectives",
        ("code", "title", "deadline", "approved"),
        {"status": ("Objective", "status")},
    ),
    (
        "nonconformities",
        "open_nonconformities",
        ("code", "title", "owner", "due_date"),
        {"severity": ("Nonconformity", "severity"), "status": ("Nonconformity", "status")},
    ),
    (
        "evaluations",
        "compliance_evaluations",
        ("date", "obligation", "actions"),
        {"result": ("ComplianceEvaluation", "result")},
    ),
    ("audits", "audits", ("date", "title", "conclusion"), None),
    (
        "risks",
        "top_risks",
        ("title", "likelihood", "impact", "score"),
        {"kind": ("Risk", "kind"), "category": ("Risk", "category"), "status": ("Risk", "status")},
    ),
    (
        "changes",
        "changes",
        ("title",),
        {"kind": ("Change", "kind"), "status": ("Change", "status")},
    ),
)


def management_review_pack_context(*, review_id: int) -> dict:
    """The review, its snapshot of inputs (9.5 a–h) and its decisions; 2 queries.

    Every kind of row the snapshot can hold is brought into the shape the template reads
    (:func:`_rows` over :data:`REVIEW_TABLES`, :func:`action_rows`), whichever version of
    the service gathered it.
    """
    ManagementReview, ReviewDecision = _model("ManagementReview"), _model("ReviewDecision")
    review = (
        ManagementReview.objects.select_related("chair")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=ReviewDecision.objects.select_related("owner").order_by("due_date", "pk"),
            )
        )
        .get(pk=review_id)
    )
    inputs = review.inputs or {}
    resources = inputs.get("resources") or {}
    period = inputs.get("period") or {}
    tables = {
        key: _rows(inputs.get(source, []), fields, choices)
        for key, source, fields, choices in REVIEW_TABLES
    }
    return {
        "review": review,
        "decisions": list(review.decisions.all()),
        "inputs": inputs,
        "period": {"since": period.get("since"), "until": period.get("until")},
        **tables,
        "actions": action_rows(inputs.get("open_actions", [])),
        "plans": _rows(
            resources.get("plans", []),
            ("code", "title", "budget", "spent"),
            {"status": ("ImplementationPlan", "status")},
        ),
        "budget": resources.get("budget"),
        "spent": resources.get("spent"),
        "contributed": contributed_sections(inputs.get("contributed", [])),
        "further_number": 10 + len(inputs.get("contributed", [])),
    }


def _cell(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):  # a measured figure: grouped, no trailing zeros
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    if isinstance(value, int):  # years and counts, as written
        return str(value)
    return gettext(str(value))  # a msgid (status, kind) in the reader's language; data as is


def contributed_sections(sections: list[dict]) -> list[dict]:
    """Sections other apps contributed to the snapshot (9.5), translated; issues no query."""
    return [
        {
            "number": 10 + index,
            "title": gettext(section["title"]),
            "columns": [gettext(c) for c in section.get("columns", [])],
            "rows": [[_cell(c) for c in row] for row in section.get("rows", [])],
            "note": (
                gettext(section["note"]) % section.get("note_params", {})
                if section.get("note")
                else ""
            ),
        }
        for index, section in enumerate(sections)
    ]


def _language(language: str | None) -> str:
    language = language or translation.get_language() or "zh-hans"
    return language if language in LANGUAGES else "zh-hans"


def audit_report_pdf(*, audit_id: int, language: str | None = None) -> bytes:
    """The audit report of clause 9.3 as PDF bytes."""
    language = _language(language)
    with translation.override(language):
        context = audit_report_context(audit_id=audit_id)
        context["generated"] = timezone.localtime()
        return render_pdf(AUDIT_TEMPLATE, context, language=language)


def management_review_pack_pdf(*, review_id: int, language: str | None = None) -> bytes:
    """The management review pack of clause 9.5 as PDF bytes."""
    language = _language(language)
    with translation.override(language):
        context = management_review_pack_context(review_id=review_id)
        context["generated"] = timezone.localtime()
        return render_pdf(REVIEW_TEMPLATE, context, language=language)


def pdf_filename(prefix: str, when: dt.date | None, language: str) -> str:
    stamp = when.isoformat() if when else "undated"
    return f"{prefix}-{stamp}-{_language(language)}.pdf"
