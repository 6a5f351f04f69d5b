"""Register models, one module per register, re-exported here by name.

Imports: register modules may import ``cems_registers.base`` and each other (for links);
nothing here imports ``cems_pages`` or ``calculators``.
"""

from .facilities import Facility, FacilityKind, GridRegion
from .sources import GHGS, EmissionSource, Scope, SourceCategory, SourceKind

__all__ = [
    "GHGS",
    "EmissionSource",
    "Facility",
    "FacilityKind",
    "GridRegion",
    "Scope",
    "SourceCategory",
    "SourceKind",
]
