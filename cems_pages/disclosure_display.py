"""The disclosed figures with labels and charts in the reader's language (5.2.1 g, 9.1).

:func:`results_context` turns the language-neutral snapshot of
:func:`calculators.disclosure.disclosure_figures` into what the results disclosure page, its
PDF and the results API show: translated labels for scopes, categories, methods, statuses and
intensities, names in the page's language, for a year of the performance series
(:mod:`calculators.disclosure_series`) the approved runs it comes from and the notes on how they
differ, and server-side SVG charts (the report's chart helpers, :mod:`calculators.reports.charts`),
each with a text alternative; every chart's data is also in a table. Issues no query.
"""

from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from calculators.labels import gwp_set_label, method_label
from calculators.models.performance import ProgressStatus
from cems_registers.models.objectives import IndicatorMetric


def is_english() -> bool:
    return (translation.get_language() or "").lower().startswith("en")


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def scope_text(scope: int) -> str:
    from calculators.reports.context import scope_label  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

    return scope_label(scope)


def category_text(category: str) -> str:
    from calculators.reports.context import category_label  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

    return category_label(category)


def _alt(rows: list[tuple[str, float]], unit: str) -> str:
    """A chart's text alternative: every bar's label and value."""
    return "; ".join(f"{label}: {_number(value)} {unit}" for label, value in rows)


def _progress_rows(progress: list[dict], english: bool) -> list[dict]:
    """Progress towards the objectives with status and metric labelled (9.1)."""

    statuses = dict(ProgressStatus.choices)
    metrics = dict(IndicatorMetric.choices)
    return [
        {
            **p,
            "status_label": str(statuses.get(p["status"], p["status"])),
            "metric_label": str(metrics.get(p["metric"], p["metric"])),
            # indicators and objectives are named in Chinese only in the register
            "label": str(metrics.get(p["metric"], p["indicator"])) if english else p["indicator"],
        }
        for p in progress
    ]


def _reference_rows(figures: dict, english: bool) -> dict:
    """Boundary, methods, factor sets and GWP set, named in the reader's language."""

    gwp = dict(figures.get("gwp") or {})
    # the stored name is the set's (Chinese) name; an IPCC set is named in the reader's language
    gwp["name"] = gwp_set_label(gwp.get("key", ""), gwp.get("name", ""))
    gwp["citation_shown"] = gwp.get("citation_en") if english else gwp.get("citation")
    return {
        "boundary": [
            {
                "code": f["code"],
                "name": f["name_en"] if english else f["name"],
                "in_boundary": f["in_boundary"],
                "reason": f["reason_en"] if english else f["reason"],
            }
            for f in figures.get("boundary", [])
        ],
        "methods": [{**m, "label": method_label(m["key"])} for m in figures.get("methods", [])],
        "factor_sets": [
            {
                "key": fs["key"],
                "version": fs["version"],
                "name": fs["name_en"] if english else fs["name"],
                "citation": fs["citation_en"] if english else fs["citation"],
            }
            for fs in figures.get("factor_sets", [])
        ],
        "gwp": gwp,
    }


def _note_text(note: dict) -> str:
    """A note of a series year's snapshot in the reader's language (6.3.2)."""
    kind = note.get("kind")
    if kind == "months":
        return _(
            "The year has %(months)s months of approved data in the performance series, not "
            "twelve: the figures are of those months only."
        ) % {"months": note.get("months")}
    texts = {
        "gwp": _(
            "The runs use different GWP sets (see the sources): their CO2 equivalents are "
            "not calculated on the same basis."
        ),
        "factor_sets": _("The runs use different emission factor sets (see the sources)."),
        "biomass": _(
            "The runs treat emissions from biomass differently (see the sources): in some "
            "months they are counted in the total, in others they are kept outside it."
        ),
    }
    return str(texts.get(kind, kind))


def _series_rows(figures: dict) -> dict:
    """The approved runs a series year comes from, and the notes on how they differ."""

    biomass = {
        "exclude": _("accounted separately, outside the total (GB/T 32150)"),
        "memo": _("memo item, outside the total"),
        "include": _("counted in the total"),
    }
    return {
        "sources": [
            {
                **s,
                "period_start": s["period_start"][:7],
                "period_end": s["period_end"][:7],
                "approved_at": (s.get("approved_at") or "")[:10],
                "biomass_label": str(biomass.get(s["biomass_treatment"], "")),
                "method_labels": [str(method_label(m)) for m in s.get("methods", [])],
            }
            for s in figures.get("sources", [])
        ],
        "notes": [_note_text(n) for n in figures.get("notes", [])],
    }


def _charts(by_scope, by_category, by_gas, trend_rows, trend_scopes) -> dict:
    """The scope, category, gas and trend charts, each with its title and text alternative."""
    from calculators.reports import charts  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

    unit = "tCO2e"
    scope_pairs = [(r["label"], r["tco2e"]) for r in by_scope]
    category_pairs = [(r["label"], r["tco2e"]) for r in by_category]
    gas_pairs = [(r["gas"], r["tco2e"]) for r in by_gas]
    trend_titles = [str(row["year"]) for row in trend_rows]
    trend_series = [
        (scope_text(s), [row["scopes"][i] for row in trend_rows])
        for i, s in enumerate(trend_scopes)
    ]
    chart_specs = {
        "scope": (
            _("Emissions by scope"),
            charts.hbar_svg(scope_pairs, title=_("Emissions by scope"), unit=unit),
            _alt(scope_pairs, unit),
        ),
        "category": (
            _("Emissions by GB/T 32150 category"),
            charts.hbar_svg(
                category_pairs,
                title=_("Emissions by GB/T 32150 category"),
                unit=unit,
                colour=charts.PALETTE[2],
            ),
            _alt(category_pairs, unit),
        ),
        "gas": (
            _("Emissions by gas"),
            charts.hbar_svg(
                gas_pairs, title=_("Emissions by gas"), unit=unit, colour=charts.PALETTE[1]
            ),
            _alt(gas_pairs, unit),
        ),
        "trend": (
            _("Emissions by year and scope"),
            charts.column_svg(
                trend_titles,
                trend_series,
                title=_("Emissions by year and scope"),
                unit=unit,
                width=640,
            ),
            "; ".join(
                f"{year}: {_number(row['tco2e'])} {unit}"
                for year, row in zip(trend_titles, trend_rows, strict=True)
            ),
        ),
    }
    chart_list = {
        key: {"title": title, "svg": mark_safe(svg), "alt": alt}
        for key, (title, svg, alt) in chart_specs.items()
    }
    return chart_list


def results_context(figures: dict) -> dict:
    """Labels, names and charts for ``figures`` in the active language; no query.

    Empty dict for an empty snapshot (a page not yet saved with a run).
    """
    if not figures:
        return {}
    from calculators.reports.context import intensity_label  # noqa: PLC0415 — keeps numpy, openpyxl, pandas, pint, reportlab, xhtml2pdf out of start-up

    english = is_english()
    by_scope = [
        {**r, "label": scope_text(r["scope"])} for r in figures.get("by_scope", []) if r["scope"]
    ]
    by_category = [
        {**r, "label": category_text(r["category"]), "scope_label": scope_text(r["scope"])}
        for r in figures.get("by_category", [])
        if r["scope"]
    ]
    by_gas = list(figures.get("by_gas", []))
    by_facility = [
        {**r, "label": r["name_en"] if english else r["name"]}
        for r in figures.get("by_facility", [])
    ]
    cells = [
        {**c, "scope_label": scope_text(c["scope"]), "category_label": category_text(c["category"])}
        for c in figures.get("cells", [])
        if c["scope"]
    ]
    progress = _progress_rows(figures.get("progress", []), english)
    trend = list(figures.get("trend", []))
    trend_scopes = sorted({int(s) for row in trend for s in row["by_scope"]})
    trend_rows = [
        {**row, "scopes": [row["by_scope"].get(str(s), 0.0) for s in trend_scopes]} for row in trend
    ]
    intensity = [{**r, "label": intensity_label(r["key"])} for r in figures.get("intensity", [])]
    chart_list = _charts(by_scope, by_category, by_gas, trend_rows, trend_scopes)
    run = figures.get("run") or {}
    return {
        "english": english,
        "year": figures.get("year"),
        # runs hold months as their first day: 2025-01 – 2025-12
        "period_start": (run.get("period_start") or "")[:7],
        "period_end": (run.get("period_end") or "")[:7],
        "approved_at": (run.get("approved_at") or "")[:10],
        "biomass_exclude": run.get("biomass_treatment") == "exclude",
        "biomass_memo": run.get("biomass_treatment") == "memo",
        "biomass_mixed": run.get("biomass_treatment") == "mixed",
        "from_series": bool(figures.get("sources")),
        **_series_rows(figures),
        "total_tco2e": figures.get("total_tco2e", 0.0),
        "gross_tco2e": figures.get("gross_tco2e", 0.0),
        "deductions_tco2e": figures.get("deductions_tco2e", 0.0),
        "biogenic_co2_t": figures.get("biogenic_co2_t", 0.0),
        "by_scope": by_scope,
        "by_category": by_category,
        "by_gas": by_gas,
        "by_facility": by_facility,
        "cells": cells,
        "energy": figures.get("energy") or {"gj": 0.0, "tce": 0.0},
        "intensity": intensity,
        "trend": trend_rows,
        "trend_scopes": [scope_text(s) for s in trend_scopes],
        "progress": progress,
        **_reference_rows(figures, english),
        "charts": chart_list,
    }
