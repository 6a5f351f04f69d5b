"""The assessment report (T/CSES 146—2024 6.4.1 d) as PDF and XLSX, and the admin page's data.

:func:`assessment_context` turns an assessment's frozen results into labelled rows in one
language (three queries: the assessment's boundary, the facilities, the people are joined);
:func:`assessment_pdf` and :func:`assessment_xlsx` render it without further queries. The PDF
draws the MACC and the forecast as table-cell bars, as the accounting report does (xhtml2pdf
cannot draw SVG text in the CJK font); the admin page draws them as SVG.

Sections: boundary, current emissions and energy, key sources (80 %), opportunities ranked,
MACC, forecast, recommendations, the accounting runs used, sign-off.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openpyxl import Workbook

from calculators.assessment import charts
from calculators.models import Assessment
from calculators.reports.context import _facility_rows, person
from calculators.reports.xlsx import Share, _Sheet
from cems_registers.models import OpportunityCategory, OpportunityStatus
from cems_registers.pdf import render_pdf

TEMPLATE = "calculators/assessment/report.html"
#: Money in the report: CNY per tonne and CNY per year (the register keeps 万元).
COST_UNIT = "CNY/tCO2e"


def _english(language: str) -> bool:
    return language.lower().startswith("en")


def category_labels() -> dict[str, str]:
    return {key: str(label) for key, label in OpportunityCategory.choices}


def basis_label(basis: str) -> str:
    return {
        "actual": _("approved accounting run"),
        "plan": _("intensity × production plan"),
        "trend": _("linear trend of the history"),
        "last_year": _("held at the last approved year"),
    }.get(basis, basis)


def method_text(method: dict) -> str:
    """How the business-as-usual forecast was made, with its fit, in the active language."""
    parts = []
    if method.get("intensity") is not None:
        parts.append(
            _(
                "Years with a planned production: the intensity of %(year)s "
                "(%(intensity)s tCO2e per unit of output) times the planned output."
            )
            % {"year": method.get("last_year"), "intensity": f"{method['intensity']:.4g}"}
        )
    if method.get("points", 0) >= 2:
        r2 = method.get("r2")
        parts.append(
            _(
                "Other years: least-squares line through %(points)s years of approved emissions, "
                "%(slope)s tCO2e a year (R² %(r2)s)."
            )
            % {
                "points": method["points"],
                "slope": f"{method['slope']:+,.1f}",
                "r2": "—" if r2 is None else f"{r2:.3f}",
            }
        )
    else:
        parts.append(
            _("Other years: held at the last approved year (one year of history, no trend).")
        )
    parts.append(
        _(
            "With measures: business as usual minus the yearly abatement of the selected "
            "opportunities from their start year over their lifetime."
        )
    )
    return " ".join(parts)


def _bar_share(value: float, scale: float) -> float | None:
    return None if not scale else value / scale * 100.0


def diverging_cells(share: float) -> dict:
    """Widths (per cent of a cell) of a bar drawn left of the middle when negative (PDF)."""
    half = max(min(abs(share), 100.0), 1.0) / 2.0
    negative = share < 0
    return {
        "left": 50.0 - half if negative else 50.0,
        "neg": half if negative else 0.0,
        "pos": 0.0 if negative else half,
        "right": 50.0 if negative else 50.0 - half,
    }


def _ranking_rows(results: dict, english: bool, categories: dict) -> list[dict]:
    """The ranked opportunities, labelled, with their bar shares (6.4.1 c)."""
    statuses = {key: str(label) for key, label in OpportunityStatus.choices}
    ranking = [
        {
            **row,
            "label": (row.get("title_en") or row["title"]) if english else row["title"],
            "category_label": categories.get(row["category"], row["category"]),
            "status_label": statuses.get(row.get("status"), row.get("status") or ""),
            "irr_pct": None if row.get("irr") is None else row["irr"] * 100.0,
        }
        for row in results.get("ranking", [])
    ]
    max_cost = max((abs(r["cost_per_t"]) for r in ranking), default=0.0)
    total_abatement = sum(r["abatement"] for r in ranking)
    for row in ranking:
        row["cost_bar"] = _bar_share(row["cost_per_t"], max_cost)
        row["abatement_bar"] = _bar_share(row["abatement"], total_abatement)
        row["diverging"] = diverging_cells(row["cost_bar"] or 0.0)
    return ranking


def _forecast_rows(results: dict) -> list[dict]:
    """The forecast years with their basis labelled and bar shares of the peak (6.4.1 b)."""
    rows = results.get("forecast", [])
    peak = max((max(r["bau"] or 0.0, r["with_measures"] or 0.0) for r in rows), default=0.0)
    return [
        {
            **row,
            "basis_label": basis_label(row["basis"]),
            "bau_bar": _bar_share(row["bau"] or 0.0, peak),
            "measures_bar": _bar_share(row["with_measures"] or 0.0, peak),
        }
        for row in rows
    ]


def _charts(ranking: list[dict], forecast: list[dict], categories: dict) -> dict:
    """The marginal abatement cost curve and the forecast as SVG (6.4.1 b, c)."""
    bars = [
        {
            "code": r["code"],
            "label": r["label"],
            "category": r["category"],
            "x0": r["macc_x0"],
            "x1": r["macc_x1"],
            "width": r["abatement"],
            "height": r["cost_per_t"],
            "selected": r["selected"],
        }
        for r in ranking
    ]
    return {
        "macc": charts.macc_svg(
            bars,
            categories=categories,
            title=_("Marginal abatement cost curve"),
            x_label=_("Cumulative abatement (tCO2e/a)"),
            y_label=_("Cost (CNY/tCO2e)"),
        ),
        "forecast": charts.forecast_svg(
            forecast,
            series=[
                ("bau", _("Business as usual")),
                ("with_measures", _("With the selected measures")),
            ],
            title=_("Emissions forecast"),
        ),
    }


def assessment_context(assessment: Assessment, language: str) -> dict:
    """Everything the assessment page and report show, labelled in ``language``.

    Three queries (boundary facilities, all facilities for the entity; people are read
    through ``select_related`` when the caller loaded them so).
    """
    english = _english(language)
    with translation.override(language):
        results = assessment.results or {}
        boundary_ids = {f.pk for f in assessment.facilities.all()}
        entity, facilities = _facility_rows(boundary_ids, english)
        categories = category_labels()
        ranking = _ranking_rows(results, english, categories)
        key_sources = [
            {
                **row,
                "name": (row.get("name_en") or row["name_zh"]) if english else row["name_zh"],
                "share_pct": row["share"] * 100.0,
            }
            for row in results.get("key_sources", [])
        ]
        forecast = _forecast_rows(results)
        # results frozen by an earlier version may lack a key: the templates read them all
        current = {
            "year": assessment.year,
            "run_id": None,
            "run_ids": [],
            "tco2e": None,
            "production": None,
            "intensity": None,
            "energy_gj": None,
            "energy_tce": None,
            **results.get("current", {}),
        }
        history = [
            {"run_ids": [h.get("run_id")], "energy_gj": None, "production": None, **h}
            for h in results.get("history", [])
        ]
        context = {
            "language": language,
            "assessment": assessment,
            "entity": entity or {"name": ""},
            "boundary_all": not boundary_ids,
            "facilities": [f for f in facilities if f["in_boundary"]],
            "current": current,
            "history": history,
            "key_share_pct": results.get("key_share", 0.8) * 100.0,
            "key_sources": [r for r in key_sources if r["key"]],
            "all_sources": key_sources,
            "ranking": ranking,
            "totals": results.get("totals", {}),
            "forecast": forecast,
            "target_row": forecast[-1] if forecast else None,
            "method_text": method_text(results.get("method", {})),
            "discount_rate_pct": float(assessment.discount_rate) * 100.0,
            "run_ids": assessment.run_ids or [],
            "prepared_by": person(assessment.created_by),
            "approved_by": person(assessment.approved_by),
            "generated_at": timezone.localtime(),
            "cost_unit": COST_UNIT,
            "charts": _charts(ranking, forecast, categories),
        }
    return context


def assessment_pdf(context: dict) -> bytes:
    """PDF bytes of :func:`assessment_context`, in its language; issues no query."""
    return render_pdf(TEMPLATE, context, language=context["language"])


def _overview_sheet(workbook: Workbook, context: dict) -> _Sheet:
    """Overview: the assessment, the current year and who prepared and approved it (6.4.1)."""
    assessment = context["assessment"]
    sheet = _Sheet(workbook, _("Assessment"))
    sheet.title(_("Assessment of reduction potential"))
    sheet.pair(_("Reporting entity"), context["entity"]["name"])
    sheet.pair(_("Assessment year"), assessment.year)
    sheet.pair(_("Target year"), assessment.target_year)
    sheet.pair(_("Status"), assessment.get_status_display())
    sheet.pair(_("Discount rate (%)"), context["discount_rate_pct"])
    sheet.pair(_("Accounting runs used"), ", ".join(f"#{i}" for i in context["run_ids"]))
    current = context["current"]
    sheet.pair(_("Current emissions (tCO2e)"), current.get("tco2e"))
    sheet.pair(_("Production (t)"), current.get("production"))
    sheet.pair(_("Intensity (tCO2e/t)"), current.get("intensity"))
    sheet.pair(_("Energy consumption (GJ)"), current.get("energy_gj"))
    sheet.pair(_("Energy consumption (tce)"), current.get("energy_tce"))
    sheet.pair(_("Prepared by"), context["prepared_by"])
    sheet.pair(_("Approved by"), context["approved_by"])
    sheet.pair(_("Approved at"), assessment.approved_at)
    sheet.pair(_("Recommendations"), assessment.recommendations)
    return sheet


def _boundary_sheet(workbook: Workbook, context: dict) -> _Sheet:
    """The facilities in the boundary."""
    sheet = _Sheet(workbook, _("Boundary"))
    sheet.table(
        [_("Code"), _("Name"), _("Kind")],
        [[f["code"], f["name"], f["kind"]] for f in context["facilities"]],
    )
    return sheet


def _key_sources_sheet(workbook: Workbook, context: dict) -> _Sheet:
    """Emission sources with their share and whether they are key (6.4.1 a)."""
    sheet = _Sheet(workbook, _("Key sources"))
    sheet.table(
        [_("Source"), _("Name"), _("Facility"), "tCO2e", _("Share (%)"), _("Key source")],
        [
            [
                s["code"],
                s["name"],
                s["facility"],
                s["tco2e"],
                Share(s["share"] * 100.0),
                s["key"],
            ]
            for s in context["all_sources"]
        ],
    )
    return sheet


def _ranking_sheet(workbook: Workbook, context: dict) -> _Sheet:
    """The opportunities ranked by cost per tonne (6.4.1 c)."""
    sheet = _Sheet(workbook, _("Opportunities ranked"))
    sheet.records(
        [
            (_("Rank"), "rank"),
            (_("Code"), "code"),
            (_("Opportunity"), "label"),
            (_("Category"), "category_label"),
            (_("Abatement (tCO2e/a)"), "abatement"),
            (_("Capital cost (CNY)"), "capex"),
            (_("Operating cost change (CNY/a)"), "opex_change"),
            (_("Savings (CNY/a)"), "savings"),
            (_("Lifetime (years)"), "lifetime"),
            (_("Annualised cost (CNY/a)"), "annualised_cost"),
            (_("Cost (CNY/tCO2e)"), "cost_per_t"),
            (_("NPV (CNY)"), "npv"),
            (_("Payback (years)"), "payback_years"),
            (_("IRR (%)"), "irr_pct"),
            (_("Cumulative abatement (tCO2e/a)"), "cumulative_abatement"),
            (_("Selected"), "selected"),
        ],
        context["ranking"],
    )
    return sheet


def _macc_sheet(workbook: Workbook, context: dict) -> _Sheet:
    """The bars of the marginal abatement cost curve (6.4.1 c)."""
    sheet = _Sheet(workbook, _("MACC"))
    sheet.table(
        [
            _("Code"),
            _("Opportunity"),
            _("From (tCO2e/a)"),
            _("To (tCO2e/a)"),
            _("Width: abatement (tCO2e/a)"),
            _("Height: cost (CNY/tCO2e)"),
        ],
        [
            [r["code"], r["label"], r["macc_x0"], r["macc_x1"], r["abatement"], r["cost_per_t"]]
            for r in context["ranking"]
        ],
    )
    return sheet


def _forecast_sheet(workbook: Workbook, context: dict) -> _Sheet:
    """The forecast by year (6.4.1 b)."""
    sheet = _Sheet(workbook, _("Forecast"))
    sheet.pair(_("Method"), context["method_text"])
    sheet.records(
        [
            (_("Year"), "year"),
            (_("Basis"), "basis_label"),
            (_("Business as usual (tCO2e)"), "bau"),
            (_("Abatement (tCO2e)"), "abatement"),
            (_("With the selected measures (tCO2e)"), "with_measures"),
            (_("Production (t)"), "production"),
        ],
        context["forecast"],
    )
    return sheet


#: The assessment workbook's sheets, in order.
XLSX_SHEETS = (
    _overview_sheet,
    _boundary_sheet,
    _key_sources_sheet,
    _ranking_sheet,
    _macc_sheet,
    _forecast_sheet,
)


def assessment_xlsx(context: dict) -> bytes:
    """XLSX bytes of :func:`assessment_context`, one sheet per section; issues no query."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    with translation.override(context["language"]):
        sheets = [add_sheet(workbook, context) for add_sheet in XLSX_SHEETS]
    for sheet in sheets:
        sheet.finish()
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
