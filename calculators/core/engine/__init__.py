"""The pure accounting engine: activity frame + factor table + GWP set → per-row results.

T/CSES 146-2024 6.3.1 (f) (emissions per source, gas, scope, facility, month), 6.3.2 (every
result names its factors), GB/T 32150-2015 (structure and categories). No Django, no query.

Design (vectorised, no Python loop per row):

1. Each row's method, quantity dimension, lookup material, year and direction are reduced to
   a *combination* code (:mod:`.prepare`); the library factors are resolved once per
   combination (:mod:`.resolve`, a lookup on a few hundred keys, not on the rows).
2. Every method is linear in the quantity, so each combination gets a coefficient per output
   column (t gas per canonical unit) from :mod:`calculators.core.methods`
   (:mod:`.coefficients`); a row's result is ``quantity × coefficient[combination]``
   (:mod:`.compute`).
3. Rows with per-row overrides (measured values, 6.3.1 e) get their own coefficients, from
   the same method functions on the library values with the overrides put in their place.
4. CO2e = CO2 + CH4 × GWP + N2O × GWP + released gas × Σ wᵢ GWPᵢ; CH4 takes the fossil or
   non-fossil GWP by origin under the split (``Options.ch4``); the biomass rule
   (``Options.biomass``: exclude / memo / include, docs/accounting_rules.md) decides what of
   biomass combustion counts.

Result columns: see :data:`RESULT_COLUMNS`. :func:`gas_rows` splits a result into one row
per activity row and gas group (what a run stores); :mod:`.aggregate` sums it.

Import rule: code outside this package imports from ``calculators.core.engine`` (the names
below), never from its submodules. Inside, dependencies point one way: ``spec`` ←
``prepare`` ← ``resolve`` ← ``coefficients``, ``annotate`` ← ``compute``; ``aggregate``,
``hashing`` and ``gas_rows`` import no submodule but ``spec``. No submodule imports this
``__init__``, and none imports Django (``tests/calculators/test_engine_layout.py``).
"""

from calculators.core.issues import EngineError, Issue

from .aggregate import (
    SUM_COLUMNS,
    intensity,
    intensity_summary,
    production,
    run_summary,
    totals,
    totals_by_gas,
)
from .coefficients import FORMULAS, ch4_values, coefficients, gas_properties, with_defaults
from .compute import ch4_origin_rows, compute, factor_values, option_issues, trace
from .gas_rows import GAS_ROW_COLUMNS, gas_rows, month_labels
from .hashing import HASH_COLUMNS, input_hash, row_hashes, rows_digest
from .prepare import Prepared, prepare
from .resolve import Resolution, missing_factor_issues, missing_factors, resolve
from .spec import (
    BIOMASS_RULES,
    CH4_ORIGIN_ALIASES,
    CH4_ORIGINS,
    CH4_RULES,
    GAS_COLUMNS,
    IPCC_METHODS,
    METHOD_INDEX,
    METHOD_KEYS,
    NEEDS,
    OUTPUT_COLUMNS,
    OVERRIDE_BIT,
    PARAM_INDEX,
    PARAMS,
    RELEASE_METHODS,
    RESULT_COLUMNS,
    UNKNOWN_METHOD,
    Need,
    Options,
)

__all__ = [
    "BIOMASS_RULES",
    "CH4_ORIGINS",
    "CH4_ORIGIN_ALIASES",
    "CH4_RULES",
    "FORMULAS",
    "GAS_COLUMNS",
    "GAS_ROW_COLUMNS",
    "HASH_COLUMNS",
    "IPCC_METHODS",
    "METHOD_INDEX",
    "METHOD_KEYS",
    "NEEDS",
    "OUTPUT_COLUMNS",
    "OVERRIDE_BIT",
    "PARAMS",
    "PARAM_INDEX",
    "RELEASE_METHODS",
    "RESULT_COLUMNS",
    "SUM_COLUMNS",
    "UNKNOWN_METHOD",
    "EngineError",
    "Issue",
    "Need",
    "Options",
    "Prepared",
    "Resolution",
    "ch4_origin_rows",
    "ch4_values",
    "coefficients",
    "compute",
    "factor_values",
    "gas_properties",
    "gas_rows",
    "input_hash",
    "intensity",
    "intensity_summary",
    "missing_factor_issues",
    "missing_factors",
    "month_labels",
    "option_issues",
    "prepare",
    "production",
    "resolve",
    "row_hashes",
    "rows_digest",
    "run_summary",
    "totals",
    "totals_by_gas",
    "trace",
    "with_defaults",
]
