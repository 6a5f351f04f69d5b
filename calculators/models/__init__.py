"""Django models of the calculators app, one module per kind, re-exported here by name.

Imports: these modules may import ``cems_registers`` (facilities, sources) and
``calculators.core`` (pure); ``calculators.core`` never imports them.
"""

from .activity import ActivityRecord, Dataset, DatasetChannel, DatasetStatus
from .assessment import Assessment, AssessmentStatus
from .factors import Factor, FactorSet, FrozenError, GasGroup, GwpSet, GwpValue, Verification
from .runs import AccountingRun, BiomassTreatment, ReportFormat, RunReport, RunResult, RunStatus

__all__ = [
    "AccountingRun",
    "ActivityRecord",
    "Assessment",
    "AssessmentStatus",
    "BiomassTreatment",
    "Dataset",
    "DatasetChannel",
    "DatasetStatus",
    "Factor",
    "FactorSet",
    "FrozenError",
    "GasGroup",
    "GwpSet",
    "GwpValue",
    "ReportFormat",
    "RunReport",
    "RunResult",
    "RunStatus",
    "Verification",
]
