"""What the performance dashboard shows (9.1.1–9.1.3), read in a fixed number of queries.

Everything comes from stored, approved data: the performance series (one approved run per
month), the objectives' tracking records and progress (recomputed when a run is approved),
the open deviation alerts, the approved activity data and the user's work queue. Nothing is
recomputed on page view.
"""

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from calculators.core.assessment import key_sources
from calculators.core.performance import monthly_path
from calculators.performance import selectors as series
from calculators.selectors import data_completeness
from cems_registers.models import EmissionSource, IndicatorMetric

from ..work_queue.selectors import work_queue_for


@dataclass
class Dashboard:
    """The dashboard of one year for one user; see :func:`dashboard_for`."""

    year: int | None
    years: list[int]
    #: month 1–12 → value, for ``year`` and ``year - 1``
    emissions: dict[int, dict[int, float]] = field(default_factory=dict)
    energy_tce: dict[int, dict[int, float]] = field(default_factory=dict)
    #: month → target path (tCO2e) of the total-emissions indicator, and that indicator
    path: dict[int, float] = field(default_factory=dict)
    path_indicator: object = None
    #: rows: year, tco2e, denominator (t), intensity (tCO2e/t)
    intensity: list[dict] = field(default_factory=list)
    #: rows: objective, indicator, latest progress (or None), track
    indicators: list[dict] = field(default_factory=list)
    #: rows: code, name, tco2e, share_pct, cumulative_pct (the sources covering 80 %)
    key_sources: list[dict] = field(default_factory=list)
    completeness: dict = field(default_factory=dict)
    alerts: list = field(default_factory=list)
    queue: object = None
    settings: object = None

    @property
    def total(self) -> float:
        return sum(self.emissions.get(self.year, {}).values()) if self.year else 0.0

    @property
    def total_last_year(self) -> float:
        return sum(self.emissions.get(self.year - 1, {}).values()) if self.year else 0.0

    @property
    def months_this_year(self) -> int:
        return len(self.emissions.get(self.year, {})) if self.year else 0


def _by_month(frame: pd.DataFrame, column: str) -> dict[int, dict[int, float]]:
    out: dict[int, dict[int, float]] = {}
    for month, value in zip(frame["month"], frame[column], strict=True):
        out.setdefault(month.year, {})[month.month] = float(value)
    return out


def _path(page, year: int) -> tuple[dict[int, float], object]:
    """The monthly target path of the first approved total-emissions indicator (one query)."""
    for objective in page.objectives:
        if not objective.is_approved:
            continue
        for indicator in objective.indicators.all():
            if indicator.metric != IndicatorMetric.TOTAL_EMISSIONS:
                continue
            track = page.tracks.get(indicator.pk)
            rows = {p.year: p for p in page.progress.get(indicator.pk, [])}
            if track is None or not track.baseline_used or year not in rows:
                continue
            base = series.series_values(
                metrics=("tco2e",),
                by=("month",),
                year_from=indicator.baseline_year,
                year_to=indicator.baseline_year,
            )
            if base.empty:
                continue
            months = pd.Series(base["tco2e"].to_numpy(), index=[m.month for m in base["month"]])
            path = monthly_path(months, rows[year].path)
            return {int(m): float(v) for m, v in path.items()}, indicator
    return {}, None


def dashboard_for(user, *, year: int | None = None, today: dt.date | None = None) -> Dashboard:
    """The dashboard of ``year`` (default: the latest year of the series) for ``user``.

    A fixed number of queries whatever the number of months, sources, objectives or alerts
    (pinned in the tests).
    """
    today = today or dt.date.today()
    extent = series.series_extent()
    years = list(range(extent["first"].year, extent["last"].year + 1)) if extent["last"] else []
    if year is None:
        year = years[-1] if years else None
    board = Dashboard(year=year, years=years, queue=work_queue_for(user))
    page = series.progress_page()
    board.settings = page.settings
    board.alerts = page.alerts
    for objective in page.objectives:
        for indicator in objective.indicators.all():
            rows = sorted(page.progress.get(indicator.pk, []), key=lambda p: p.year)
            latest = next((p for p in reversed(rows) if year is None or p.year <= year), None)
            board.indicators.append(
                {
                    "objective": objective,
                    "indicator": indicator,
                    "progress": latest,
                    "track": page.tracks.get(indicator.pk),
                }
            )
    last_month = dt.date(today.year, today.month, 1) - dt.timedelta(days=1)
    completeness_year = year or today.year
    board.completeness = data_completeness(
        year=completeness_year, through=dt.date(last_month.year, last_month.month, 1)
    )
    if year is None:
        return board
    monthly = series.series_values(
        metrics=("tco2e", "energy_tce"), by=("month",), year_from=year - 1, year_to=year
    )
    board.emissions = _by_month(monthly, "tco2e")
    board.energy_tce = _by_month(monthly, "energy_tce")
    board.path, board.path_indicator = _path(page, year)
    board.intensity = series.intensity_by(basis="per_t", by=("year",)).to_dict("records")
    by_source = series.series_values(
        metrics=("tco2e",), by=("source",), year_from=year, year_to=year
    )
    ranked = key_sources(by_source)
    ranked = ranked[ranked["key"]]
    sources = EmissionSource.objects.in_bulk(list(ranked["source"].astype(int)))
    board.key_sources = []
    for r in ranked.to_dict("records"):
        source = sources.get(int(r["source"]))
        board.key_sources.append(
            {
                "code": source.code if source else r["source"],
                "name": source.display_name if source else "",
                "tco2e": float(r["tco2e"]),
                "share_pct": float(r["share"]) * 100,
                "cumulative_pct": float(r["cumulative_share"]) * 100,
            }
        )
    return board
