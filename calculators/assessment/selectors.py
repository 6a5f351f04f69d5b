"""Reads behind an assessment (6.4): approved yearly emissions, sources, opportunities.

:func:`yearly_history` is the one seam to the performance series: it reads the series where
it covers a whole year and the approved accounting runs elsewhere, and returns one frame to
the callers either way. Every function issues a fixed number of queries.
"""

from __future__ import annotations

from django.db.models import Q, Sum

import numpy as np
import pandas as pd

from calculators.models import AccountingRun, Assessment, AssessmentStatus, RunResult, RunStatus
from cems_registers.models import EmissionSource, OpportunityStatus, ReductionOpportunity

#: 万元 (the register's money unit) in CNY (the assessment's).
CNY_PER_WAN = 10_000.0
#: Columns of :func:`yearly_history`.
HISTORY_COLUMNS = ("year", "run_id", "run_ids", "tco2e", "production", "energy_gj", "source")
#: Opportunities that are still open to assess: not rejected, not already implemented.
ASSESSED_STATUSES = (
    OpportunityStatus.IDENTIFIED,
    OpportunityStatus.ASSESSED,
    OpportunityStatus.PLANNED,
    OpportunityStatus.IMPLEMENTING,
)


def _boundary(run_facilities: set[int], facility_ids: list[int]) -> bool:
    return run_facilities == set(facility_ids)


def yearly_history(*, facility_ids: list[int], up_to_year: int) -> pd.DataFrame:
    """Approved yearly emissions, energy and production of the boundary up to ``up_to_year``.

    THE SEAM to the performance series (issue 9 part 1). A year whose twelve months are all
    current in the series (:mod:`calculators.performance.selectors`, boundary ``[]`` = the
    whole organisational boundary) is read from it, with its energy; a year the series does not
    cover is read from the approved run of exactly these facilities that covers it (the most
    recently approved), as before the series existed. Four queries.

    Columns :data:`HISTORY_COLUMNS`: ``year``, ``run_id`` (the run covering most months),
    ``run_ids`` (every run the year read), ``tco2e``, ``production`` (t of product),
    ``energy_gj`` (NaN when only the run is known) and ``source`` (``series`` or ``run``).
    """
    runs = _history_from_runs(facility_ids=facility_ids, up_to_year=up_to_year)
    series = _history_from_series(facility_ids=facility_ids, up_to_year=up_to_year)
    if not series.empty:
        runs = runs[~runs["year"].isin(series["year"])]
    frame = pd.concat([f for f in (series, runs) if not f.empty] or [runs], ignore_index=True)
    return frame.sort_values("year").reset_index(drop=True)[list(HISTORY_COLUMNS)]


def _history_from_series(*, facility_ids: list[int], up_to_year: int) -> pd.DataFrame:
    """Whole years of the current performance series of the boundary; one query."""
    from calculators.performance.selectors import series_values  # noqa: PLC0415 — keeps pint out of start-up
    from calculators.performance.services import boundary_key  # noqa: PLC0415 — keeps pint out of start-up

    values = series_values(
        metrics=("tco2e", "energy_gj", "production_t"),
        by=("year", "month", "run"),
        boundary=boundary_key(facility_ids),
        year_to=up_to_year,
    )
    rows = []
    for year, part in values.groupby("year"):
        if part["month"].nunique() < 12:
            continue
        months = part.groupby("run")["month"].nunique().sort_index()
        rows.append(
            {
                "year": int(year),
                "run_id": int(months.idxmax()) if months.max() < 12 else int(months.index[-1]),
                "run_ids": [int(r) for r in months.index],
                "tco2e": float(part["tco2e"].sum()),
                "production": float(part["production_t"].sum()) or np.nan,
                "energy_gj": float(part["energy_gj"].sum()),
                "source": "series",
            }
        )
    return pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))


def _history_from_runs(*, facility_ids: list[int], up_to_year: int) -> pd.DataFrame:
    """Whole years from approved runs of exactly these facilities; two queries."""
    runs = (
        AccountingRun.objects.filter(
            status=RunStatus.APPROVED,
            period_start__month=1,
            period_start__day=1,
            period_end__month=12,
            period_start__year__lte=up_to_year,
        )
        .prefetch_related("facilities")
        .order_by("period_start", "approved_at", "pk")
    )
    chosen: dict[int, AccountingRun] = {}
    for run in runs:
        if run.period_end.year != run.period_start.year:
            continue
        if not _boundary({f.pk for f in run.facilities.all()}, facility_ids):
            continue
        chosen[run.period_start.year] = run  # later approvals win
    rows = [
        {
            "year": year,
            "run_id": run.pk,
            "run_ids": [run.pk],
            "tco2e": float(run.total_tco2e or 0.0),
            "production": run_production(run),
            "energy_gj": np.nan,
            "source": "run",
        }
        for year, run in sorted(chosen.items())
    ]
    return pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))


def run_production(run: AccountingRun) -> float:
    """Output in t of product behind a run's intensity, NaN when unknown; issues no query.

    Reads ``{"per_t": {"production": …}}`` and the older ``{"per_t": intensity}``.
    """
    entry = (run.intensity or {}).get("per_t")
    if isinstance(entry, dict):
        value = entry.get("production")
        return float(value) if value else np.nan
    if entry and run.total_tco2e:
        return float(run.total_tco2e) / float(entry)
    return np.nan


def source_emissions(run_id: int) -> pd.DataFrame:
    """Emissions of one run by source (tCO2e): ``code``, ``name_zh``, ``name_en``,
    ``facility`` (code); one query."""
    rows = list(
        RunResult.objects.filter(run_id=run_id)
        .values_list("source__code", "source__name", "source__name_en", "facility__code")
        .annotate(tco2e=Sum("tco2e"))
        .order_by()
    )
    frame = pd.DataFrame.from_records(
        rows, columns=["code", "name_zh", "name_en", "facility", "tco2e"]
    )
    if frame.empty:
        return frame
    frame["name_en"] = frame["name_en"].fillna("")
    return frame.groupby(["code", "name_zh", "name_en"], as_index=False).agg(
        facility=("facility", "first"), tco2e=("tco2e", "sum")
    )


def source_emissions_of_year(year: int, *, facility_ids: list[int]) -> pd.DataFrame:
    """Emissions of one year by source from the current performance series; two queries.

    Same columns as :func:`source_emissions`.
    """
    from calculators.performance.selectors import series_values  # noqa: PLC0415 — keeps pint out of start-up
    from calculators.performance.services import boundary_key  # noqa: PLC0415 — keeps pint out of start-up

    values = series_values(
        metrics=("tco2e",),
        by=("source",),
        boundary=boundary_key(facility_ids),
        year_from=year,
        year_to=year,
    )
    sources = {
        row[0]: row[1:]
        for row in EmissionSource.objects.filter(pk__in=list(values["source"])).values_list(
            "pk", "code", "name", "name_en", "facility__code"
        )
    }
    rows = [
        (*sources[source_id][:2], sources[source_id][2] or "", sources[source_id][3], tco2e)
        for source_id, tco2e in zip(values["source"], values["tco2e"], strict=True)
        if source_id in sources
    ]
    return pd.DataFrame(rows, columns=["code", "name_zh", "name_en", "facility", "tco2e"])


def opportunity_frame(*, facility_ids: list[int]) -> pd.DataFrame:
    """Open opportunities of the boundary as the core's frame, money in CNY; one query.

    Columns :data:`calculators.core.assessment.OPPORTUNITY_COLUMNS` plus ``id``, ``title_en``,
    ``facility`` (code) and ``status``. With ``facility_ids``, opportunities of other
    facilities are left out (those without a facility stay: they concern the whole company).
    """
    qs = ReductionOpportunity.objects.filter(status__in=ASSESSED_STATUSES).order_by("code")
    if facility_ids:
        qs = qs.filter(Q(facility_id__in=facility_ids) | Q(facility__isnull=True))
    records = [
        {
            "id": o["id"],
            "code": o["code"],
            "title": o["title"],
            "title_en": o["title_en"],
            "category": o["category"],
            "facility": o["facility__code"] or "",
            "status": o["status"],
            "capex": _money(o["capital_cost"]),
            "opex_change": _money(o["operating_cost"]),
            "savings": _money(o["annual_savings"]),
            "abatement": None
            if o["abatement_per_year"] is None
            else float(o["abatement_per_year"]),
            "lifetime": o["lifetime_years"],
            "start_year": o["start_year"],
            "selected": o["selected"],
        }
        for o in qs.values(
            "id",
            "code",
            "title",
            "title_en",
            "category",
            "facility__code",
            "status",
            "capital_cost",
            "operating_cost",
            "annual_savings",
            "abatement_per_year",
            "lifetime_years",
            "start_year",
            "selected",
        )
    ]
    columns = [
        "id",
        "code",
        "title",
        "title_en",
        "category",
        "facility",
        "status",
        "capex",
        "opex_change",
        "savings",
        "abatement",
        "lifetime",
        "start_year",
        "selected",
    ]
    return pd.DataFrame(records, columns=columns)


def _money(value) -> float:
    return 0.0 if value is None else float(value) * CNY_PER_WAN


def assessment_list():
    """Assessments, newest year first, with their people; one query."""
    return Assessment.objects.select_related("created_by", "approved_by")


def latest_approved_assessment() -> Assessment | None:
    """The most recently approved assessment, or ``None``; one query."""
    return (
        Assessment.objects.filter(status=AssessmentStatus.APPROVED)
        .order_by("-approved_at", "-pk")
        .first()
    )
