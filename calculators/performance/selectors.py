"""Reads of the carbon performance series and objectives progress (6.3.2, 6.5, 9.1.2, 9.1.3).

Every function here answers in a constant number of queries, whatever the number of months,
sources or runs: the database sums the stored series (:class:`~calculators.models.SeriesPoint`,
indexed on ``is_current, boundary, year, period``), never the run results. The dashboard and
the management review pack build on these.

Vocabulary:

* **metric**: a numeric column of the series: ``tco2e``, ``energy_gj``, ``energy_tce``
  (derived: GJ / 29.3076), ``production_t``, ``output_wan``, ``biogenic_t`` or a gas's CO2e
  (``tco2e_co2`` …); intensities come from :func:`intensity_by`.
* **dimension**: ``year``, ``month``, ``scope``, ``category``, ``gas``, ``facility``,
  ``source``, ``carrier`` or ``run``.
* **boundary**: ``""`` is the whole boundary (4.3); a run on a subset of facilities feeds the
  series of that subset (its facility ids, comma-separated), which never mixes with the whole.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Prefetch, Sum

import pandas as pd

from calculators.core.performance import GAS_FIELDS, GJ_PER_TCE
from calculators.models import (
    AlertStatus,
    BaseYearChangeCheck,
    DeviationAlert,
    IndicatorProgress,
    IndicatorTrack,
    PerformanceSettings,
    SeriesPoint,
    SeriesRun,
)
from cems_registers.models import Indicator, Objective

#: Dimension name → series column.
DIMENSIONS: dict[str, str] = {
    "year": "year",
    "month": "period",
    "scope": "scope",
    "category": "category",
    "facility": "facility_id",
    "source": "source_id",
    "carrier": "carrier",
    "run": "run_id",
}
#: Stored metric columns.
STORED_METRICS: tuple[str, ...] = (
    "tco2e",
    *GAS_FIELDS.values(),
    "biogenic_t",
    "energy_gj",
    "production_t",
    "output_wan",
)
#: Intensity bases → the denominator column (t of product, 万元 of output value).
INTENSITY_BASES: dict[str, str] = {"per_t": "production_t", "per_wan_yuan": "output_wan"}


@dataclass(frozen=True)
class Filters:
    """Which part of the series: a scope, category, source or facility (all optional)."""

    scope: int | None = None
    category: str = ""
    source_id: int | None = None
    facility_id: int | None = None

    def kwargs(self) -> dict:
        out = {}
        if self.scope is not None:
            out["scope"] = self.scope
        if self.category:
            out["category"] = self.category
        if self.source_id is not None:
            out["source_id"] = self.source_id
        if self.facility_id is not None:
            out["facility_id"] = self.facility_id
        return out


def current_points(
    *,
    boundary: str = "",
    year_from: int | None = None,
    year_to: int | None = None,
    month_from: dt.date | None = None,
    month_to: dt.date | None = None,
    filters: Filters | None = None,
):
    """The current series rows (one approved run per month and boundary) as a queryset."""
    qs = SeriesPoint.objects.filter(is_current=True, boundary=boundary)
    if year_from is not None:
        qs = qs.filter(year__gte=year_from)
    if year_to is not None:
        qs = qs.filter(year__lte=year_to)
    if month_from is not None:
        qs = qs.filter(period__gte=month_from)
    if month_to is not None:
        qs = qs.filter(period__lte=month_to)
    if filters is not None:
        qs = qs.filter(**filters.kwargs())
    return qs


def series_values(
    *,
    metrics: tuple[str, ...] = ("tco2e",),
    by: tuple[str, ...] = ("month",),
    boundary: str = "",
    year_from: int | None = None,
    year_to: int | None = None,
    month_from: dt.date | None = None,
    month_to: dt.date | None = None,
    filters: Filters | None = None,
) -> pd.DataFrame:
    """Metric(s) of the current series summed by dimension(s); ONE query.

    ``by`` may include ``gas``: the frame is then long, one row per gas group with its CO2e
    in ``tco2e`` (``metrics`` is ignored). ``energy_tce`` is derived from ``energy_gj``.
    Columns: the dimensions (``month`` as a date), then the metrics, sorted by dimension.
    """
    if "gas" in by:
        rest = tuple(d for d in by if d != "gas")
        wide = series_values(
            metrics=tuple(GAS_FIELDS.values()),
            by=rest,
            boundary=boundary,
            year_from=year_from,
            year_to=year_to,
            month_from=month_from,
            month_to=month_to,
            filters=filters,
        )
        long = wide.melt(id_vars=list(rest), var_name="gas", value_name="tco2e")
        long["gas"] = long["gas"].map({v: k for k, v in GAS_FIELDS.items()})
        return long.sort_values([*rest, "gas"], kind="stable").reset_index(drop=True)
    unknown = [d for d in by if d not in DIMENSIONS]
    if unknown:
        raise ValueError(f"unknown dimension(s): {', '.join(unknown)}")
    stored = sorted({"energy_gj" if m == "energy_tce" else m for m in metrics})
    bad = [m for m in stored if m not in STORED_METRICS]
    if bad:
        raise ValueError(f"unknown metric(s): {', '.join(bad)}")
    columns = [DIMENSIONS[d] for d in by]
    qs = current_points(
        boundary=boundary,
        year_from=year_from,
        year_to=year_to,
        month_from=month_from,
        month_to=month_to,
        filters=filters,
    )
    rows = list(
        qs.order_by()
        .values(*columns)
        .annotate(**{f"sum_{m}": Sum(m) for m in stored})
        .order_by(*columns)
    )
    frame = pd.DataFrame.from_records(
        rows, columns=[*columns, *(f"sum_{m}" for m in stored)]
    ).rename(columns={f"sum_{m}": m for m in stored})
    frame = frame.rename(columns={DIMENSIONS[d]: d for d in by})
    for m in stored:
        frame[m] = frame[m].astype(float).fillna(0.0)
    if "energy_tce" in metrics:
        frame["energy_tce"] = frame["energy_gj"] / GJ_PER_TCE
    return frame[[*by, *metrics]]


def intensity_by(
    *,
    basis: str = "per_t",
    by: tuple[str, ...] = ("year",),
    boundary: str = "",
    year_from: int | None = None,
    year_to: int | None = None,
    filters: Filters | None = None,
) -> pd.DataFrame:
    """Emission intensity (tCO2e per t of product, or per 万元) by dimension; ONE query.

    Columns: the dimensions, ``tco2e``, ``denominator``, ``intensity`` (NaN where the
    denominator is 0). Production is read from the whole boundary (production rows are
    filed under one source), the emissions from ``filters``.
    """
    column = INTENSITY_BASES[basis]
    frame = series_values(
        metrics=("tco2e", column),
        by=by,
        boundary=boundary,
        year_from=year_from,
        year_to=year_to,
    )
    if filters is not None and filters.kwargs():
        part = series_values(
            metrics=("tco2e",),
            by=by,
            boundary=boundary,
            year_from=year_from,
            year_to=year_to,
            filters=filters,
        )
        frame = frame.drop(columns=["tco2e"]).merge(part, on=list(by), how="left")
        frame["tco2e"] = frame["tco2e"].fillna(0.0)
    frame = frame.rename(columns={column: "denominator"})
    denominator = frame["denominator"].where(frame["denominator"] != 0)
    frame["intensity"] = frame["tco2e"] / denominator
    return frame[[*by, "tco2e", "denominator", "intensity"]]


def series_runs(*, boundary: str = "") -> list[SeriesRun]:
    """Approved runs in the series of ``boundary``, newest period first, with the run and
    the run that superseded them; one query."""
    return list(
        SeriesRun.objects.filter(boundary=boundary)
        .select_related("run", "superseded_by__run")
        .order_by("-period_start", "-pk")
    )


def month_runs(*, boundary: str = "", year_from=None, year_to=None) -> dict[dt.date, int]:
    """Which run each month of the current series comes from; one query."""
    qs = current_points(boundary=boundary, year_from=year_from, year_to=year_to)
    return dict(qs.order_by().values_list("period").annotate(run=Max("run_id")).order_by())


def series_extent(*, boundary: str = "") -> dict:
    """First and last month and number of months of the current series; one query."""
    return current_points(boundary=boundary).aggregate(
        first=Min("period"), last=Max("period"), months=Count("period", distinct=True)
    )


@dataclass
class ProgressPage:
    """Everything the objectives progress page shows; see :func:`progress_page`."""

    settings: PerformanceSettings
    objectives: list
    tracks: dict
    progress: dict
    alerts: list
    change_checks: list


#: How many of the latest base-year checks of changes the progress page lists.
CHANGE_CHECKS_SHOWN = 20


def progress_page(*, objective_ids=None) -> ProgressPage:
    """Objectives (approved first) with their indicators, each indicator's tracking record and
    progress per year, the open alerts, the base-year settings and the latest base-year
    checks of changes (8.4); SEVEN queries whatever the
    number of objectives, indicators, years or months (the page's count is pinned in the
    tests); the first read ever also creates the settings row."""

    objectives = Objective.objects.select_related("owner").prefetch_related(
        Prefetch(
            "indicators",
            queryset=Indicator.objects.select_related("source", "facility").order_by("pk"),
        )
    )
    if objective_ids is not None:
        objectives = objectives.filter(pk__in=objective_ids)
    objectives = list(objectives.order_by("approved_at", "code"))
    objectives.sort(key=lambda o: (not o.is_approved, o.code))
    indicator_ids = [i.pk for o in objectives for i in o.indicators.all()]
    tracks = {
        t.indicator_id: t
        for t in IndicatorTrack.objects.filter(indicator_id__in=indicator_ids).select_related(
            "base_run"
        )
    }
    progress: dict[int, list[IndicatorProgress]] = {}
    for row in IndicatorProgress.objects.filter(indicator_id__in=indicator_ids).select_related(
        "run", "observation__entered_by"
    ):
        progress.setdefault(row.indicator_id, []).append(row)
    alerts = list(
        DeviationAlert.objects.filter(
            indicator_id__in=indicator_ids,
            status__in=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED, AlertStatus.NONCONFORMITY],
        )
        .select_related("indicator__objective", "source", "nonconformity")
        .order_by("-period", "-pk")[:200]
    )
    settings = (
        PerformanceSettings.objects.select_related(
            "base_run", "previous_base_run", "recalculation_run"
        ).first()
        or PerformanceSettings.load()
    )
    change_checks = list(
        BaseYearChangeCheck.objects.select_related("change").order_by("-checked_at", "-pk")[
            :CHANGE_CHECKS_SHOWN
        ]
    )
    return ProgressPage(
        settings=settings,
        objectives=objectives,
        tracks=tracks,
        progress=progress,
        alerts=alerts,
        change_checks=change_checks,
    )
