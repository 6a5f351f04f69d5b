"""Admin viewsets of the audit programmes and audits (clause 9.3)."""

from ..models import Audit, AuditProgramme
from ._export import export_spec, filterset_for
from .base import RegisterViewSet


class AuditProgrammeViewSet(RegisterViewSet):
    model = AuditProgramme
    icon = "calendar"
    list_display = ["code", "title", "kind", "planned_date", "status"]
    filterset_class = filterset_for(AuditProgramme, ["kind", "status"], "planned_date")
    search_fields = ["code", "title", "purpose", "scope", "lead_auditor_name"]
    list_export, export_headings = export_spec(
        AuditProgramme,
        [
            "code",
            "title",
            "kind",
            "purpose",
            "criteria",
            "scope",
            "lead_auditor",
            "lead_auditor_name",
            "team",
            "schedule",
            "planned_date",
            "status",
        ],
    )


class AuditViewSet(RegisterViewSet):
    model = Audit
    icon = "doc-full"
    list_display = ["title", "programme", "audited_on", "status"]
    filterset_class = filterset_for(Audit, ["status"])
    search_fields = ["title", "auditee", "overview", "conclusion"]
    list_export, export_headings = export_spec(
        Audit,
        [
            "programme",
            "title",
            "audited_on",
            "auditee",
            "overview",
            "conclusion",
            "distribution",
            "report_date",
            "status",
            "owner",
        ],
    )
