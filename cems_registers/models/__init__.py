"""Register models, one module per register, re-exported here by name.

Imports: register modules may import ``cems_registers.base`` and each other (for links);
nothing here imports ``cems_pages`` or ``calculators``.
"""

from .audits import Audit, AuditFinding, AuditKind, AuditProgramme, AuditStatus, FindingKind
from .changes import Change, ChangeKind, ChangeStatus
from .communications import Communication, ReferenceCounter  # noqa: F401  (4.2, 8.1 b)
from .compliance import (
    ComplianceEvaluation,
    ComplianceObligation,
    EvaluationResult,
    ObligationKind,
    ObligationStatus,
)
from .context import ContextIssue, IssueEffect, IssueKind
from .design import DesignReview, DesignSubject
from .facilities import Facility, FacilityKind, GridRegion
from .instruments import InstrumentStatus, MeasuringInstrument
from .interested_parties import InterestedParty, PartyCategory
from .management_reviews import DecisionKind, DecisionStatus, ManagementReview, ReviewDecision
from .monitoring_plans import (
    MonitoringFrequency,
    MonitoringMethod,
    MonitoringParameter,
    MonitoringPlan,
    MonitoringPlanItem,
    MonitoringPlanStatus,
)
from .nonconformities import (
    ActionKind,
    CorrectiveAction,
    Nonconformity,
    NonconformitySource,
    NonconformityStatus,
    Severity,
)
from .objectives import Indicator, IndicatorMetric, Objective, ObjectiveLevel, ObjectiveStatus
from .opportunities import OpportunityCategory, OpportunityStatus, ReductionOpportunity
from .plans import ImplementationPlan, Milestone, PlanStatus
from .responsibilities import Responsibility, RoleKind
from .risks import (
    ActionStatus,
    Risk,
    RiskAction,
    RiskCategory,
    RiskGroup,
    RiskKind,
    RiskLevel,
    RiskStatus,
    risk_level,
)
from .sources import GHGS, EmissionSource, Scope, SourceCategory, SourceKind
from .suppliers import FootprintBoundary, ProductFootprint, Supplier, SupplierRating
from .training import Competence, CompetenceResult, TrainingPlan, TrainingSession, TrainingStatus

#: Every register model with its own admin list, in the order of the standard's clauses.
REGISTER_MODELS = (
    Facility,
    ContextIssue,
    InterestedParty,
    ComplianceObligation,
    Responsibility,
    Risk,
    RiskAction,
    EmissionSource,
    ReductionOpportunity,
    Objective,
    ImplementationPlan,
    Milestone,
    TrainingPlan,
    Competence,
    DesignReview,
    Supplier,
    Change,
    MeasuringInstrument,
    ComplianceEvaluation,
    AuditProgramme,
    Audit,
    Nonconformity,
    CorrectiveAction,
    ManagementReview,
    ReviewDecision,
)

__all__ = [
    "GHGS",
    "REGISTER_MODELS",
    "ActionKind",
    "ActionStatus",
    "Audit",
    "AuditFinding",
    "AuditKind",
    "AuditProgramme",
    "AuditStatus",
    "Change",
    "ChangeKind",
    "ChangeStatus",
    "Competence",
    "CompetenceResult",
    "ComplianceEvaluation",
    "ComplianceObligation",
    "ContextIssue",
    "CorrectiveAction",
    "DecisionKind",
    "DecisionStatus",
    "DesignReview",
    "DesignSubject",
    "EmissionSource",
    "EvaluationResult",
    "Facility",
    "FacilityKind",
    "FindingKind",
    "FootprintBoundary",
    "GridRegion",
    "ImplementationPlan",
    "Indicator",
    "IndicatorMetric",
    "InstrumentStatus",
    "InterestedParty",
    "IssueEffect",
    "IssueKind",
    "ManagementReview",
    "MeasuringInstrument",
    "Milestone",
    "MonitoringFrequency",
    "MonitoringMethod",
    "MonitoringParameter",
    "MonitoringPlan",
    "MonitoringPlanItem",
    "MonitoringPlanStatus",
    "Nonconformity",
    "NonconformitySource",
    "NonconformityStatus",
    "Objective",
    "ObjectiveLevel",
    "ObjectiveStatus",
    "ObligationKind",
    "ObligationStatus",
    "OpportunityCategory",
    "OpportunityStatus",
    "PartyCategory",
    "PlanStatus",
    "ProductFootprint",
    "ReductionOpportunity",
    "Responsibility",
    "ReviewDecision",
    "Risk",
    "RiskAction",
    "RiskCategory",
    "RiskGroup",
    "RiskKind",
    "RiskLevel",
    "RiskStatus",
    "RoleKind",
    "Scope",
    "Severity",
    "SourceCategory",
    "SourceKind",
    "Supplier",
    "SupplierRating",
    "TrainingPlan",
    "TrainingSession",
    "TrainingStatus",
    "risk_level",
]
