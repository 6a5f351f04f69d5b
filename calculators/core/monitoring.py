"""What was submitted against the monitoring plan in force (8.5, 9.1.4); pure, no Django.

:func:`plan_flags` compares the plan's rows (per source and parameter: method, instrument,
frequency) with a summary of a run's activity rows and lists three kinds of flag:

* ``no_data``: a period of the plan's frequency (month, quarter, year) with no activity row
  for a source whose activity data the plan monitors;
* ``instrument_not_in_plan``: rows of a source whose data source names an instrument of the
  register (by its code, e.g. ``M02 燃气流量计``) that the plan does not name for that source;
* ``default_used``: a period of the plan's frequency where the plan says a parameter is
  measured or calculated, the source has rows, and none of them carries the measured value
  (so the factor library's default was used).

Issues no query; takes plain dicts so a test can build a case by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

NO_DATA = "no_data"
INSTRUMENT_NOT_IN_PLAN = "instrument_not_in_plan"
DEFAULT_USED = "default_used"
FLAG_KINDS = (NO_DATA, INSTRUMENT_NOT_IN_PLAN, DEFAULT_USED)

#: Plan parameter → the activity-row columns that carry its measured value (6.3.1 e).
PARAMETER_COLUMNS: dict[str, tuple[str, ...]] = {
    "ncv": ("ncv",),
    "carbon_content": ("carbon_content", "carbon_fraction"),
    "oxidation_rate": ("oxidation_rate",),
    "emission_factor": ("ef_co2", "ef_ch4", "ef_n2o"),
    "purity": ("purity", "carbon_fraction"),
}
#: Every column :func:`plan_flags` reads from the summary's ``filled`` counts.
OVERRIDE_COLUMNS: tuple[str, ...] = tuple(
    sorted({column for columns in PARAMETER_COLUMNS.values() for column in columns})
)
MEASURED_METHODS = ("measured", "calculated")


def bucket(period: dt.date, frequency: str) -> str:
    """The period of ``frequency`` that holds the month ``period``: ``2025-03``, ``2025-Q1``
    or ``2025``; continuous and monthly data are checked per month."""
    if frequency == "quarterly":
        return f"{period.year}-Q{(period.month - 1) // 3 + 1}"
    if frequency == "yearly":
        return f"{period.year}"
    return f"{period.year}-{period.month:02d}"


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months from ``start`` to ``end``, both included."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def instrument_pattern(codes: Iterable[str]) -> re.Pattern | None:
    """A pattern finding any of ``codes`` as a whole word (``M02`` in ``M02 流量计``, not in
    ``M021``); longest first, so ``M02-A`` wins over ``M02``."""
    codes = sorted({code for code in codes if code}, key=lambda c: (-len(c), c))
    if not codes:
        return None
    alternatives = "|".join(re.escape(code) for code in codes)
    return re.compile(rf"(?<![0-9A-Za-z])({alternatives})(?![0-9A-Za-z])", re.IGNORECASE)


def _flag(kind: str, item: dict, period: str, **params) -> dict:
    return {
        "kind": kind,
        "plan": item["plan"],
        "source": item["source"],
        "parameter": item.get("parameter", ""),
        "period": period,
        "params": params,
    }


def _no_data_flags(items, months, observed) -> list[dict]:
    flags = []
    for item in items:
        if item["parameter"] != "activity_data":
            continue
        having = {bucket(p, item["frequency"]) for (s, p) in observed if s == item["source"]}
        for period in dict.fromkeys(bucket(m, item["frequency"]) for m in months):
            if period not in having:
                flags.append(_flag(NO_DATA, item, period))
    return flags


def _default_flags(items, observed) -> list[dict]:
    flags = []
    for item in items:
        columns = PARAMETER_COLUMNS.get(item["parameter"])
        if not columns or item["method"] not in MEASURED_METHODS:
            continue
        rows: dict[str, int] = {}
        filled: dict[str, int] = {}
        for (source, period), summary in observed.items():
            if source != item["source"]:
                continue
            key = bucket(period, item["frequency"])
            rows[key] = rows.get(key, 0) + summary["rows"]
            counts = summary.get("filled", {})
            filled[key] = filled.get(key, 0) + sum(counts.get(c, 0) for c in columns)
        for period in sorted(rows):
            if rows[period] and not filled.get(period):
                flags.append(_flag(DEFAULT_USED, item, period, rows=rows[period]))
    return flags


def _instrument_flags(items, data_sources, codes) -> list[dict]:
    pattern = instrument_pattern(codes)
    if pattern is None:
        return []
    planned: dict[str, set[str]] = {}
    first_item: dict[str, dict] = {}
    for item in items:
        first_item.setdefault(item["source"], item)
        if item.get("instrument"):
            planned.setdefault(item["source"], set()).add(item["instrument"].upper())
    canonical = {code.upper(): code for code in codes}
    flags, seen = [], set()
    for row in sorted(data_sources, key=lambda r: (r["source"], r["period"], r.get("row") or 0)):
        item = first_item.get(row["source"])
        if item is None:
            continue
        for match in pattern.finditer(row.get("data_source") or ""):
            code = match.group(1).upper()
            key = (row["source"], row["period"], code)
            if code in planned.get(row["source"], set()) or key in seen:
                continue
            seen.add(key)
            flags.append(
                _flag(
                    INSTRUMENT_NOT_IN_PLAN,
                    {**item, "parameter": "activity_data"},
                    bucket(row["period"], "monthly"),
                    instrument=canonical.get(code, code),
                    dataset=row.get("dataset"),
                    row=row.get("row"),
                    planned=", ".join(sorted(planned.get(row["source"], ()))) or "—",
                )
            )
    return flags


def plan_flags(
    *,
    items: list[dict],
    months: list[dt.date],
    observed: dict[tuple[str, dt.date], dict],
    data_sources: list[dict] = (),
    instrument_codes: Iterable[str] = (),
) -> list[dict]:
    """The flags of a run against the plan rows ``items``; issues no query.

    ``items``: ``{plan, source, parameter, method, frequency, instrument}`` (source and
    instrument as codes, ``plan`` a label). ``months``: the run's months (first days).
    ``observed``: ``{(source code, month): {"rows": n, "filled": {column: n}}}``, the
    number of activity rows and of rows with each override column of
    :data:`OVERRIDE_COLUMNS` filled. ``data_sources``: ``{source, period, data_source,
    dataset, row}``, one per distinct data source of a source and month.
    ``instrument_codes``: every code of the instrument register.

    Returns flags ``{kind, plan, source, parameter, period, params}`` sorted by source,
    period and kind.
    """
    flags = [
        *_no_data_flags(items, months, observed),
        *_default_flags(items, observed),
        *_instrument_flags(items, data_sources, list(instrument_codes)),
    ]
    order = {kind: index for index, kind in enumerate(FLAG_KINDS)}
    flags.sort(
        key=lambda f: (f["source"], f["period"], order[f["kind"]], f["parameter"], str(f["params"]))
    )
    return flags
