"""A run checked against the monitoring plan in force (8.5, 9.1.4): the Django adapter of
:mod:`calculators.core.monitoring`.

:func:`run_monitoring_check` reads the plans in force at the run's last month, their rows for
the sources of the run's boundary, and a summary of the run's activity rows (one row per
source and month, with the count of rows carrying each measured value, and the distinct data
sources), in a fixed number of queries whatever the number of rows, then calls the pure
:func:`calculators.core.monitoring.plan_flags`.
"""

from __future__ import annotations

from django.db.models import Count, Min
from django.utils.translation import gettext_lazy

from cems_registers.models import (
    EmissionSource,
    MeasuringInstrument,
    MonitoringParameter,
    MonitoringPlanItem,
)
from cems_registers.monitoring import plans_in_force

from . import selectors
from .core.monitoring import (
    DEFAULT_USED,
    INSTRUMENT_NOT_IN_PLAN,
    NO_DATA,
    OVERRIDE_COLUMNS,
    months_between,
    plan_flags,
)
from .core.template import METHODS
from .models import AccountingRun, RunStatus

#: Methods whose rows carry no activity data of their source (production for intensity).
NON_EMITTING_METHODS = tuple(key for key, method in METHODS.items() if not method.emits)

#: The flags' messages, with their parameters (translated when shown).
FLAG_MESSAGES = {
    NO_DATA: gettext_lazy(
        "%(source)s, %(period)s: no activity data, though plan %(plan)s monitors it "
        "(%(frequency)s)."
    ),
    DEFAULT_USED: gettext_lazy(
        "%(source)s, %(period)s: %(parameter)s from the factor library's default in "
        "%(rows)s row(s), though plan %(plan)s says it is %(method)s."
    ),
    INSTRUMENT_NOT_IN_PLAN: gettext_lazy(
        "%(source)s, %(period)s: data from instrument %(instrument)s (dataset #%(dataset)s, "
        "row %(row)s), which plan %(plan)s does not name for this source (planned: "
        "%(planned)s)."
    ),
}
FLAG_LABELS = {
    NO_DATA: gettext_lazy("Month without data"),
    DEFAULT_USED: gettext_lazy("Default used where the plan says measured"),
    INSTRUMENT_NOT_IN_PLAN: gettext_lazy("Instrument not in the plan"),
}


def _plan_items(plans, source_ids) -> list[MonitoringPlanItem]:
    return list(
        MonitoringPlanItem.objects.filter(plan__in=plans, source_id__in=source_ids)
        .select_related("plan", "source", "instrument")
        .order_by("source__code", "parameter", "pk")
    )


def _observed(records, source_codes) -> tuple[dict, list[dict]]:
    counts = {column: Count(column) for column in OVERRIDE_COLUMNS}
    observed = {}
    for row in records.values("source_id", "period").annotate(rows=Count("id"), **counts):
        code = source_codes[row["source_id"]]
        observed[(code, row["period"])] = {
            "rows": row["rows"],
            "filled": {column: row[column] for column in OVERRIDE_COLUMNS},
        }
    data_sources = [
        {
            "source": source_codes[row["source_id"]],
            "period": row["period"],
            "data_source": row["data_source"],
            "dataset": row["dataset"],
            "row": row["row"],
        }
        for row in records.exclude(data_source="")
        .values("source_id", "period", "data_source")
        .annotate(dataset=Min("dataset_id"), row=Min("row_number"))
    ]
    return observed, data_sources


def run_monitoring_check(run: AccountingRun) -> dict:
    """``{"plans": [plan, …], "flags": [flag, …]}`` of ``run``; 6 queries.

    Only the sources of the run's boundary that a plan in force covers are checked; with no
    plan in force, ``plans`` is empty and there are no flags.
    """
    plans = plans_in_force(on=run.period_end)
    if not plans:
        return {"plans": [], "flags": []}
    facility_ids = selectors.run_facility_ids(run)
    sources = EmissionSource.objects.all()
    if facility_ids:
        sources = sources.filter(facility_id__in=facility_ids)
    items = _plan_items(plans, sources.values("pk"))
    source_codes = {item.source_id: item.source.code for item in items}
    records = selectors.approved_records(
        period_start=run.period_start,
        period_end=run.period_end,
        facility_ids=facility_ids,
        withdrawn_too=True,
    ).filter(dataset_id__in=run.dataset_ids or [], source_id__in=list(source_codes))
    # production rows filed under a source are intensity denominators, not its activity data
    records = records.exclude(method__in=NON_EMITTING_METHODS)
    observed, data_sources = _observed(records, source_codes) if items else ({}, [])
    flags = plan_flags(
        items=[
            {
                "plan": f"{item.plan.code} v{item.plan.version}",
                "source": item.source.code,
                "parameter": item.parameter,
                "method": item.method,
                "frequency": item.frequency,
                "instrument": item.instrument.code if item.instrument_id else None,
            }
            for item in items
        ],
        months=months_between(run.period_start, run.period_end),
        observed=observed,
        data_sources=data_sources,
        instrument_codes=MeasuringInstrument.objects.values_list("code", flat=True),
    )
    frequencies = {(i.source.code, i.parameter): i for i in items}
    for flag in flags:
        flag["item"] = frequencies.get((flag["source"], flag["parameter"]))
    return {"plans": plans, "flags": flags}


def flag_text(flag: dict) -> str:
    """A flag as a sentence in the active language; issues no query."""
    item = flag.get("item")
    params = {
        "source": flag["source"],
        "period": flag["period"],
        "plan": flag["plan"],
        "parameter": MonitoringParameter(flag["parameter"]).label if flag["parameter"] else "",
        "frequency": item.get_frequency_display() if item else "",
        "method": item.get_method_display().lower() if item else "",
        "rows": "",
        "instrument": "",
        "dataset": "",
        "row": "",
        "planned": "",
        **flag["params"],
    }
    return str(FLAG_MESSAGES[flag["kind"]]) % params


def flag_rows(check: dict) -> list[dict]:
    """The flags as the run's page shows them: kind label and sentence; no query."""
    return [
        {"kind": flag["kind"], "label": FLAG_LABELS[flag["kind"]], "text": flag_text(flag)}
        for flag in check["flags"]
    ]


def run_monitoring_section(run: AccountingRun) -> dict | None:
    """What the run's page shows under "Monitoring plan": the plans in force and the flags;
    ``None`` while the run has no results yet."""
    if run.status not in (RunStatus.DONE, RunStatus.APPROVED):
        return None
    check = run_monitoring_check(run)
    return {
        "plans": [str(plan) for plan in check["plans"]],
        "flags": flag_rows(check),
    }
