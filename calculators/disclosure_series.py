"""Reads for the public disclosure of a year of the performance series (5.2.1 g, 6.3.2, 9.1).

A results disclosure page may disclose a reporting year of the performance series instead of
one accounting run: the months of that year (in one boundary, 4.3) as the series holds them,
each month from the approved run that is current for it. :func:`series_year_figures` returns
the same JSON-ready snapshot as :func:`calculators.disclosure.disclosure_figures`, so the page,
its PDF and the results API show it unchanged, plus:

* ``sources``: the approved runs the months come from (period, months, approval date, GWP set,
  factor sets, biomass treatment), shown as the source of the figures;
* ``notes``: language-neutral notes when those runs differ in GWP set, factor sets or biomass
  treatment, or when the year has fewer than twelve months.

How the numbers are taken: the series says which approved run is current for each month of
the year; the emissions are those runs' results for exactly those months, summed by the
report's own functions (:func:`calculators.reports.context.results_frame` filtered to the
months, :func:`calculators.reports.summary.summarise`), so a year covered by one run gives
that run's report; energy, production, output value and the intensities are the series'
current rows of the year. The totals are the series' totals for the year (a test compares them).

Refused (:class:`calculators.disclosure.NotDisclosable`, a translated message naming what is
wrong): a year with no approved data in the series; a year present in several boundaries when
none is chosen (the boundaries are named); a boundary without data that year; a month whose
current rows come from several runs (the months and runs are named).
"""

import datetime as dt

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from calculators import disclosure as base
from calculators.core.performance import GJ_PER_TCE
from calculators.disclosure import NotDisclosable, _reference_figures, withdrawn_since
from calculators.models import AccountingRun, Dataset, RunResult, RunStatus, SeriesPoint
from calculators.performance.selectors import current_points
from calculators.reports.context import (
    INTENSITY_KEYS,
    biomass_treatment,
    citation_text,
    results_frame,
    run_factor_sets,
)
from calculators.reports.summary import empty_frame, summarise
from cems_registers.models import Facility

#: The key of the whole boundary in the series (:func:`calculators.performance.services.boundary_key`).
WHOLE = ""


def series_years() -> dict[str, list[int]]:
    """Boundary key → years that have current (approved) rows in the series; one query."""

    out: dict[str, list[int]] = {}
    rows = (
        SeriesPoint.objects.filter(is_current=True)
        .order_by()
        .values_list("boundary", "year")
        .distinct()
    )
    for boundary, year in sorted(set(rows)):
        out.setdefault(boundary, []).append(int(year))
    return out


def boundary_labels(keys) -> dict[str, str]:
    """A readable name of each boundary key: the whole boundary, or its facilities' codes;
    one query (none when only the whole boundary is asked for)."""

    ids = {int(i) for key in keys if key for i in key.split(",")}
    codes = dict(Facility.objects.filter(pk__in=ids).values_list("pk", "code")) if ids else {}
    return {
        key: (
            str(_("the whole boundary"))
            if not key
            else ", ".join(codes.get(int(i), f"#{i}") for i in key.split(","))
        )
        for key in keys
    }


def _resolve_boundary(year: int, boundary: str | None) -> str:
    """The boundary of ``year`` in the series; ``None`` asks for the only one there is."""

    present = sorted(
        set(
            SeriesPoint.objects.filter(is_current=True, year=year)
            .order_by()
            .values_list("boundary", flat=True)
            .distinct()
        )
    )
    if not present:
        raise NotDisclosable(
            _("The performance series has no approved data for %(year)s.") % {"year": year}
        )
    if boundary is None:
        if len(present) > 1:
            labels = boundary_labels(present)
            raise NotDisclosable(
                _(
                    "The performance series has %(year)s in several boundaries (%(boundaries)s): "
                    "choose the boundary."
                )
                % {"year": year, "boundaries": "; ".join(labels[b] for b in present)}
            )
        return present[0]
    if boundary not in present:
        raise NotDisclosable(
            _("The performance series has no approved data for %(year)s in %(boundary)s.")
            % {"year": year, "boundary": boundary_labels([boundary])[boundary]}
        )
    return boundary


def month_runs(*, year: int, boundary: str) -> dict[dt.date, int]:
    """Month → the approved run current for it in ``boundary``; one query.

    Raises :class:`~calculators.disclosure.NotDisclosable` naming the months and runs when a
    month's current rows come from several runs (the series should never hold that).
    """

    pairs = set(
        current_points(boundary=boundary, year_from=year, year_to=year)
        .order_by()
        .values_list("period", "run_id")
        .distinct()
    )
    runs_of: dict[dt.date, set[int]] = {}
    for period, run_id in pairs:
        runs_of.setdefault(period, set()).add(run_id)
    mixed = {m: r for m, r in runs_of.items() if len(r) > 1}
    if mixed:
        raise NotDisclosable(
            _(
                "In the performance series, %(months)s of %(year)s come from several runs "
                "(%(runs)s): approve one run for these months before disclosing the year."
            )
            % {
                "months": ", ".join(f"{m:%Y-%m}" for m in sorted(mixed)),
                "year": year,
                "runs": ", ".join(f"#{r}" for r in sorted(set().union(*mixed.values()))),
            }
        )
    return {m: next(iter(r)) for m, r in sorted(runs_of.items())}


def _months_of(months: dict[dt.date, int]) -> dict[int, list[dt.date]]:
    out: dict[int, list[dt.date]] = {}
    for month, run_id in months.items():
        out.setdefault(run_id, []).append(month)
    return out


def _frame(runs, by_run: dict[int, list[dt.date]]):
    """The runs' results of their current months, in the report's frame; one query a run."""
    import pandas as pd  # noqa: PLC0415 — heavy library (pandas), imported only when this export is made

    frames = []
    for run in runs:
        frame = results_frame(run)
        if frame.empty:
            continue
        wanted = {m.isoformat() for m in by_run[run.pk]}
        keep = pd.to_datetime(frame["period"]).dt.strftime("%Y-%m-%d").isin(wanted)
        frames.append(frame[keep.to_numpy()])
    if not frames:
        return empty_frame()
    return pd.concat(frames, ignore_index=True)


def _series_totals(*, year: int, boundary: str) -> dict:
    """Energy (GJ), production (t) and output value (万元) of the year's current rows; one query."""

    totals = current_points(boundary=boundary, year_from=year, year_to=year).aggregate(
        energy_gj=Sum("energy_gj"), production_t=Sum("production_t"), output_wan=Sum("output_wan")
    )
    return {k: float(v or 0.0) for k, v in totals.items()}


def _intensity(total: float, totals: dict) -> list[dict]:
    """Intensity per t of product and per 万元, as the engine stores them for a run
    (total / production; left out when there is no production); no query."""

    out = []
    for key, column in (("per_t", "production_t"), ("per_wan_yuan", "output_wan")):
        denominator = totals[column]
        if not denominator:
            continue
        unit, denominator_unit = INTENSITY_KEYS[key]
        out.append(
            {
                "key": key,
                "value": total / denominator,
                "unit": unit,
                "denominator": denominator,
                "denominator_unit": denominator_unit,
            }
        )
    return out


def _methods_by_run(by_run: dict[int, list[dt.date]]) -> dict[int, dict[str, float]]:
    """Run → method → tCO2e of the run's results in its disclosed months; one query."""

    where = Q(pk__in=[])
    for run_id, months in by_run.items():
        where |= Q(run_id=run_id, period__in=months)
    out: dict[int, dict[str, float]] = {run_id: {} for run_id in by_run}
    rows = (
        RunResult.objects.filter(where)
        .values_list("run_id", "method")
        .annotate(tco2e=Sum("tco2e"))
        .order_by("run_id", "method")
    )
    for run_id, method, tco2e in rows:
        out[run_id][method] = float(tco2e or 0.0)
    return out


def _sources(runs, by_run, factor_sets_of, methods_of) -> list[dict]:
    """The approved runs the months come from, first month first; no query."""

    out = []
    for run in runs:
        months = sorted(by_run[run.pk])
        out.append(
            {
                "run": run.pk,
                "period_start": months[0].isoformat(),
                "period_end": months[-1].isoformat(),
                "months": len(months),
                "approved_at": run.approved_at.isoformat() if run.approved_at else "",
                "gwp": run.gwp_key or run.gwp_set.key,
                "factor_sets": [f"{fs.key} v{fs.version}" for fs in factor_sets_of[run.pk]],
                "biomass_treatment": biomass_treatment(run.options or {}),
                "methods": sorted(methods_of[run.pk]),
            }
        )
    return out


def _notes(sources: list[dict], months: int) -> list[dict]:
    """Language-neutral notes on how the sources differ, and on a year that is not complete;
    no query. Kinds: ``months``, ``gwp``, ``factor_sets``, ``biomass``. The methods are not
    compared: they follow the sources active in each month, not a choice of the run."""
    notes = []
    if months < 12:
        notes.append({"kind": "months", "months": months})
    for kind, key in (
        ("gwp", "gwp"),
        ("factor_sets", "factor_sets"),
        ("biomass", "biomass_treatment"),
    ):
        if len({repr(s[key]) for s in sources}) > 1:
            notes.append({"kind": kind})
    return notes


def _gwp(runs, citation_text) -> dict:
    """The GWP set of the runs (several joined, in the order of the months); no query."""
    seen = {}
    for run in runs:
        seen.setdefault(run.gwp_set_id, run)
    sets = [(run.gwp_key or run.gwp_set.key, run.gwp_set) for run in seen.values()]
    return {
        "key": " / ".join(key for key, _s in sets),
        "name": " / ".join(s.name for _k, s in sets),
        "citation": "; ".join(filter(None, (citation_text(s, "zh-hans") for _k, s in sets))),
        "citation_en": "; ".join(filter(None, (citation_text(s, "en") for _k, s in sets))),
    }


def _factor_sets(runs, factor_sets_of, citation_text) -> list[dict]:
    """The factor sets of the runs, each once, in the order the runs and their precedence
    give; no query."""

    ordered, seen = [], set()
    for run in runs:
        for fs in factor_sets_of[run.pk]:
            if fs.pk not in seen:
                seen.add(fs.pk)
                ordered.append(fs)
    return _reference_figures(runs[0], ordered, citation_text)["factor_sets"]


def _run_figure(runs, months: list[dt.date], sources: list[dict]) -> dict:
    """The ``run`` entry of the snapshot for a series year: its months and latest approval."""
    treatments = {s["biomass_treatment"] for s in sources}
    approved = [run.approved_at for run in runs if run.approved_at]
    return {
        "id": None,
        "period_start": months[0].isoformat(),
        "period_end": months[-1].isoformat(),
        "approved_at": max(approved).isoformat() if approved else "",
        "input_hash": "",
        "code_version": ", ".join(sorted({run.code_version for run in runs if run.code_version})),
        "biomass_treatment": treatments.pop() if len(treatments) == 1 else "mixed",
    }


def series_year_figures(*, year: int, boundary: str | None = None) -> dict:
    """The disclosed figures of ``year`` of the performance series (see the module
    docstring); JSON-ready, the shape of :func:`calculators.disclosure.disclosure_figures`.

    ``boundary``: a series boundary key (``""`` the whole boundary); ``None`` takes the only
    boundary the year has. Raises :class:`~calculators.disclosure.NotDisclosable`. Units:
    tCO2e, t, GJ, tce, intensities per t and per 万元. About 15 + 3 × runs queries.
    """

    boundary = _resolve_boundary(year, boundary)
    months = month_runs(year=year, boundary=boundary)
    by_run = _months_of(months)
    runs = sorted(
        AccountingRun.objects.filter(pk__in=by_run).select_related("gwp_set"),
        key=lambda run: min(by_run[run.pk]),
    )
    for run in runs:
        if run.status != RunStatus.APPROVED:  # the series holds approved runs only
            raise base.NotDisclosable(base.disclosable_error(run))
    frame = _frame(runs, by_run)
    summary = summarise(frame)
    totals = _series_totals(year=year, boundary=boundary)
    trend, trend_runs = base._trend(boundary=boundary, year=year)
    factor_sets_of = {run.pk: run_factor_sets(run) for run in runs}
    methods_of = _methods_by_run(by_run)
    sources = _sources(runs, by_run, factor_sets_of, methods_of)
    facilities = base._facilities_of({int(i) for i in boundary.split(",") if i})
    methods: dict[str, float] = {}
    for per_run in methods_of.values():
        for key, tco2e in per_run.items():
            methods[key] = methods.get(key, 0.0) + tco2e
    datasets = sorted({pk for run in runs for pk in (run.dataset_ids or [])})
    withdrawn = list(
        Dataset.objects.filter(pk__in=datasets, status="withdrawn").values_list("pk", flat=True)
    )
    return {
        "format": base.FORMAT,
        "run": _run_figure(runs, list(months), sources),
        "year": year,
        **base._summary_figures(summary, {f["code"]: f["name_en"] for f in facilities}),
        "cells": base._cells(frame),
        "energy": {"gj": totals["energy_gj"], "tce": totals["energy_gj"] / GJ_PER_TCE},
        "intensity": _intensity(summary.total, totals),
        "trend": trend,
        "progress": base._progress(year),
        "boundary": facilities,
        "methods": [{"key": k, "tco2e": methods[k]} for k in sorted(methods)],
        "factor_sets": _factor_sets(runs, factor_sets_of, citation_text),
        "gwp": _gwp(runs, citation_text),
        "sources": sources,
        "notes": _notes(sources, len(months)),
        # what the snapshot was taken from, for series_year_changes (not shown, not in the API)
        "basis": {
            "series": {"year": year, "boundary": boundary},
            "months": {m.isoformat()[:7]: run_id for m, run_id in months.items()},
            "datasets": datasets,
            "withdrawn_datasets": sorted(withdrawn),
            "trend_runs": trend_runs,
            "earlier_runs": _runs_up_to(year=year - 1, boundary=boundary),
            "boundary": boundary,
            "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
    }


def _runs_up_to(*, year: int, boundary: str) -> list[int]:
    """The runs current for the years up to ``year`` in ``boundary``; one query."""

    return sorted(
        set(
            current_points(boundary=boundary, year_to=year)
            .order_by()
            .values_list("run_id", flat=True)
            .distinct()
        )
    )


def _month_changes(year: int, then: dict[str, int], now: dict[str, int]) -> list[str]:
    """Messages for the months whose run changed, appeared or went; no query."""
    groups: dict[tuple, list[str]] = {}
    for month in sorted(set(then) | set(now)):
        old, new = then.get(month), now.get(month)
        if old != new:
            groups.setdefault((old, new), []).append(month)
    out = []
    for (old, new), months in groups.items():
        values = {"months": ", ".join(months), "year": year, "old": old, "new": new}
        if new is None:
            out.append(
                _("%(months)s of %(year)s no longer have approved data in the performance series.")
                % values
            )
        elif old is None:
            out.append(
                _("%(months)s of %(year)s were added to the performance series by run #%(new)s.")
                % values
            )
        else:
            out.append(
                _(
                    "%(months)s of %(year)s now come from run #%(new)s (the figures were taken "
                    "from run #%(old)s)."
                )
                % values
            )
    return out


def series_year_changes(figures: dict) -> list[str]:
    """What changed in the series year behind ``figures`` since it was taken (translated
    messages; empty when nothing did): a month now from another run (a new run approved
    superseding it), a month gone or added, a run no longer approved, a dataset withdrawn, an
    earlier year of the trend recalculated. Four queries."""

    basis = figures.get("basis") or {}
    year, boundary = basis["series"]["year"], basis["series"]["boundary"]
    then = {k: int(v) for k, v in (basis.get("months") or {}).items()}
    now = {
        f"{period:%Y-%m}": run_id
        for period, run_id in current_points(boundary=boundary, year_from=year, year_to=year)
        .order_by()
        .values_list("period", "run_id")
        .distinct()
    }
    changes = []
    runs = {run.pk: run for run in AccountingRun.objects.filter(pk__in=set(then.values()))}
    for run_id in sorted(set(then.values())):
        run = runs.get(run_id)
        if run is None:
            changes.append(_("Run #%(run)s no longer exists.") % {"run": run_id})
        elif run.status != RunStatus.APPROVED:
            changes.append(
                _("Run #%(run)s is no longer approved (%(status)s).")
                % {"run": run.pk, "status": run.get_status_display()}
            )
    changes += _month_changes(year, then, now)
    withdrawn = withdrawn_since(basis)
    if withdrawn:
        changes.append(
            _("Datasets %(ids)s used by the disclosed runs were withdrawn.")
            % {"ids": ", ".join(f"#{pk}" for pk in sorted(withdrawn))}
        )
    if _runs_up_to(year=year - 1, boundary=boundary) != list(basis.get("earlier_runs") or []):
        changes.append(
            _(
                "The performance series before %(year)s now comes from other runs "
                "(a year was recalculated or re-approved)."
            )
            % {"year": year}
        )
    return changes
