"""Reads for the public disclosure of an approved run's results (4.2, 5.2.1 g, 6.3.2, 9.1).

A year of the performance series is disclosed through :mod:`calculators.disclosure_series`,
which builds the same snapshot from the series' approved rows.

:func:`disclosure_figures` takes everything a results disclosure page shows from approved data
and returns it as plain, JSON-ready values without labels (scope numbers, category and gas
keys, names in both languages), so one snapshot serves the Chinese page, its English
translation, their PDFs and the API; labels are added in the reader's language when shown.
The totals come from the same functions as the run's accounting report
(:func:`calculators.reports.context.results_frame`, :func:`~calculators.reports.summary.summarise`
and :func:`~calculators.reports.context.intensity_rows`), so the numbers are the report's.

:func:`disclosure_changes` says whether the data behind a snapshot has changed since: the run
no longer approved, superseded in the performance series, a dataset it used withdrawn, or
another run now current for a year of the trend.

What is public (decided here, documented in ``docs/disclosure.md``): totals by scope,
GB/T 32150 category, gas, and facility; scope × category × gas cells; energy; intensities;
the yearly trend; objectives progress of approved objectives; the boundary (facilities and
the reason for each exclusion); methods, factor sets and the GWP set with their citations.
Not public: emission sources, activity data, datasets, people.
"""

import datetime as dt

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from calculators.core.performance import GJ_PER_TCE
from calculators.models import (
    AccountingRun,
    Dataset,
    IndicatorProgress,
    RunStatus,
    SeriesPoint,
    SeriesRun,
)
from calculators.performance import selectors
from calculators.performance.services import boundary_key
from calculators.reports.context import _used_pairs as used_pairs
from calculators.reports.context import (
    biomass_treatment,
    citation_text,
    intensity_rows,
    results_frame,
    run_factor_sets,
)
from calculators.reports.summary import summarise
from cems_registers.models import Facility

#: Snapshot format, stored with each snapshot.
FORMAT = 1


class NotDisclosable(ValueError):
    """The run cannot be disclosed; ``args[0]`` is a translated message."""


def disclosable_error(run) -> str | None:
    """Why ``run`` cannot be disclosed (a translated message), or None; one query.

    Only an approved run that no later approved run has superseded in the performance
    series can be disclosed (6.3.2, 9.1).
    """

    if run.status != RunStatus.APPROVED:
        return _(
            "Run #%(run)s is %(status)s: only an approved accounting run can be disclosed."
        ) % {"run": run.pk, "status": run.get_status_display()}
    entry = SeriesRun.objects.filter(run=run).select_related("superseded_by").first()
    if entry is not None and entry.superseded_by_id is not None:
        return _(
            "Run #%(run)s was superseded by run #%(new)s in the performance series: "
            "disclose the current run."
        ) % {"run": run.pk, "new": entry.superseded_by.run_id}
    return None


def _boundary(run) -> str:

    entry = SeriesRun.objects.filter(run=run).values_list("boundary", flat=True).first()
    if entry is not None:
        return entry
    return boundary_key(run.facilities.values_list("id", flat=True))


def _trend(*, boundary: str, year: int) -> tuple[list[dict], list[int]]:
    """The current series by year and scope up to ``year``; and the runs it comes from."""

    frame = selectors.series_values(
        metrics=("tco2e", "energy_gj", "production_t", "output_wan"),
        by=("year", "scope"),
        boundary=boundary,
        year_to=year,
    )
    rows: dict[int, dict] = {}
    for rec in frame.to_dict("records"):
        y = int(rec["year"])
        row = rows.setdefault(
            y,
            {
                "year": y,
                "tco2e": 0.0,
                "by_scope": {},
                "energy_gj": 0.0,
                "production_t": 0.0,
                "output_wan": 0.0,
            },
        )
        scope = int(rec["scope"])
        if scope:  # scope 0 holds production and output value only
            row["by_scope"][str(scope)] = row["by_scope"].get(str(scope), 0.0) + rec["tco2e"]
        row["tco2e"] += rec["tco2e"]
        row["energy_gj"] += rec["energy_gj"]
        row["production_t"] += rec["production_t"]
        row["output_wan"] += rec["output_wan"]
    for row in rows.values():
        row["energy_tce"] = row["energy_gj"] / GJ_PER_TCE
        row["per_t"] = row["tco2e"] / row["production_t"] if row["production_t"] else None
        row["per_wan_yuan"] = row["tco2e"] / row["output_wan"] if row["output_wan"] else None
    runs = sorted(
        set(
            selectors.current_points(boundary=boundary, year_to=year)
            .order_by()
            .values_list("run_id", flat=True)
            .distinct()
        )
    )
    return [rows[y] for y in sorted(rows)], runs


def _progress(year: int) -> list[dict]:
    """Progress in ``year`` of the indicators of approved objectives (6.5, 9.1.2); one query."""

    rows = (
        IndicatorProgress.objects.filter(year=year, indicator__objective__approved_at__isnull=False)
        .select_related("indicator__objective")
        .order_by("indicator__objective__code", "indicator__pk")
    )
    return [
        {
            "objective": p.indicator.objective.code,
            "objective_title": p.indicator.objective.title,
            "indicator": p.indicator.name,
            "metric": p.indicator.metric,
            "unit": p.indicator.unit,
            "baseline_year": p.indicator.baseline_year,
            "baseline": float(p.indicator.baseline_value),
            "target": float(p.indicator.target_value),
            "target_year": p.indicator.target_year,
            "actual": p.actual,
            "path": p.path,
            "months": p.months,
            "status": p.status,
        }
        for p in rows
    ]


def _facilities(run) -> list[dict]:
    """Every facility with whether it is inside the run's boundary and why (4.3); two queries."""
    return _facilities_of(set(run.facilities.values_list("id", flat=True)))


def _facilities_of(run_ids: set[int]) -> list[dict]:
    """Every facility with whether it is inside a boundary of ``run_ids`` (empty: the whole
    boundary) and why (4.3); one query."""

    return [
        {
            "code": f.code,
            "name": f.name,
            "name_en": f.name_en or f.name,
            "in_boundary": bool(f.in_boundary and (not run_ids or f.pk in run_ids)),
            "reason": f.boundary_reason,
            "reason_en": f.boundary_reason_en or f.boundary_reason,
        }
        for f in Facility.objects.order_by("code")
    ]


def _cells(frame) -> list[dict]:
    """Emissions by scope, category and gas (the API's rows); no query."""
    if frame.empty:
        return []
    frame = frame.copy()
    frame["tco2e"] = frame["tco2e"].astype(float)
    frame["mass_t"] = frame["mass_t"].astype(float)
    grouped = (
        frame.groupby(["scope", "category", "gas_group"])[["tco2e", "mass_t"]].sum().reset_index()
    )
    return [
        {
            "scope": int(r.scope),
            "category": r.category,
            "gas": r.gas_group,
            "tco2e": float(r.tco2e),
            "mass_t": float(r.mass_t),
        }
        for r in grouped.itertuples(index=False)
    ]


def _summary_figures(summary, english_names: dict) -> dict:
    """Totals and the breakdowns by scope, category, gas and facility (tCO2e, t, % shares)."""
    return {
        "total_tco2e": summary.total,
        "gross_tco2e": summary.gross,
        "deductions_tco2e": summary.deductions,
        "biogenic_co2_t": summary.biogenic_t,
        "by_scope": [
            {"scope": r["scope"], "tco2e": r["tco2e"], "share": r["share"]}
            for r in summary.by_scope
        ],
        "by_category": [
            {
                "category": r["category"],
                "scope": r["scope"],
                "tco2e": r["tco2e"],
                "share": r["share"],
            }
            for r in summary.by_category
        ],
        "by_gas": [
            {"gas": r["gas"], "tco2e": r["tco2e"], "mass_t": r["mass_t"], "share": r["share"]}
            for r in summary.by_gas
        ],
        "by_facility": [
            {
                "code": r["code"],
                "name": r["name"],
                "name_en": english_names.get(r["code"], r["name"]),
                "tco2e": r["tco2e"],
                "share": r["share"],
            }
            for r in summary.by_facility
        ],
    }


def _reference_figures(run, factor_sets, citation_text) -> dict:
    """The factor sets and the GWP set the run used, with their citations in both languages."""
    return {
        "factor_sets": [
            {
                "key": fs.key,
                "version": fs.version,
                "name": fs.name,
                "name_en": getattr(fs, "name_en", "") or fs.name,
                "citation": citation_text(fs, "zh-hans"),
                "citation_en": citation_text(fs, "en"),
            }
            for fs in factor_sets
        ],
        "gwp": {
            "key": run.gwp_key or run.gwp_set.key,
            "name": run.gwp_set.name,
            "citation": citation_text(run.gwp_set, "zh-hans"),
            "citation_en": citation_text(run.gwp_set, "en"),
        },
    }


def disclosure_figures(*, run) -> dict:
    """The disclosed figures of an approved run (see the module docstring); JSON-ready.

    Raises :class:`NotDisclosable` for a run that is not approved or is superseded. Units:
    tCO2e, t, GJ, tce (29.3076 GJ), intensities per t of product and per 万元 of output.
    About twenty queries, whatever the size of the run.
    """

    run = AccountingRun.objects.select_related("gwp_set").get(pk=run.pk)
    error = disclosable_error(run)
    if error:
        raise NotDisclosable(error)
    frame = results_frame(run)
    summary = summarise(frame)
    year = run.period_end.year
    boundary = _boundary(run)
    trend, trend_runs = _trend(boundary=boundary, year=year)
    energy_gj = SeriesPoint.objects.filter(run=run).aggregate(v=Sum("energy_gj"))["v"] or 0.0

    _pairs, methods = used_pairs(run)
    factor_sets = run_factor_sets(run)
    facilities = _facilities(run)
    english_names = {f["code"]: f["name_en"] for f in facilities}
    withdrawn = list(
        Dataset.objects.filter(pk__in=run.dataset_ids or [], status="withdrawn").values_list(
            "pk", flat=True
        )
    )
    return {
        "format": FORMAT,
        "run": {
            "id": run.pk,
            "period_start": run.period_start.isoformat(),
            "period_end": run.period_end.isoformat(),
            "approved_at": run.approved_at.isoformat() if run.approved_at else "",
            "input_hash": run.input_hash,
            "code_version": run.code_version,
            "biomass_treatment": biomass_treatment(run.options or {}),
        },
        "year": year,
        **_summary_figures(summary, english_names),
        "cells": _cells(frame),
        "energy": {"gj": float(energy_gj), "tce": float(energy_gj) / GJ_PER_TCE},
        "intensity": [
            {k: r[k] for k in ("key", "value", "unit", "denominator", "denominator_unit")}
            for r in intensity_rows(run, summary.total)
        ],
        "trend": trend,
        "progress": _progress(year),
        "boundary": facilities,
        "methods": [{"key": m["key"], "tco2e": m["tco2e"]} for m in methods],
        **_reference_figures(run, factor_sets, citation_text),
        # what the snapshot was taken from, for disclosure_changes (not shown, not in the API)
        "basis": {
            "run": run.pk,
            "datasets": sorted(run.dataset_ids or []),
            "withdrawn_datasets": sorted(withdrawn),
            "trend_runs": trend_runs,
            "boundary": boundary,
            "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
    }


def withdrawn_since(basis: dict) -> set[int]:
    """Datasets behind the disclosed figures withdrawn since they were taken (7.5.3, 9.1)."""
    return set(
        Dataset.objects.filter(pk__in=basis.get("datasets") or [], status="withdrawn").values_list(
            "pk", flat=True
        )
    ) - set(basis.get("withdrawn_datasets") or [])


def disclosure_changes(figures: dict) -> list[str]:
    """What changed in the data behind ``figures`` since it was taken (translated messages);
    an empty list when nothing did. Four queries at most. A snapshot of a year of the
    performance series is checked by :func:`calculators.disclosure_series.series_year_changes`."""

    basis = (figures or {}).get("basis") or {}
    if basis.get("series"):
        from calculators.disclosure_series import series_year_changes  # noqa: PLC0415 — cycle: disclosure_series builds on this module

        return series_year_changes(figures)
    run_id = basis.get("run")
    if not run_id:
        return []
    run = AccountingRun.objects.filter(pk=run_id).first()
    if run is None:
        return [_("Run #%(run)s no longer exists.") % {"run": run_id}]
    changes = []
    if run.status != RunStatus.APPROVED:
        changes.append(
            _("Run #%(run)s is no longer approved (%(status)s).")
            % {"run": run.pk, "status": run.get_status_display()}
        )
    entry = SeriesRun.objects.filter(run=run).select_related("superseded_by").first()
    if entry is not None and entry.superseded_by_id is not None:
        changes.append(
            _("Run #%(run)s was superseded by run #%(new)s on %(date)s.")
            % {
                "run": run.pk,
                "new": entry.superseded_by.run_id,
                "date": entry.superseded_at.date().isoformat() if entry.superseded_at else "—",
            }
        )
    withdrawn = withdrawn_since(basis)
    if withdrawn:
        changes.append(
            _("Datasets %(ids)s used by run #%(run)s were withdrawn.")
            % {"ids": ", ".join(f"#{pk}" for pk in sorted(withdrawn)), "run": run.pk}
        )
    year = figures.get("year")
    if year:
        now = sorted(
            set(
                selectors.current_points(boundary=basis.get("boundary", ""), year_to=year)
                .order_by()
                .values_list("run_id", flat=True)
                .distinct()
            )
        )
        if now != list(basis.get("trend_runs") or []):
            changes.append(
                _(
                    "The performance series up to %(year)s now comes from other runs "
                    "(a year was recalculated or re-approved)."
                )
                % {"year": year}
            )
    return changes
