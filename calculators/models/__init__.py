"""Django models of the calculators app, one module per kind, re-exported here by name.

Imports: these modules may import ``cems_registers`` (facilities, sources) and
``calculators.core`` (pure); ``calculators.core`` never imports them.
"""

from .activity import ActivityRecord, Dataset, DatasetChannel, DatasetStatus
from .assessment import Assessment, AssessmentStatus
from .energy import EnergyDirection, EnergyKind, RunEnergy
from .factors import Factor, FactorSet, FrozenError, GasGroup, GwpSet, GwpValue, Verification
from .mee import MeeReport
from .performance import (
    AlertKind,
    AlertStatus,
    BaseYearChangeCheck,
    DeviationAlert,
    IndicatorObservation,
    IndicatorProgress,
    IndicatorTrack,
    PerformanceSettings,
    ProgressStatus,
    SeriesPoint,
    SeriesRun,
)
from .runs import (
    AccountingRun,
    BiomassTreatment,
    ChunkStatus,
    ReportFormat,
    RunChunk,
    RunReport,
    RunResult,
    RunStatus,
)

__all__ = [
    "AccountingRun",
    "ActivityRecord",
    "AlertKind",
    "AlertStatus",
    "Assessment",
    "AssessmentStatus",
    "BaseYearChangeCheck",
    "BiomassTreatment",
    "ChunkStatus",
    "Dataset",
    "EnergyDirection",
    "EnergyKind",
    "DatasetChannel",
    "DatasetStatus",
    "DeviationAlert",
    "Factor",
    "FactorSet",
    "FrozenError",
    "GasGroup",
    "GwpSet",
    "GwpValue",
    "IndicatorObservation",
    "IndicatorProgress",
    "IndicatorTrack",
    "MeeReport",
    "PerformanceSettings",
    "ProgressStatus",
    "ReportFormat",
    "RunChunk",
    "RunEnergy",
    "RunReport",
    "RunResult",
    "RunStatus",
    "SeriesPoint",
    "SeriesRun",
    "Verification",
]
