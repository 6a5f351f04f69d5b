"""What carbon accounting contributes to the management review's inputs (9.5).

Registered in :meth:`calculators.apps.CalculatorsConfig.ready` with
:func:`cems_registers.review_inputs.register_review_input`. Each collector reads stored,
approved data in a fixed number of queries and returns a table whose headings are msgids
(translated when the pack is shown); the review snapshots it.
"""

import datetime as dt

from django.utils.translation import gettext_noop

from calculators.models import Assessment, AssessmentStatus, DeviationAlert
from cems_registers.review_inputs import ReviewSection, register_review_input

#: Years of the performance series a review looks at.
YEARS = 3


def collect_performance(*, since: dt.date | None, until: dt.date) -> ReviewSection | None:
    """Emissions, energy and intensity of the last years of the series (9.1.2, 9.5 c)."""
    from calculators.performance import selectors  # noqa: PLC0415 — keeps numpy, pandas, pint out of start-up

    frame = selectors.series_values(
        metrics=("tco2e", "energy_tce", "production_t"),
        by=("year",),
        year_from=until.year - YEARS,
        year_to=until.year,
    )
    if frame.empty:
        return None
    rows = []
    for r in frame.to_dict("records"):
        intensity = r["tco2e"] / r["production_t"] if r["production_t"] else None
        rows.append(
            [
                int(r["year"]),
                round(r["tco2e"], 3),
                round(r["energy_tce"], 3),
                round(intensity, 4) if intensity is not None else None,
            ]
        )
    return ReviewSection(
        key="carbon_performance",
        title=gettext_noop("Carbon performance (approved accounting runs)"),
        columns=(
            gettext_noop("Year"),
            gettext_noop("Emissions (tCO2e)"),
            gettext_noop("Energy (tce)"),
            gettext_noop("Intensity (tCO2e/t)"),
        ),
        rows=rows,
    )


def collect_objectives_progress(*, since: dt.date | None, until: dt.date) -> ReviewSection | None:
    """Each indicator's latest progress against its target path (6.5, 9.1.2 d/f)."""
    from calculators.performance import selectors  # noqa: PLC0415 — keeps numpy, pandas, pint out of start-up

    page = selectors.progress_page()
    rows = []
    for objective in page.objectives:
        for indicator in objective.indicators.all():
            progress = sorted(page.progress.get(indicator.pk, []), key=lambda p: p.year)
            latest = next((p for p in reversed(progress) if p.year <= until.year), None)
            rows.append(
                [
                    objective.code,
                    indicator.name,
                    latest.year if latest else None,
                    round(latest.actual, 4) if latest and latest.actual is not None else None,
                    round(latest.path, 4) if latest else None,
                    float(indicator.target_value),
                    latest.get_status_display() if latest else gettext_noop("No data"),
                    f"#{latest.run_id}" if latest and latest.run_id else None,
                ]
            )
    if not rows:
        return None
    return ReviewSection(
        key="objectives_progress",
        title=gettext_noop("Carbon performance against objectives"),
        columns=(
            gettext_noop("Objective"),
            gettext_noop("Indicator"),
            gettext_noop("Year"),
            gettext_noop("Actual"),
            gettext_noop("Target path"),
            gettext_noop("Target"),
            gettext_noop("Status"),
            gettext_noop("Run"),
        ),
        rows=rows,
    )


def collect_alerts(*, since: dt.date | None, until: dt.date) -> ReviewSection | None:
    """Deviation alerts of the period and how they were handled (9.1.3, 10.2)."""

    alerts = DeviationAlert.objects.filter(period__lte=until)
    if since:
        alerts = alerts.filter(period__gt=since)
    rows = [
        [
            a.period.strftime("%Y-%m"),
            a.indicator.objective.code,
            a.indicator.name,
            a.get_kind_display(),
            round(a.pct, 1) if a.pct is not None else None,
            a.get_status_display(),
            a.nonconformity.code if a.nonconformity_id else None,
        ]
        for a in alerts.select_related("indicator__objective", "nonconformity").order_by(
            "period", "pk"
        )
    ]
    return ReviewSection(
        key="deviation_alerts",
        title=gettext_noop("Deviation alerts and their handling"),
        columns=(
            gettext_noop("Month"),
            gettext_noop("Objective"),
            gettext_noop("Indicator"),
            gettext_noop("Kind"),
            gettext_noop("Gap (%)"),
            gettext_noop("Status"),
            gettext_noop("Nonconformity"),
        ),
        rows=rows,
    )


def collect_assessment(*, since: dt.date | None, until: dt.date) -> ReviewSection | None:
    """The latest approved assessment of reduction potential and its best options (6.4)."""

    assessment = (
        Assessment.objects.filter(status=AssessmentStatus.APPROVED, approved_at__date__lte=until)
        .order_by("-approved_at", "-pk")
        .first()
    )
    if assessment is None:
        return None
    results = assessment.results or {}
    ranking = results.get("ranking", [])[:5]
    rows = [
        [
            r.get("code"),
            r.get("title"),
            round(r["abatement"], 1) if r.get("abatement") is not None else None,
            round(r["cost_per_t"], 1) if r.get("cost_per_t") is not None else None,
        ]
        for r in ranking
    ]
    totals = results.get("totals", {})
    return ReviewSection(
        key="assessment",
        title=gettext_noop("Latest assessment of reduction potential"),
        columns=(
            gettext_noop("Code"),
            gettext_noop("Opportunity"),
            gettext_noop("Abatement (tCO2e/a)"),
            gettext_noop("Cost per tonne (CNY/tCO2e)"),
        ),
        rows=rows,
        note=gettext_noop(
            "Assessment %(assessment)s, approved %(approved)s; total abatement potential "
            "%(abatement)s tCO2e a year."
        ),
        note_params={
            "assessment": str(assessment),
            "approved": assessment.approved_at.date().isoformat(),
            "abatement": round(totals.get("abatement", 0.0), 1),
        },
    )


def register() -> None:
    register_review_input("carbon_performance", collect_performance)
    register_review_input("objectives_progress", collect_objectives_progress)
    register_review_input("deviation_alerts", collect_alerts)
    register_review_input("assessment", collect_assessment)
