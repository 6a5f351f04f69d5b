"""Reads behind an assessment (6.4): approved yearly emissions, sources, opportunities.

:func:`yearly_history` is the one seam to the performance series: today it reads approved
accounting runs that cover a calendar year; when the series selector exists it can take its
place without changing the callers (same frame). Every function issues a fixed number of
queries.
"""

from __future__ import annotations

from django.db.models import Q, Sum

import numpy as np
import pandas as pd

from calculators.models import AccountingRun, Assessment, AssessmentStatus, RunResult, RunStatus
from cems_registers.models import OpportunityStatus, ReductionOpportunity

#: 万元 (the register's money unit) in CNY (the assessment's).
CNY_PER_WAN = 10_000.0
#: Columns of :func:`yearly_history`.
HISTORY_COLUMNS = ("year", "run_id", "tco2e", "production", "energy_gj")
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
    """Approved yearly emissions of the boundary up to ``up_to_year``; two queries.

    THE SEAM to the performance series (issue 9 part 1). One row per calendar year covered
    by an approved run of exactly these facilities (``[]``: the whole organisational
    boundary), the most recently approved when several: ``year``, ``run_id``, ``tco2e``,
    ``production`` (t of product, from the run's intensity; NaN when unknown) and
    ``energy_gj`` (NaN: runs do not keep the energy yet).
    """
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
    rows = []
    for year, run in sorted(chosen.items()):
        total = float(run.total_tco2e or 0.0)
        rows.append(
            {
                "year": year,
                "run_id": run.pk,
                "tco2e": total,
                "production": run_production(run),
                "energy_gj": np.nan,
            }
        )
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
