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


def _label_rows(rows: list[dict], labels: dict[str, tuple[str, str]]) -> list[dict]:
    """Copy rows replacing stored choice values by labels: ``{key: (model, field)}``."""
    out = []
    for row in rows:
        row = dict(row)
        for key, (model_name, field) in labels.items():
            if key in row:
                row[f"{key}_label"] = choice_label(model_name, field, row[key])
        out.append(row)
    return out


def management_review_pack_context(*, review_id: int) -> dict:
    """The review, its snapshot of inputs (9.5 a–h) and its decisions; 2 queries."""
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
    return {
        "review": review,
        "decisions": list(review.decisions.all()),
        "inputs": inputs,
        "period": inputs.get("period") or {},
        "previous_decisions": _label_rows(
            inputs.get("previous_decisions", []), {"status": ("ReviewDecision", "status")}
        ),
        "issues": _label_rows(
            inputs.get("context_issue_changes", []), {"kind": ("ContextIssue", "kind")}
        ),
        "parties": _label_rows(
            inputs.get("interested_party_changes", []),
            {"category": ("InterestedParty", "category")},
        ),
        "objectives": _label_rows(
            inputs.get("objectives", []), {"status": ("Objective", "status")}
        ),
        "nonconformities": _label_rows(
            inputs.get("open_nonconformities", []),
            {"severity": ("Nonconformity", "severity"), "status": ("Nonconformity", "status")},
        ),
        "actions": inputs.get("open_actions", []),
        "evaluations": _label_rows(
            inputs.get("compliance_evaluations", []), {"result": ("ComplianceEvaluation", "result")}
        ),
        "audits": inputs.get("audits", []),
        "risks": _label_rows(
            inputs.get("top_risks", []),
            {
                "kind": ("Risk", "kind"),
                "category": ("Risk", "category"),
                "status": ("Risk", "status"),
            },
        ),
        "plans": _label_rows(
            resources.get("plans", []), {"status": ("ImplementationPlan", "status")}
        ),
        "budget": resources.get("budget"),
        "spent": resources.get("spent"),
        "changes": _label_rows(
            inputs.get("changes", []), {"kind": ("Change", "kind"), "status": ("Change", "status")}
        ),
    }


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
