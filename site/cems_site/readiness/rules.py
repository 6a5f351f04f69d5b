"""The clause table: every clause of T/CSES 146—2024 chapters 4–10 → the checks that evidence it.

Data, not code: each clause names what the standard asks (a short msgid) and a list of checks,
each ``{"check": <name registered in .checks>, **parameters}``. Adding a check is one line
here; a new kind of check is one function registered in :mod:`.checks`; no view changes.
Clause numbers and wording follow ``standard/CLAUSES.md`` (the project's reading of the
standard). A clause's status combines its checks: all met → met, none met or partly → not
met, else partly.
"""

from django.utils.translation import gettext_noop as _

YEAR = 12

CLAUSES: list[dict] = [
    {
        "clause": "4.1",
        "title": _("Context of the enterprise"),
        "asks": _("Determine the internal and external issues relevant to the CEMS."),
        "checks": [
            {"check": "records_recent", "model": "cems_registers.ContextIssue", "min_count": 2},
            {
                "check": "records_complete",
                "model": "cems_registers.ContextIssue",
                "fields": ["effect_on_performance", "review_date"],
            },
        ],
    },
    {
        "clause": "4.2.1",
        "title": _("Interested parties"),
        "asks": _("Identify interested parties and their needs and expectations; review them."),
        "checks": [
            {
                "check": "records_complete",
                "model": "cems_registers.InterestedParty",
                "fields": ["needs_expectations", "review_date"],
            },
        ],
    },
    {
        "clause": "4.2.2",
        "title": _("Laws, regulations and other requirements"),
        "asks": _(
            "Obtain and apply the carbon laws and other requirements; review compliance at set "
            "intervals."
        ),
        "checks": [
            {
                "check": "records_on_time",
                "model": "cems_registers.ComplianceObligation",
                "due_field": "next_review",
                "open_filter": {},
            },
        ],
    },
    {
        "clause": "4.3",
        "title": _("Scope of the CEMS"),
        "asks": _("Fix the boundary and scope, document it and make it available."),
        "checks": [
            {"check": "pages_live", "page_type": "cems_pages.ScopePage"},
            {
                "check": "records_recent",
                "model": "cems_registers.Facility",
                "filter": {"in_boundary": True},
            },
        ],
    },
    {
        "clause": "4.4",
        "title": _("Carbon emission management system"),
        "asks": _("Establish the CEMS and its processes with inputs, outputs, owners and KPIs."),
        "checks": [
            {"check": "pages_live", "page_type": "cems_pages.ProcessMapPage"},
            {"check": "pages_live", "page_type": "cems_pages.ManualPage"},
        ],
    },
    {
        "clause": "5.1",
        "title": _("Leadership and commitment"),
        "asks": _("Top management leads: appoints roles, approves the policy and objectives."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.Responsibility",
                "filter": {"kind": "top_management", "active": True},
            },
            {
                "check": "records_recent",
                "model": "cems_registers.Objective",
                "filter": {"status": "approved"},
            },
        ],
    },
    {
        "clause": "5.2",
        "title": _("Carbon policy"),
        "asks": _(
            "A documented carbon policy, approved by top management, communicated, available "
            "and reviewed periodically."
        ),
        "checks": [
            {
                "check": "page_approved_within",
                "page_type": "cems_pages.PolicyPage",
                "months": YEAR,
                "approver_group": "Top management",
            },
        ],
    },
    {
        "clause": "5.3",
        "title": _("Roles, responsibilities and authorities"),
        "asks": _("Appoint a management representative and a carbon management body."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.Responsibility",
                "filter": {"kind": "management_representative", "active": True},
            },
            {
                "check": "records_recent",
                "model": "cems_registers.Responsibility",
                "filter": {"kind": "carbon_body", "active": True},
            },
        ],
    },
    {
        "clause": "6.1",
        "title": _("Risks and opportunities"),
        "asks": _("Identify transition, physical and other risks and opportunities; score them."),
        "checks": [
            {"check": "records_recent", "model": "cems_registers.Risk", "min_count": 3},
            {
                "check": "records_on_time",
                "model": "cems_registers.Risk",
                "due_field": "review_date",
                "open_filter": {},
                "exclude": {"status": "closed"},
            },
        ],
    },
    {
        "clause": "6.2",
        "title": _("Actions on risks and opportunities"),
        "asks": _("Plan actions for risks, evaluate their effectiveness, keep emergency plans."),
        "checks": [
            {
                "check": "records_on_time",
                "model": "cems_registers.RiskAction",
                "due_field": "due_date",
                "open_filter": {"status__in": ["planned", "in_progress"]},
            },
            {
                "check": "records_recent",
                "model": "cems_registers.RiskAction",
                "filter": {"emergency_plan": True},
            },
        ],
    },
    {
        "clause": "6.3.1",
        "title": _("Carbon accounting"),
        "asks": _("Account emissions at least yearly with documented sources, data and factors."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.EmissionSource",
                "filter": {"in_boundary": True},
                "min_count": 3,
            },
            {
                "check": "records_recent",
                "model": "calculators.Dataset",
                "filter": {"status": "approved"},
                "date_field": "period_end",
                # monthly periods are stored as their first day: December's is 1 December
                "months": YEAR + 1,
                "url_name": "calculators_dataset:inspect",
            },
        ],
    },
    {
        "clause": "6.3.2",
        "title": _("Reporting of accounting results"),
        "asks": _("Report the results and keep methods and criteria as documented information."),
        "checks": [{"check": "run_approved_for_last_year"}],
    },
    {
        "clause": "6.3.3",
        "title": _("In-house or third-party accounting"),
        "asks": _("Account in-house or by a qualified third party; keep the evidence."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_evidence.EvidencePack",
                "link_field": "run",
                "url_name": "cems_evidence_pack",
            }
        ],
    },
    {
        "clause": "6.4",
        "title": _("Assessment of reduction potential"),
        "asks": _("Rank reduction opportunities, forecast, cost them, write an assessment report."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.ReductionOpportunity",
                "min_count": 3,
            },
            {
                "check": "records_recent",
                "model": "calculators.Assessment",
                "filter": {"status": "approved"},
                "date_field": "approved_at__date",
                "months": YEAR,
                "url_name": "calculators_assessment_detail",
            },
        ],
    },
    {
        "clause": "6.5",
        "title": _("Carbon objectives"),
        "asks": _("Set objectives with indicators, baseline, target and deadline."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.Objective",
                "filter": {"status": "approved"},
            },
            {
                "check": "records_recent",
                "model": "cems_registers.Indicator",
                "link_field": "objective",
            },
        ],
    },
    {
        "clause": "6.6",
        "title": _("Implementation plans"),
        "asks": _("Plan measures with responsibility, resources, schedule and verification."),
        "checks": [
            {
                "check": "records_on_time",
                "model": "cems_registers.ImplementationPlan",
                "due_field": "end_date",
                "open_filter": {"status__in": ["planned", "in_progress"]},
                "exclude": {"status": "cancelled"},
            },
        ],
    },
    {
        "clause": "7.1",
        "title": _("Resources"),
        "asks": _("Provide people, money and technology."),
        "checks": [
            {
                "check": "records_complete",
                "model": "cems_registers.ImplementationPlan",
                "fields": ["people", "budget"],
                "filter": {"status__in": ["planned", "in_progress", "completed", "verified"]},
            },
        ],
    },
    {
        "clause": "7.2",
        "title": _("Competence and awareness"),
        "asks": _("Train people, raise awareness and appraise competence."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.TrainingSession",
                "date_field": "held_on",
                "months": YEAR,
                "link_field": "plan",
            },
            {
                "check": "records_on_time",
                "model": "cems_registers.Competence",
                "due_field": "expires_on",
                "open_filter": {},
            },
        ],
    },
    {
        "clause": "7.3",
        "title": _("Documented information"),
        "asks": _("Control the manual, procedures, rules, instructions and records."),
        "checks": [
            {"check": "pages_live", "page_type": "cems_pages.ProcedurePage", "min_count": 2},
            {"check": "pages_live", "page_type": "cems_pages.ManagementRulePage"},
        ],
    },
    {
        "clause": "8.1",
        "title": _("Operational planning and control"),
        "asks": _("Set operational criteria and control outsourced processes."),
        "checks": [{"check": "pages_live", "page_type": "cems_pages.WorkInstructionPage"}],
    },
    {
        "clause": "8.2",
        "title": _("Low-carbon design"),
        "asks": _("Consider carbon in design."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.DesignReview",
                "date_field": "reviewed_on",
                "months": YEAR,
            },
        ],
    },
    {
        "clause": "8.3",
        "title": _("Low-carbon procurement"),
        "asks": _("Evaluate significant purchases; make low carbon a supplier criterion."),
        "checks": [
            {
                "check": "records_complete",
                "model": "cems_registers.Supplier",
                "filter": {"significant": True},
                "fields": ["evaluated_on"],
            },
        ],
    },
    {
        "clause": "8.4",
        "title": _("Change management"),
        "asks": _("Control planned changes and review unintended ones; keep records."),
        "checks": [
            {
                "check": "records_on_time",
                "model": "cems_registers.Change",
                "due_field": "due_date",
                "open_filter": {"status__in": ["proposed", "approved"]},
            },
        ],
    },
    {
        "clause": "8.5",
        "title": _("Data management"),
        "asks": _("Collect data with quality control in a carbon information system."),
        "checks": [
            {
                "check": "records_recent",
                "model": "calculators.Dataset",
                "filter": {"status": "approved"},
                "date_field": "period_end",
                "months": 6,
                "url_name": "calculators_dataset:inspect",
                "min_count": 3,
            },
        ],
    },
    {
        "clause": "9.1",
        "title": _("Monitoring, measurement and analysis"),
        "asks": _("Monitor results against targets; keep instruments calibrated (9.1.4)."),
        "checks": [
            {
                "check": "records_on_time",
                "model": "cems_registers.MeasuringInstrument",
                "due_field": "next_calibration",
                "open_filter": {},
                "filter": {"status": "in_service"},
            },
        ],
    },
    {
        "clause": "9.2",
        "title": _("Evaluation of compliance"),
        "asks": _("Evaluate compliance at planned intervals; record results and actions."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.ComplianceEvaluation",
                "date_field": "evaluated_on",
                "months": YEAR,
            },
        ],
    },
    {
        "clause": "9.3",
        "title": _("Internal audit"),
        "asks": _("Audit the CEMS at planned intervals; report findings and conclusions."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.Audit",
                "filter": {"status__in": ["reported", "closed"]},
                "date_field": "audited_on",
                "months": YEAR,
            },
        ],
    },
    {
        "clause": "9.4",
        "title": _("Corrective and preventive actions"),
        "asks": _("Find causes, act, and review the effectiveness of actions."),
        "checks": [
            {
                "check": "records_on_time",
                "model": "cems_registers.CorrectiveAction",
                "due_field": "due_date",
                "open_filter": {"completed_on__isnull": True},
            },
        ],
    },
    {
        "clause": "9.5",
        "title": _("Management review"),
        "asks": _("Top management reviews the CEMS at planned intervals with the listed inputs."),
        "checks": [
            {
                "check": "records_recent",
                "model": "cems_registers.ManagementReview",
                "date_field": "held_on",
                "months": YEAR,
            },
            {
                "check": "records_complete",
                "model": "cems_registers.ManagementReview",
                "fields": ["inputs_text", "conclusions"],
            },
        ],
    },
    {
        "clause": "10",
        "title": _("Improvement"),
        "asks": _("Close nonconformities within their due dates (10.2); improve continually."),
        "checks": [
            {
                "check": "records_on_time",
                "model": "cems_registers.Nonconformity",
                "due_field": "due_date",
                "open_filter": {"status__in": ["open", "action", "verifying"]},
            },
        ],
    },
]


def chapter_of(clause: str) -> str:
    return clause.split(".", 1)[0]


CHAPTER_TITLES = {
    "4": _("Context of the enterprise"),
    "5": _("Leadership"),
    "6": _("Planning"),
    "7": _("Support"),
    "8": _("Operation"),
    "9": _("Performance evaluation"),
    "10": _("Improvement"),
}
