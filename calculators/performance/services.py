"""Writes of the carbon performance series, base year, objectives progress and deviation
alerts (4.3, 6.3.2, 6.5, 6.6, 9.1.2, 9.1.3, 10.2).

The flow after an accounting run:

1. :func:`series_store` (inside :func:`calculators.services.runs.run_execute`'s transaction)
   keeps the run's series rows, not yet current.
2. Approving the run queues :func:`performance_update` (``calculators.tasks``), which calls
   :func:`series_approve` (the run's months become current in its boundary, the earlier run's
   rows for those months stop being current and it is marked superseded), then
   :func:`base_year_check`, :func:`indicators_update` (baselines, forecasts, progress) and
   :func:`alerts_check`. Pages read the stored results; nothing is computed on page view.
"""

import datetime as dt
import logging
from decimal import Decimal

from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from wagtail.users.models import UserProfile

import numpy as np
import pandas as pd
from django_q.tasks import async_task

from calculators.core import performance as core
from calculators.core.forecast import ForecastError, PlanAbatement, seasonal_trend, with_plans
from calculators.models import (
    AccountingRun,
    ActivityRecord,
    AlertKind,
    AlertStatus,
    BaseYearChangeCheck,
    DatasetStatus,
    DeviationAlert,
    FactorSet,
    IndicatorObservation,
    IndicatorProgress,
    IndicatorTrack,
    PerformanceSettings,
    ProgressStatus,
    RunStatus,
    SeriesPoint,
    SeriesRun,
)
from calculators.performance import selectors
from calculators.services.bulk import frame_insert
from cems_registers.models import Change, EmissionSource, Indicator, NonconformitySource, Objective
from cems_registers.models.changes import ChangeKind, ChangeStatus
from cems_registers.models.objectives import IndicatorMetric
from cems_registers.models.plans import PlanStatus
from cems_registers.services.nonconformities import nonconformity_create

logger = logging.getLogger(__name__)

#: A baseline entered by hand that differs from the run by more than this (%) is flagged (6.5).
BASELINE_TOLERANCE_PCT = 1.0
#: Months of the series checked against the path at each alert check.
ALERT_WINDOW_MONTHS = 12

# Why an indicator has no progress, or why the base year is flagged: message templates,
# translated when shown (each reader in their language).
NOT_LINKED = gettext_noop(
    "The metric %(metric)s is not computed from the accounting results; enter its progress by hand."
)
UNIT_UNKNOWN = gettext_noop(
    "An energy indicator needs the unit GJ or tce; this one has %(unit)s (field: unit)."
)
NO_BASE_RUN = gettext_noop(
    "No approved accounting run covers the baseline year %(year)s (field: baseline year): "
    "approve a run of that year, or enter the baseline by hand with a reason."
)
BASE_INCOMPLETE = gettext_noop(
    "The approved runs cover only %(months)s months of the baseline year %(year)s (field: "
    "baseline year)."
)
FLAG_NEW_RUN = gettext_noop(
    "Run #%(run)s, approved for the base year %(year)s, changes its total from %(old)s to "
    "%(new)s tCO2e (%(pct)s %%), more than the significance threshold of %(threshold)s %%."
)
FLAG_METHOD = gettext_noop(
    "Run #%(run)s uses another boundary, method, factor set or GWP set than the base-year run "
    "#%(base)s; with it the base year %(year)s would total %(new)s instead of %(old)s tCO2e "
    "(%(pct)s %%), more than the significance threshold of %(threshold)s %%."
)

FLAG_CHANGE = gettext_noop(
    "Change “%(change)s” (%(kind)s, %(status)s) of the change register: with today's boundary, "
    "sources and method the base year %(year)s would total %(new)s instead of %(old)s tCO2e "
    "(%(pct)s %%), more than the significance threshold of %(threshold)s %%."
)
CHANGE_WITHIN = gettext_noop(
    "Change “%(change)s” (%(kind)s, %(status)s) was checked: with it the base year %(year)s "
    "would total %(new)s instead of %(old)s tCO2e (%(pct)s %%), within the significance "
    "threshold of %(threshold)s %%; the base year stands."
)
CHANGE_UNCHECKED = gettext_noop(
    "Change “%(change)s” (%(kind)s, %(status)s) could not be checked against the base year: %(why)s"
)
WHY_NO_BASE_RUN = gettext_noop("the base year has no approved run yet.")
WHY_NO_BASE_YEAR = gettext_noop("no base year is set.")
WHY_FAILED = gettext_noop("the base year's data could not be computed with today's method.")
NO_OBSERVATION = gettext_noop(
    "No observed value entered yet (Carbon accounting → Observed values of indicators)."
)
RENEWABLE_NONE = gettext_noop(
    "No electricity consumption in the approved results of the baseline year %(year)s "
    "(field: baseline year)."
)


def message_text(entry: dict) -> str:
    """A stored ``{"message", "params"}`` in the active language ("" when empty)."""
    if not entry or not entry.get("message"):
        return ""
    params = dict(entry.get("params", {}))
    if "change" in params:  # a change's kind and status are stored as keys
        params["kind"] = str(dict(ChangeKind.choices).get(params.get("kind"), params.get("kind")))
        params["status"] = str(
            dict(ChangeStatus.choices).get(params.get("status"), params.get("status"))
        )
    if params.get("why"):
        params["why"] = gettext(params["why"])
    if "metric" in params:  # stored as the key: its label is in the reader's language
        labels = dict(IndicatorMetric.choices)
        params["metric"] = str(labels.get(params["metric"], params["metric"]))
    return gettext(entry["message"]) % params


def _number(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}"


# --------------------------------------------------------------------------- series
def boundary_key(facility_ids) -> str:
    """The series key of a run's boundary: "" for the whole boundary, else sorted ids."""
    return ",".join(str(i) for i in sorted(facility_ids))


def series_store(*, run: AccountingRun, rows: pd.DataFrame) -> int:
    """Keep a computed run's series rows (:func:`calculators.core.performance.series_rows`),
    not current until the run is approved; replaces earlier rows of the run. Runs in the
    caller's transaction; one delete, one bulk insert, one query for the boundary."""
    from calculators.selectors import run_facility_ids  # noqa: PLC0415 — keeps pint out of start-up

    SeriesPoint.objects.filter(run=run).delete()
    if rows is None or rows.empty:
        return 0
    period = pd.to_datetime(rows["period"].astype(str))
    frame = pd.DataFrame(
        {
            "run_id": run.pk,
            "boundary": boundary_key(run_facility_ids(run)),
            "period": period.dt.date.to_numpy(),
            "year": period.dt.year.astype("int64").to_numpy(),
            "source_id": rows["source_id"].astype("int64").to_numpy(),
            "facility_id": rows["facility_id"].astype("int64").to_numpy(),
            "scope": rows["scope"].astype("int64").to_numpy(),
            "category": rows["category"].astype(str).to_numpy(),
            "carrier": rows["carrier"].astype(str).str.slice(0, 80).to_numpy(),
            **{name: rows[name].astype("float64").to_numpy() for name in core.VALUE_COLUMNS},
            "is_current": False,
        }
    )
    return frame_insert(SeriesPoint, frame)


def series_rebuild(*, run: AccountingRun) -> int:
    """Rebuild a run's series rows from its recorded inputs (runs computed before the series
    existed); the engine runs again on exactly the datasets and factor sets the run used."""
    from calculators.run_adapter import run_inputs, run_results  # noqa: PLC0415 — keeps pint out of start-up

    run = AccountingRun.objects.select_related("gwp_set").get(pk=run.pk)
    inputs = run_inputs(run, dataset_ids=run.dataset_ids or None)
    _rows, summary = run_results(run, inputs)
    return series_store(run=run, rows=summary["series"])


@transaction.atomic
def series_approve(*, run: AccountingRun) -> SeriesRun:
    """Make an approved run's months current in its boundary (6.3.2, 9.1.2).

    A period is covered by exactly one approved run per boundary: the rows of earlier runs
    for the same months stop being current (they are kept) and those runs are marked
    superseded by this one. Idempotent.
    """
    run = AccountingRun.objects.get(pk=run.pk)
    if run.status != RunStatus.APPROVED:
        raise ValidationError(_("Only an approved run enters the performance series."))
    if not SeriesPoint.objects.filter(run=run).exists():
        series_rebuild(run=run)
    points = SeriesPoint.objects.filter(run=run)
    first = points.order_by("period").values_list("boundary", "period").first()
    boundary = first[0] if first else boundary_key(run.facilities.values_list("id", flat=True))
    months = sorted(set(points.values_list("period", flat=True)))
    earlier = (
        SeriesPoint.objects.filter(is_current=True, boundary=boundary, period__in=months)
        .exclude(run=run)
        .order_by()
    )
    earlier_runs = set(earlier.values_list("run_id", flat=True).distinct())
    earlier.update(is_current=False)
    points.update(is_current=True)
    entry, _created = SeriesRun.objects.update_or_create(
        run=run,
        defaults={
            "boundary": boundary,
            "period_start": run.period_start,
            "period_end": run.period_end,
            "total_tco2e": run.total_tco2e or 0.0,
            "current_months": len(months),
        },
    )
    now = timezone.now()
    for old in SeriesRun.objects.filter(run_id__in=earlier_runs):
        old.superseded_by = entry
        old.superseded_at = now
        old.current_months = (
            SeriesPoint.objects.filter(run_id=old.run_id, is_current=True)
            .values("period")
            .distinct()
            .count()
        )
        old.save(update_fields=["superseded_by", "superseded_at", "current_months"])
    return entry


# --------------------------------------------------------------------------- base year
def _method_signature(run: AccountingRun) -> tuple:
    return (
        run.gwp_key,
        tuple((e.get("key"), e.get("version")) for e in run.factor_set_versions or []),
        tuple(sorted((run.options or {}).items())),
        tuple(sorted(run.facilities.values_list("id", flat=True))),
    )


def _year_total(year: int) -> tuple[float, int]:
    """(tCO2e, months) of the current whole-boundary series in ``year``; one query."""
    frame = selectors.series_values(metrics=("tco2e",), by=("month",), year_from=year, year_to=year)
    return float(frame["tco2e"].sum()), len(frame)


def _probe_total(base_run: AccountingRun, run: AccountingRun) -> float:
    """The base year's total computed with ``run``'s method on the base year's data (no write)."""
    from calculators import selectors as calc_selectors  # noqa: PLC0415 — keeps pint out of start-up
    from calculators.run_adapter import Inputs, run_inputs, run_results  # noqa: PLC0415 — keeps pint out of start-up

    data = run_inputs(base_run)
    ids = [e["id"] for e in run.factor_set_versions]
    inputs = Inputs(
        data.activity,
        calc_selectors.factor_frame(ids),
        calc_selectors.gwp_frame(run.gwp_set_id),
        ids,
    )
    _rows, summary = run_results(run, inputs)
    return float(summary["total_tco2e"])


def base_year_check(*, run: AccountingRun) -> PerformanceSettings:
    """After an approval: adopt, keep or flag the base year (4.3, 6.5, 9.1.2).

    * no base run yet and ``run`` covers the base year: it becomes the base run;
    * ``run`` is the recalculation asked for: it replaces the base run (the old one is kept
      as ``previous_base_run``) and the flag is cleared;
    * ``run`` is another run of the base year: adopted when its total moves the base-year
      total by no more than the threshold, else the base year is flagged;
    * ``run`` is a later year with another boundary, method, factor set or GWP set: the base
      year is computed with that method (nothing is written) and flagged when the total moves
      by more than the threshold.
    """
    settings = PerformanceSettings.load()
    year = settings.base_year
    if not year or run.facilities.exists():
        return settings
    threshold = float(settings.significance_pct)
    covers = run.period_start.year <= year <= run.period_end.year
    total, months = _year_total(year)
    if covers and months and settings.base_run_id is None:
        settings.base_run, settings.base_total_tco2e = run, total
        settings.save()
        return settings
    if settings.base_run_id is None or settings.base_run_id == run.pk:
        return settings
    old = settings.base_total_tco2e or 0.0
    if covers:
        change = (total - old) / abs(old) * 100.0 if old else float("inf")
        if run.pk == settings.recalculation_run_id or abs(change) <= threshold:
            settings.previous_base_run_id = settings.base_run_id
            settings.previous_base_total_tco2e = old
            settings.base_run, settings.base_total_tco2e = run, total
            settings.recalculated_at = timezone.now()
            if run.pk == settings.recalculation_run_id:
                settings.recalculation_due = False
                settings.recalculation_reason = {}
                settings.recalculation_run = None
            settings.save()
            return settings
        _flag(settings, FLAG_NEW_RUN, run=run.pk, year=year, old=old, new=total, change=change)
        return settings
    base_run = settings.base_run
    if _method_signature(run) == _method_signature(base_run):
        return settings
    try:
        probe = _probe_total(base_run, run)
    except Exception:  # a method that cannot compute the base year data: say so, flag it
        logger.exception("base-year probe with run %s failed", run.pk)
        probe = float("nan")
    change = (probe - old) / abs(old) * 100.0 if old else float("nan")
    if not np.isfinite(change) or abs(change) > threshold:
        _flag(
            settings,
            FLAG_METHOD,
            run=run.pk,
            year=year,
            old=old,
            new=probe,
            change=change,
            base=base_run.pk,
        )
    return settings


def _flag(settings: PerformanceSettings, message: str, *, old, new, change, **params) -> None:
    settings.recalculation_due = True
    settings.flagged_at = timezone.now()
    settings.recalculation_reason = {
        "message": message,
        "params": {
            **params,
            "old": _number(old),
            "new": _number(new) if np.isfinite(new) else "—",
            "pct": f"{change:+.1f}" if np.isfinite(change) else "—",
            "threshold": f"{float(settings.significance_pct):g}",
        },
    }
    settings.save()


#: Kinds of change (8.4) that can move the base-year total: the boundary, its sources and
#: sinks, and the accounting methodology.
CHANGE_KINDS_CHECKED = ("sources", "facilities", "methodology")
#: Statuses of a change at which it is checked: approved, and again once implemented.
CHANGE_STATUSES_CHECKED = ("approved", "implemented")


def _todays_method_run(base_run: AccountingRun) -> AccountingRun:
    """An unsaved run carrying today's method (4.3, 6.5): the newest versions of the latest
    approved whole-boundary run's factor sets, its GWP set and options; the base run itself
    when no later run is in the series. Two queries."""
    latest = (
        SeriesRun.objects.filter(boundary="", superseded_by__isnull=True)
        .select_related("run__gwp_set")
        .order_by("-period_end", "-pk")
        .first()
    )
    source = latest.run if latest is not None else base_run
    keys = [e["key"] for e in source.factor_set_versions]
    newest: dict[str, FactorSet] = {}
    for factor_set in FactorSet.objects.filter(key__in=keys).order_by("key", "-version"):
        newest.setdefault(factor_set.key, factor_set)
    return AccountingRun(
        gwp_set=source.gwp_set,
        gwp_key=source.gwp_key,
        options=source.options,
        factor_set_versions=[
            {"id": newest[k].pk, "key": k, "version": newest[k].version}
            for k in keys
            if k in newest
        ],
    )


def _checks_done(change):
    """The checks of ``change`` at its present status that compared figures (not those
    recorded as impossible for want of a base year or base run)."""
    return BaseYearChangeCheck.objects.filter(
        change=change, change_status=change.status, base_run__isnull=False
    )


def changes_check_pending() -> list[BaseYearChangeCheck]:
    """Check the approved or implemented changes not yet compared with a base year (e.g.
    approved before the base year had its run); once the base run exists. Returns the new
    checks."""

    settings = PerformanceSettings.load()
    if not settings.base_year or settings.base_run_id is None:
        return []
    checked = BaseYearChangeCheck.objects.filter(base_run__isnull=False).values_list(
        "change_id", "change_status"
    )
    done = set(checked)
    out = []
    for change in Change.objects.filter(
        kind__in=CHANGE_KINDS_CHECKED, status__in=CHANGE_STATUSES_CHECKED
    ).order_by("pk"):
        if (change.pk, change.status) in done:
            continue
        check = base_year_change_check(change=change)
        if check is not None:
            out.append(check)
    return out


def base_year_change_check(*, change) -> BaseYearChangeCheck | None:
    """Check whether an approved or implemented change of the change register (8.4) moves the
    base-year total beyond the significance threshold (4.3, 6.5); flag the base year if so.

    The base year's approved data is computed again, nothing written, with today's boundary
    and sources (facilities and sources in the boundary now, data approved now) and the base
    run's method, or today's method (:func:`_todays_method_run`) for a change of the
    accounting methodology, and compared with the base-year run's total. Beyond the threshold
    the base year is flagged with a reason naming the change; within it, the check is recorded
    and shown on the objectives progress page. Once per change and status; a change of another
    kind or status returns None.
    """
    if change.kind not in CHANGE_KINDS_CHECKED or change.status not in CHANGE_STATUSES_CHECKED:
        return None
    done = _checks_done(change)
    if done.exists():
        return None
    # a check made before there was a base year or base run is made again now
    BaseYearChangeCheck.objects.filter(change=change, change_status=change.status).delete()
    settings = PerformanceSettings.load()
    params = {
        "change": change.title,
        "kind": change.kind,
        "status": change.status,
        "year": settings.base_year,
    }
    check = BaseYearChangeCheck(
        change=change,
        change_status=change.status,
        base_run_id=settings.base_run_id,
        base_total_tco2e=settings.base_total_tco2e,
        threshold_pct=float(settings.significance_pct),
    )
    if not settings.base_year or settings.base_run_id is None:
        why = WHY_NO_BASE_YEAR if not settings.base_year else WHY_NO_BASE_RUN
        check.outcome = {"message": CHANGE_UNCHECKED, "params": {**params, "why": why}}
        check.save()
        return check
    base_run = AccountingRun.objects.select_related("gwp_set").get(pk=settings.base_run_id)
    method = _todays_method_run(base_run) if change.kind == "methodology" else base_run
    old = settings.base_total_tco2e or 0.0
    try:
        probe = _probe_total(base_run, method)
    except Exception:  # a method that cannot compute the base year's data: say so, flag it
        logger.exception("base-year probe for change %s failed", change.pk)
        probe = float("nan")
    change_pct = (probe - old) / abs(old) * 100.0 if old else float("nan")
    threshold = float(settings.significance_pct)
    check.probe_total_tco2e = probe if np.isfinite(probe) else None
    check.change_pct = change_pct if np.isfinite(change_pct) else None
    check.flagged = not np.isfinite(change_pct) or abs(change_pct) > threshold
    figures = {
        "old": _number(old),
        "new": _number(probe) if np.isfinite(probe) else "—",
        "pct": f"{change_pct:+.1f}" if np.isfinite(change_pct) else "—",
        "threshold": f"{threshold:g}",
    }
    check.outcome = {
        "message": FLAG_CHANGE if check.flagged else CHANGE_WITHIN,
        "params": {**params, **figures},
    }
    check.save()
    if check.flagged:
        settings.recalculation_due = True
        settings.flagged_at = timezone.now()
        settings.recalculation_reason = check.outcome
        settings.save()
    return check


def base_year_change_check_later(change) -> None:
    """Queue :func:`base_year_change_check` once the change's transaction commits (django-q2),
    when the change is of a kind and status that is checked and has not been checked yet."""
    if change.kind not in CHANGE_KINDS_CHECKED or change.status not in CHANGE_STATUSES_CHECKED:
        return
    if _checks_done(change).exists():
        return
    pk = change.pk

    def enqueue():

        async_task(
            "calculators.tasks.base_year_change_check",
            pk,
            task_name=f"base year after change {pk}",
        )

    transaction.on_commit(enqueue)


def base_year_recalculate(*, user) -> AccountingRun:
    """Recompute the base year on request with today's method (4.3, 6.5): a new run on the
    base-year data with the newest versions of the latest approved run's factor sets, its
    GWP set and options. The old base run is kept; approving the new run replaces it."""
    from calculators.services.runs import run_create  # noqa: PLC0415 — cycle: services.runs stores the series through this module

    if not user.has_perm("calculators.change_performancesettings"):
        raise PermissionDenied(gettext("You may not recalculate the base year."))
    settings = PerformanceSettings.load()
    if not settings.base_year:
        raise ValidationError({"base_year": _("Set the base year first.")})
    latest = (
        SeriesRun.objects.filter(boundary="", superseded_by__isnull=True)
        .select_related("run__gwp_set")
        .order_by("-period_end", "-pk")
        .first()
    )
    if latest is None:
        raise ValidationError(_("No approved accounting run to take today's method from."))
    keys = [e["key"] for e in latest.run.factor_set_versions]
    newest: dict[str, FactorSet] = {}
    for factor_set in FactorSet.objects.filter(key__in=keys).order_by("key", "-version"):
        newest.setdefault(factor_set.key, factor_set)
    year = settings.base_year
    run = run_create(
        user=user,
        name=gettext("Base year %(year)s recalculated") % {"year": year},
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 1),
        factor_sets=[newest[k] for k in keys if k in newest],
        gwp_set=latest.run.gwp_set,
        options=latest.run.options,
    )
    settings.recalculation_run = run
    settings.save(update_fields=["recalculation_run"])
    return run


# --------------------------------------------------------------------------- indicators
class NotLinked(Exception):
    """An indicator whose metric the series cannot give; ``entry`` says why."""

    def __init__(self, message: str, **params):
        super().__init__(message % params)
        self.entry = {"message": message, "params": params}


def indicator_spec(indicator) -> dict:
    """What an indicator reads from the series: ``kind`` (``emissions``, ``energy`` or
    ``intensity``), ``filters``, ``basis`` and ``scale``; raises :class:`NotLinked`. No query."""

    metric = indicator.metric
    filters = selectors.Filters(
        category=indicator.category or "",
        source_id=indicator.source_id,
        facility_id=indicator.facility_id,
    )
    if metric in (IndicatorMetric.SCOPE1, IndicatorMetric.SCOPE2):
        scope = 1 if metric == IndicatorMetric.SCOPE1 else 2
        filters = selectors.Filters(scope=scope, **_rest(filters))
        return {"kind": "emissions", "filters": filters, "scale": 1.0}
    if metric in (
        IndicatorMetric.TOTAL_EMISSIONS,
        IndicatorMetric.CATEGORY,
        IndicatorMetric.SOURCE,
        IndicatorMetric.FACILITY,
    ):
        return {"kind": "emissions", "filters": filters, "scale": 1.0}
    if metric == IndicatorMetric.ENERGY:
        unit = (indicator.unit or "").strip().lower()
        if unit in ("tce", "吨标准煤", "tce/a"):
            return {"kind": "energy", "filters": filters, "scale": 1.0 / core.GJ_PER_TCE}
        if unit in ("gj", "吉焦", "gj/a"):
            return {"kind": "energy", "filters": filters, "scale": 1.0}
        raise NotLinked(UNIT_UNKNOWN, unit=indicator.unit)
    if metric == IndicatorMetric.RENEWABLE_SHARE:
        # electricity has no category, source or scope of its own here: only the facility
        filters = selectors.Filters(facility_id=indicator.facility_id)
        return {"kind": "renewable", "filters": filters, "scale": 100.0}
    if metric == IndicatorMetric.INTENSITY:
        return {
            "kind": "intensity",
            "filters": filters,
            "basis": indicator.intensity_basis or "per_t",
            "scale": 1.0,
        }
    raise NotLinked(NOT_LINKED, metric=metric)


def _rest(filters: "selectors.Filters") -> dict:
    return {
        "category": filters.category,
        "source_id": filters.source_id,
        "facility_id": filters.facility_id,
    }


def indicator_monthly(indicator, spec: dict) -> pd.DataFrame:
    """The indicator's metric per month of the current series: ``month``, ``num`` (emissions
    or energy), ``den`` (intensity denominator, 1 otherwise) and ``run``; two queries."""
    if spec["kind"] == "intensity":
        frame = selectors.intensity_by(basis=spec["basis"], by=("month",), filters=spec["filters"])
        frame = frame.rename(columns={"tco2e": "num", "denominator": "den"})
    elif spec["kind"] == "renewable":
        rows = selectors.series_values(
            metrics=("energy_gj",), by=("month", "category", "carrier"), filters=spec["filters"]
        )
        frame = core.renewable_electricity(rows)
        frame["num"] = frame["renewable_gj"] * spec["scale"]  # a share in %
        frame = frame.rename(columns={"electricity_gj": "den"})
        frame = frame[frame["den"] != 0].reset_index(drop=True)
    else:
        metric = "tco2e" if spec["kind"] == "emissions" else "energy_gj"
        frame = selectors.series_values(metrics=(metric,), by=("month",), filters=spec["filters"])
        frame = frame.rename(columns={metric: "num"})
        frame["num"] = frame["num"] * spec["scale"]
        frame["den"] = 1.0
    runs = selectors.month_runs()
    frame["run"] = [runs.get(m) for m in frame["month"]]
    frame["year"] = [m.year for m in frame["month"]]
    return frame[["month", "year", "num", "den", "run"]]


def _yearly(monthly: pd.DataFrame, *, ratio: bool) -> pd.DataFrame:
    """Per year: value (Σnum, or Σnum/Σden for an intensity), months, and the newest run;
    no query."""
    if monthly.empty:
        return pd.DataFrame(columns=["year", "value", "months", "run"])
    grouped = monthly.groupby("year").agg(
        num=("num", "sum"), den=("den", "sum"), months=("month", "count"), run=("run", "max")
    )
    if ratio:
        grouped["value"] = grouped["num"] / grouped["den"].where(grouped["den"] != 0)
    else:
        grouped["value"] = grouped["num"]
    return grouped.reset_index()[["year", "value", "months", "run"]]


def _forecast(
    monthly: pd.DataFrame, until: int, ratio: bool, plans: list[PlanAbatement] | None = None
) -> dict:
    """Seasonal linear trend to ``until`` (values per year), with its method and fit; with
    ``plans`` also the trend less the implementation plans' expected abatement (6.6)."""
    history = pd.Series(monthly["num"].to_numpy(), index=[f"{m:%Y-%m}" for m in monthly["month"]])
    den_fit = None
    try:
        fit = seasonal_trend(history, until)
        yearly = fit.yearly
        planned = with_plans(fit, plans) if plans is not None else None
        if ratio:
            den = pd.Series(monthly["den"].to_numpy(), index=history.index)
            den_fit = seasonal_trend(den, until)
            den_yearly = den_fit.yearly.where(den_fit.yearly != 0)
            yearly = yearly / den_yearly
            if planned is not None:
                planned = planned / den_yearly
    except ForecastError:
        return {}
    last_year = int(monthly["year"].max())

    def per_year(values) -> dict:
        return {
            str(int(y)): float(v) for y, v in values.items() if y >= last_year and np.isfinite(v)
        }

    out = {
        "method": fit.method,
        "months": fit.months,
        "r2": round(fit.r2, 4),
        "mape": round(fit.mape, 2) if np.isfinite(fit.mape) else None,
        "den_r2": round(den_fit.r2, 4) if den_fit else None,
        "den_mape": round(den_fit.mape, 2) if den_fit and np.isfinite(den_fit.mape) else None,
        "yearly": per_year(yearly),
    }
    if plans is not None:
        out["plans"] = [
            {"code": p.code, "start": p.start, "annual_tco2e": p.annual_tco2e} for p in plans
        ]
        if plans:
            out["with_plans"] = per_year(planned)
    return out


def objective_plans(objective) -> tuple[list[PlanAbatement], list[str]]:
    """The expected abatement of the objective's implementation plans that are not cancelled
    (6.6): (plans with an expected reduction and a start date, codes of the plans left out
    for lack of either); one query."""

    plans, left_out = [], []
    for code, reduction, start in (
        objective.plans.exclude(status=PlanStatus.CANCELLED)
        .order_by("code")
        .values_list("code", "expected_reduction", "start_date")
    ):
        if reduction is None or start is None:
            left_out.append(code)
        else:
            plans.append(PlanAbatement(code, f"{start:%Y-%m}", float(reduction)))
    return plans, left_out


def _plans_apply(indicator, spec: dict) -> bool:
    """Plans are expected abatement of the whole boundary's emissions (tCO2e/a): they apply
    to total emissions and to an intensity of the whole, not to a scope, category, source,
    facility, energy or share."""

    return (
        indicator.metric
        in (
            IndicatorMetric.TOTAL_EMISSIONS,
            IndicatorMetric.INTENSITY,
        )
        and not spec["filters"].kwargs()
    )


def _observed_update(indicator, track: IndicatorTrack) -> IndicatorTrack:
    """An indicator of the metric *other*: baseline as entered, progress per year from the
    values its owner entered (:class:`~calculators.models.IndicatorObservation`)."""
    track.baseline_used = float(indicator.baseline_value)
    observations = list(IndicatorObservation.objects.filter(indicator=indicator).order_by("year"))
    if not observations:
        track.problem = {"message": NO_OBSERVATION, "params": {}}
    track.save()
    yearly = pd.DataFrame(
        {
            "value": [float(o.value) for o in observations],
            "months": 12,
            "run": None,
            "observation": [o.pk for o in observations],
        },
        index=pd.Index([o.year for o in observations], name="year"),
    )
    _progress_store(indicator, track, yearly)
    return track


@transaction.atomic
def indicator_update(*, indicator) -> IndicatorTrack:
    """Baseline from the base-year run, forecast and progress per year of one indicator
    (6.5, 6.6, 9.1.2 d/f); stored, so pages only read. Writes the run's baseline into the
    indicator when no reason for a hand-entered value is given. An indicator of the metric
    *other* takes its values from the observed values its owner entered."""

    track, _created = IndicatorTrack.objects.get_or_create(indicator=indicator)
    track.problem, track.forecast = {}, {}
    track.baseline_from_run = track.baseline_entered = track.baseline_difference_pct = None
    track.baseline_flagged, track.base_run = False, None
    IndicatorProgress.objects.filter(indicator=indicator).delete()
    if indicator.metric == IndicatorMetric.OTHER:
        return _observed_update(indicator, track)
    try:
        spec = indicator_spec(indicator)
    except NotLinked as exc:
        track.problem = exc.entry
        track.baseline_used = float(indicator.baseline_value)
        track.save()
        return track
    monthly = indicator_monthly(indicator, spec)
    ratio = spec["kind"] in ("intensity", "renewable")
    yearly = _yearly(monthly, ratio=ratio).set_index("year") if len(monthly) else pd.DataFrame()
    base_year = indicator.baseline_year
    base = yearly.loc[base_year] if base_year in getattr(yearly, "index", []) else None
    if base is not None and int(base["months"]) == 12 and np.isfinite(base["value"]):
        track.baseline_from_run = float(base["value"])
        track.base_run_id = int(base["run"]) if pd.notna(base["run"]) else None
    elif base is not None:
        track.problem = {
            "message": BASE_INCOMPLETE,
            "params": {"months": int(base["months"]), "year": base_year},
        }
    elif spec["kind"] == "renewable":
        track.problem = {"message": RENEWABLE_NONE, "params": {"year": base_year}}
    else:
        track.problem = {"message": NO_BASE_RUN, "params": {"year": base_year}}
    if indicator.baseline_reason.strip():
        entered = float(indicator.baseline_value)
        track.baseline_entered = track.baseline_used = entered
        if track.baseline_from_run:
            diff = (entered - track.baseline_from_run) / abs(track.baseline_from_run) * 100.0
            track.baseline_difference_pct = diff
            track.baseline_flagged = abs(diff) > BASELINE_TOLERANCE_PCT
    elif track.baseline_from_run is not None:
        track.baseline_used = track.baseline_from_run
        rounded = Decimal(f"{track.baseline_from_run:.4f}")
        if indicator.baseline_value != rounded:
            indicator.baseline_value = rounded
            indicator.save(update_fields=["baseline_value", "updated_at"])
    else:
        track.baseline_used = None
    if not monthly.empty:
        plans = None
        if _plans_apply(indicator, spec):
            plans, left_out = objective_plans(indicator.objective)
        track.forecast = _forecast(monthly, indicator.target_year, ratio, plans)
        if track.forecast and plans is not None:
            track.forecast["plans_left_out"] = left_out
    track.save()
    if track.baseline_used is not None:
        _progress_store(indicator, track, yearly)
    return track


def _progress_store(indicator, track: IndicatorTrack, yearly: pd.DataFrame) -> None:
    objective = indicator.objective
    at_risk, off_track = (float(v) for v in objective.status_thresholds())
    baseline, target = track.baseline_used, float(indicator.target_value)
    decreasing = target < baseline
    years = [y for y in yearly.index if y >= indicator.baseline_year]
    rows = []
    for year in years:
        actual = yearly.loc[year, "value"]
        months = int(yearly.loc[year, "months"])
        path = float(
            core.linear_path(
                indicator.baseline_year, baseline, indicator.target_year, target, [year]
            )[0]
        )
        gap = float(core.deviation_pct(actual, path, decreasing=decreasing))
        status = core.progress_status(gap, at_risk, off_track) if months == 12 else "partial"
        run = yearly.loc[year, "run"]
        observation = yearly.loc[year, "observation"] if "observation" in yearly else None
        rows.append(
            IndicatorProgress(
                indicator=indicator,
                year=int(year),
                months=months,
                actual=float(actual) if np.isfinite(actual) else None,
                path=path,
                deviation_pct=gap if np.isfinite(gap) else None,
                status=status
                if np.isfinite(gap) or status == "partial"
                else ProgressStatus.NO_DATA,
                run_id=int(run) if pd.notna(run) else None,
                observation_id=int(observation) if pd.notna(observation) else None,
            )
        )
    IndicatorProgress.objects.bulk_create(rows)


@transaction.atomic
def indicator_observation_save(*, observation: IndicatorObservation, user) -> IndicatorObservation:
    """Save an observed value of an indicator of the metric *other* (6.5, 9.1.2) with who
    entered it; validated first (``full_clean``: a number, a year between the baseline and
    target years, an indicator of the metric *other*, the evidence), so nothing is saved half.
    The indicator's progress is recomputed by a task once the transaction commits."""
    if not user.has_perm(
        "calculators.change_indicatorobservation"
        if observation.pk
        else "calculators.add_indicatorobservation"
    ):
        raise PermissionDenied(gettext("You may not enter observed values of indicators."))
    observation.entered_by = user
    observation.full_clean()
    observation.save()
    indicator_id = observation.indicator_id

    def enqueue():

        async_task(
            "calculators.tasks.indicator_progress_update",
            indicator_id,
            task_name=f"progress of indicator {indicator_id}",
        )

    transaction.on_commit(enqueue)
    return observation


def indicators_update() -> int:
    """Update every indicator of the objectives that are not closed; returns how many."""

    indicators = Indicator.objects.exclude(
        objective__in=Objective.objects.filter(Objective.closed_q())
    )
    count = 0
    for indicator in indicators.select_related("objective"):
        indicator_update(indicator=indicator)
        count += 1
    return count


# --------------------------------------------------------------------------- alerts
def _alert(indicator, kind: str, period: dt.date, threshold: float, *, source_id=None, **fields):
    key = f"{indicator.pk}:{kind}:{period:%Y-%m}:{source_id or ''}"
    alert, created = DeviationAlert.objects.get_or_create(
        key=key,
        defaults={
            "indicator": indicator,
            "kind": kind,
            "period": period,
            "source_id": source_id,
            "threshold": threshold,
            **fields,
        },
    )
    return alert if created else None


def indicator_alerts_check(*, indicator, today: dt.date) -> list[DeviationAlert]:
    """Check one indicator's thresholds (9.1.3); returns the alerts newly raised.

    * path: each of the last :data:`ALERT_WINDOW_MONTHS` months whose value is worse than its
      monthly path (the base year's month scaled to the year's path,
      :func:`calculators.core.performance.monthly_path`) by more than ``alert_path_pct``;
    * change: sources whose latest month changed by more than ``alert_change_pct`` against
      the month before;
    * missing: after day ``alert_missing_day`` of a month, sources that had data the month
      before last but none approved for last month.
    """
    raised: list[DeviationAlert] = []
    try:
        spec = indicator_spec(indicator)
    except NotLinked:
        return raised
    track = IndicatorTrack.objects.filter(indicator=indicator).first()
    monthly = indicator_monthly(indicator, spec)
    if indicator.alert_path_pct is not None and track and track.baseline_used and len(monthly):
        raised += _path_alerts(indicator, spec, track, monthly)
    if indicator.alert_change_pct is not None and len(monthly) >= 2:
        raised += _change_alerts(indicator, spec, monthly)
    if indicator.alert_missing_day is not None and today.day > indicator.alert_missing_day:
        raised += _missing_alerts(indicator, spec, today)
    return raised


def _path_alerts(indicator, spec, track, monthly) -> list[DeviationAlert]:
    pct = float(indicator.alert_path_pct)
    baseline, target = track.baseline_used, float(indicator.target_value)
    values = (monthly["num"] / monthly["den"].where(monthly["den"] != 0)).to_numpy()
    actual = pd.Series(values, index=[f"{m:%Y-%m}" for m in monthly["month"]])
    base = monthly[monthly["year"] == indicator.baseline_year]
    profile = pd.Series(base["num"].to_numpy(), index=[m.month for m in base["month"]])
    recent = monthly.tail(ALERT_WINDOW_MONTHS)
    path = {}
    for month in recent["month"]:
        year_path = float(
            core.linear_path(
                indicator.baseline_year, baseline, indicator.target_year, target, [month.year]
            )[0]
        )
        if spec["kind"] in ("intensity", "renewable"):  # a ratio: no monthly profile
            path[f"{month:%Y-%m}"] = year_path
        else:
            path[f"{month:%Y-%m}"] = float(core.monthly_path(profile, year_path).loc[month.month])
    breaches = core.path_breaches(
        actual.loc[list(path)], pd.Series(path), pct, decreasing=target < baseline
    )
    out = []
    for b in breaches:
        alert = _alert(
            indicator,
            AlertKind.PATH,
            dt.date.fromisoformat(f"{b.period}-01"),
            pct,
            value=b.value,
            reference=b.reference,
            pct=b.pct,
        )
        if alert:
            out.append(alert)
    return out


def _change_alerts(indicator, spec, monthly) -> list[DeviationAlert]:
    pct = float(indicator.alert_change_pct)
    last = monthly["month"].max()
    previous = (pd.Period(last, freq="M") - 1).to_timestamp().date()
    by_source = selectors.series_values(
        metrics=("tco2e",),
        by=("source", "month"),
        month_from=previous,
        month_to=last,
        filters=spec["filters"] if spec["kind"] != "intensity" else None,
    )
    by_source["period"] = [f"{m:%Y-%m}" for m in by_source["month"]]
    by_source = by_source.rename(columns={"source": "source_id"})
    out = []
    for b in core.source_changes(by_source, f"{last:%Y-%m}", pct):
        alert = _alert(
            indicator,
            AlertKind.CHANGE,
            last,
            pct,
            source_id=b.source_id,
            value=b.value,
            reference=b.reference,
            pct=b.pct,
        )
        if alert:
            out.append(alert)
    return out


def _missing_alerts(indicator, spec, today: dt.date) -> list[DeviationAlert]:

    month = (pd.Period(today, freq="M") - 1).to_timestamp().date()
    before = (pd.Period(month, freq="M") - 1).to_timestamp().date()
    filters = spec["filters"] if spec["kind"] != "intensity" else None
    expected = set(
        selectors.current_points(month_from=before, month_to=before, filters=filters)
        .order_by()
        .values_list("source_id", flat=True)
        .distinct()
    )
    if not expected:
        return []
    present = set(
        ActivityRecord.objects.filter(
            dataset__status=DatasetStatus.APPROVED, period=month, source_id__in=expected
        )
        .order_by()
        .values_list("source_id", flat=True)
        .distinct()
    )
    missing = sorted(expected - present)
    if not missing:
        return []
    codes = list(
        EmissionSource.objects.filter(pk__in=missing)
        .order_by("code")
        .values_list("code", flat=True)
    )
    alert = _alert(
        indicator,
        AlertKind.MISSING,
        month,
        float(indicator.alert_missing_day),
        value=float(len(missing)),
        reference=float(len(expected)),
        details={"sources": codes},
    )
    return [alert] if alert else []


def alerts_check(*, today: dt.date | None = None, notify: bool = True) -> list[DeviationAlert]:
    """Check every indicator with a threshold (9.1.3) and e-mail each new alert to the
    owner of the indicator's objective; returns the new alerts."""

    today = today or timezone.localdate()
    indicators = (
        Indicator.objects.exclude(objective__in=Objective.objects.filter(Objective.closed_q()))
        .filter(
            Q(alert_path_pct__isnull=False)
            | Q(alert_change_pct__isnull=False)
            | Q(alert_missing_day__isnull=False)
        )
        .select_related("objective__owner")
    )
    raised = []
    for indicator in indicators:
        raised += indicator_alerts_check(indicator=indicator, today=today)
    if notify:
        for alert in raised:
            alert_notify(alert=alert)
    return raised


def alert_text(alert: DeviationAlert) -> str:
    """What the alert says, in the active language; issues no query when the alert's
    indicator and source are loaded."""
    params = {
        "month": f"{alert.period:%Y-%m}",
        "indicator": alert.indicator.name,
        "value": _number(alert.value or 0.0, 3),
        "reference": _number(alert.reference or 0.0, 3),
        "pct": f"{(alert.pct or 0.0):+.1f}",
        "threshold": f"{alert.threshold:g}",
    }
    if alert.kind == AlertKind.PATH:
        return (
            gettext(
                "%(indicator)s in %(month)s: %(value)s, worse than the target path "
                "(%(reference)s) by %(pct)s %% (threshold %(threshold)s %%)."
            )
            % params
        )
    if alert.kind == AlertKind.CHANGE:
        params["source"] = str(alert.source.code) if alert.source else "?"
        return (
            gettext(
                "Source %(source)s in %(month)s: %(value)s tCO2e against %(reference)s the month "
                "before (%(pct)s %%, threshold %(threshold)s %%)."
            )
            % params
        )
    params["sources"] = ", ".join(alert.details.get("sources", []))
    return (
        gettext("No approved data for %(month)s after day %(threshold)s from sources %(sources)s.")
        % params
    )


def alert_notify(*, alert: DeviationAlert) -> bool:
    """E-mail an alert to the owner of its indicator's objective, in their admin language
    (Chinese by default); False when the owner has no address."""

    owner = alert.indicator.objective.owner
    if owner is None or not owner.email or not owner.is_active:
        return False
    profile = UserProfile.objects.filter(user=owner).values_list("preferred_language", flat=True)
    language = next(iter(profile), "") or "zh-hans"
    if language not in {code for code, _name in django_settings.LANGUAGES}:
        language = "zh-hans"
    base_url = getattr(django_settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    with translation.override(language):
        subject = gettext("Deviation alert: %(indicator)s") % {"indicator": alert.indicator.name}
        body = render_to_string(
            "calculators/performance/alert_email.txt",
            {"alert": alert, "text": alert_text(alert), "owner": owner, "base_url": base_url},
        )
    EmailMessage(
        subject=subject, body=body, from_email=django_settings.DEFAULT_FROM_EMAIL, to=[owner.email]
    ).send()
    alert.notified_at = timezone.now()
    alert.save(update_fields=["notified_at"])
    return True


def _may_handle(user) -> None:
    if not user.has_perm("calculators.change_deviationalert"):
        raise PermissionDenied(gettext("You may not handle deviation alerts."))


def alert_acknowledge(*, alert: DeviationAlert, user) -> DeviationAlert:
    """Mark an open alert as seen and being looked into (9.1.3)."""
    _may_handle(user)
    if alert.status != AlertStatus.OPEN:
        raise ValidationError(_("Only an open alert can be acknowledged."))
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.handled_by, alert.handled_at = user, timezone.now()
    alert.save(update_fields=["status", "handled_by", "handled_at"])
    return alert


@transaction.atomic
def alert_raise_nonconformity(*, alert: DeviationAlert, user):
    """Turn an alert into a nonconformity in one step (9.1.3 → 10.2), through the registers'
    service; the alert links to it. All or nothing."""

    _may_handle(user)
    alert = (
        DeviationAlert.objects.select_for_update(of=("self",))  # PostgreSQL: not the outer joins
        .select_related("indicator__objective", "source__facility")
        .get(pk=alert.pk)
    )
    if alert.nonconformity_id is not None:
        raise ValidationError(_("This alert is already a nonconformity."))
    if alert.status == AlertStatus.CLOSED:
        raise ValidationError(_("A closed alert cannot become a nonconformity."))
    objective = alert.indicator.objective
    text = alert_text(alert)
    nonconformity = nonconformity_create(
        user=user,
        title=gettext("Deviation: %(indicator)s, %(month)s")
        % {"indicator": alert.indicator.name, "month": f"{alert.period:%Y-%m}"},
        description=text
        + "\n"
        + gettext("Raised from deviation alert #%(id)s of objective %(objective)s (9.1.3).")
        % {"id": alert.pk, "objective": objective.code},
        source=NonconformitySource.MONITORING,
        facility=alert.source.facility if alert.source else objective.facility,
        owner=objective.owner,
    )
    alert.nonconformity = nonconformity
    alert.status = AlertStatus.NONCONFORMITY
    alert.handled_by, alert.handled_at = user, timezone.now()
    alert.save(update_fields=["nonconformity", "status", "handled_by", "handled_at"])
    return nonconformity


# --------------------------------------------------------------------------- the task
def performance_update(*, run_id: int | None = None, today: dt.date | None = None) -> dict:
    """Everything that follows an approval (or the monthly check, without a run): the series,
    the base year, every indicator's baseline, forecast and progress, and the alerts."""
    out = {"run": run_id}
    if run_id is not None:
        run = AccountingRun.objects.get(pk=run_id)
        series_approve(run=run)
        base_year_check(run=run)
        out["changes_checked"] = len(changes_check_pending())
    out["indicators"] = indicators_update()
    out["alerts"] = len(alerts_check(today=today))
    return out


def performance_update_later(run: AccountingRun) -> None:
    """Queue :func:`performance_update` once the approval's transaction commits (django-q2)."""

    def enqueue():

        async_task(
            "calculators.tasks.performance_update",
            run.pk,
            task_name=f"performance after run {run.pk}",
        )

    transaction.on_commit(enqueue)


def alerts_check_later() -> None:
    """Queue the deviation-alert check once the current transaction commits (data approved)."""

    def enqueue():

        async_task("calculators.tasks.performance_alerts", task_name="deviation alerts")

    transaction.on_commit(enqueue)
