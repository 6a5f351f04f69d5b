"""Everything the accounting report and the results views show about one run (6.3.1, 6.3.2).

:func:`run_overview` feeds the admin results view (3 queries); :func:`report_context` feeds the
PDF and XLSX report in the GB/T 32150 structure (a fixed number of queries, whatever the
number of rows: results and activity rows are aggregated by the database, each in one query).
Labels are translated in the language active when the function is called;
:func:`report_context` activates the language it is given.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext

import pandas as pd

from calculators.core import template
from calculators.core.engine import Options
from calculators.core.template import CATEGORIES, METHODS
from calculators.labels import (
    MATERIAL_LABELS,
    gwp_set_label,
    material_label,
    method_label,
    method_short_label,
    parameter_label,
    verification_tag_label,
)
from calculators.models import (
    AccountingRun,
    ActivityRecord,
    Dataset,
    DatasetStatus,
    Factor,
    FactorSet,
    RunResult,
    Verification,
)
from calculators.reports import charts
from calculators.reports.rules import rules_applied
from calculators.reports.summary import FRAME_COLUMNS, Summary, empty_frame, summarise
from calculators.services.energy import run_energy_rows
from cems_registers.models import EmissionSource, Facility
from cems_registers.models.sources import Scope
from cems_registers.people import person_name

#: Rows per table chunk in the PDF. xhtml2pdf slows down more than linearly on one very long
#: table (1,000 rows: 7 s in one table, 5 s in chunks of 200 or of 40), but every chunk starts
#: with its own header row, which reads as a stray header when it falls mid-page; 200 keeps
#: every table of a realistic run (the demo's longest has 60 rows) in one piece.
CHUNK_ROWS = 200
#: Strings in ``data_source`` that mark an estimated figure (8.5 data quality).
ESTIMATE_MARKERS = ("estimat", "估算", "估计")
#: Template columns that override a library factor with a value given in the row.
OVERRIDE_FIELDS = template.OVERRIDE_VALUE_KEYS


def is_english(language: str | None = None) -> bool:
    return (language or translation.get_language() or "").lower().startswith("en")


def chunks(items: list, size: int = CHUNK_ROWS) -> list[list]:
    """``items`` cut into lists of at most ``size`` (at least one list, maybe empty)."""
    if not items:
        return [[]]
    return [items[i : i + size] for i in range(0, len(items), size)]


def scope_label(scope: int) -> str:
    try:
        return str(Scope(int(scope)).label)
    except ValueError:
        return gettext("Scope %(scope)s") % {"scope": scope}


def category_label(category: str) -> str:
    text = CATEGORIES.get(category)
    return gettext(text) if text else category


def load_run(pk: int) -> AccountingRun:
    """The run with its GWP set and people, one query."""
    return AccountingRun.objects.select_related("gwp_set", "created_by", "approved_by").get(pk=pk)


def results_frame(run: AccountingRun) -> pd.DataFrame:
    """The run's results summed by source, month, scope, category and gas group; ONE query.

    Columns :data:`calculators.reports.summary.FRAME_COLUMNS`. The database does the
    aggregation, so the frame has at most sources × months × gas groups rows however many
    activity rows the run had.
    """
    rows = list(
        RunResult.objects.filter(run=run)
        .values_list(
            "source_id",
            "source__code",
            "source__name",
            "source__name_en",
            "facility__code",
            "facility__name",
            "facility__name_en",
            "period",
            "scope",
            "category",
            "gas_group",
        )
        .annotate(tco2e=Sum("tco2e"), mass=Sum("mass_t"), bio=Sum("biogenic_t"))
        .order_by()
    )
    if not rows:
        return empty_frame()
    return pd.DataFrame.from_records(rows, columns=list(FRAME_COLUMNS))


def person(user) -> str:
    """A person in a report: the display name (Chinese family name first, 李娜) and the
    username, as in the admin (5.3: who did what is named)."""
    if user is None:
        return ""
    name = person_name(user)
    username = user.get_username()
    return f"{name} ({username})" if name and name != username else username


def biomass_treatment(options: dict) -> str:
    """The biomass rule of a run: ``exclude`` (GB/T 32150), ``memo`` (GHG Protocol / ISO
    14064-1) or ``include``; runs stored with ``biomass_co2_in_total`` read as memo/include."""
    return Options.of(options).biomass_rule


def biomass_excluded_tco2e(run: AccountingRun) -> float:
    """CO2e of the CH4 and N2O of biomass combustion left out of the total under the
    ``exclude`` rule (GB/T 32150: accounted apart and explained): Σ mass × GWP of the run's
    biomass lines. One query."""
    value = (
        RunResult.objects.filter(run=run, method="biomass")
        .exclude(gas_group="CO2")
        .aggregate(total=Sum(F("mass_t") * F("gwp")))["total"]
    )
    return float(value or 0.0)


def energy_rows(run: AccountingRun, english: bool) -> list[dict]:
    """The run's energy per carrier (GJ, tce, coefficient and its citation) for the results
    page and the report (6.3.2, 9.1; GB/T 2589-2020). One query."""
    return [
        {
            "carrier": material_label(row.carrier)
            if row.carrier in MATERIAL_LABELS
            else method_label(row.carrier)
            if row.carrier in METHODS
            else row.carrier,
            "kind": row.get_kind_display(),
            "direction": row.get_direction_display(),
            "energy_gj": row.energy_gj,
            "tce": row.tce,
            "coefficient": f"{row.coefficient:g} {row.coefficient_unit}",
            "citation": (row.citation_en or row.citation) if english else row.citation,
            "verification": row.verification,
            "verification_text": verification_tag_label(row.verification),
        }
        for row in run_energy_rows(run)
    ]


def run_metadata(
    run: AccountingRun, factor_sets: list[FactorSet], *, english: bool = False
) -> dict:
    """Reproducibility facts of a run (6.3.2); no query beyond what the caller loaded."""
    return {
        "id": run.pk,
        "name": run.name or str(run),
        "period_start": run.period_start,
        "period_end": run.period_end,
        "status": run.get_status_display(),
        "status_key": run.status,
        "input_hash": run.input_hash,
        "input_rows": run.input_rows,
        "dataset_ids": run.dataset_ids or [],
        "factor_sets": [
            {
                "key": fs.key,
                "version": fs.version,
                "name": (getattr(fs, "name_en", "") or fs.name) if english else fs.name,
                "frozen": fs.frozen,
                "citation": citation_text(fs, "en" if english else "zh-hans"),
            }
            for fs in factor_sets
        ],
        "gwp_key": run.gwp_key or (run.gwp_set.key if run.gwp_set_id else ""),
        "gwp_name": gwp_set_label(run.gwp_set.key, run.gwp_set.name) if run.gwp_set_id else "",
        "gwp_citation": (
            citation_text(run.gwp_set, "en" if english else "zh-hans") if run.gwp_set_id else ""
        ),
        "biomass_treatment": biomass_treatment(run.options or {}),
        "code_version": run.code_version,
        "created_by": person(run.created_by),
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "approved_by": person(run.approved_by),
        "approved_at": run.approved_at,
        "is_approved": run.is_approved,
        "total_tco2e": run.total_tco2e,
        "biogenic_co2_t": run.biogenic_co2_t,
    }


def run_factor_sets(run: AccountingRun) -> list[FactorSet]:
    """The run's factor sets in precedence order (first wins); one query."""
    order = [entry.get("id") for entry in (run.factor_set_versions or [])]
    sets = list(run.factor_sets.all())
    rank = {pk: i for i, pk in enumerate(order)}
    return sorted(sets, key=lambda fs: (rank.get(fs.pk, len(rank)), fs.key))


#: Intensity keys the engine stores (``AccountingRun.intensity``): unit and denominator unit.
INTENSITY_KEYS = {
    "per_t": ("tCO2e/t", "t"),
    "per_10k_cny": ("tCO2e/万元", "万元"),
    "per_wan_yuan": ("tCO2e/万元", "万元"),
    "production_output": ("tCO2e/t", "t"),
    "production_value": ("tCO2e/万元", "万元"),
}


def intensity_label(key: str) -> str:
    if key in ("per_t", "production_output"):
        return gettext("Per tonne of product")
    if key in ("per_10k_cny", "per_wan_yuan", "production_value"):
        return gettext("Per 10,000 CNY (万元) of output value")
    return key


def intensity_rows(run: AccountingRun, total: float) -> list[dict]:
    """Intensity figures (ACCOUNTING.md 11) from the run's stored intensity; no query.

    The engine stores ``{"per_t": x, "per_10k_cny": y}`` (``None`` when production is zero);
    a ``{key: {"value": …, "denominator": …}}`` entry is read too. The production behind a
    ratio is the net total over it, so no further query is needed.
    """
    out = []
    for key, entry in (run.intensity or {}).items():
        if isinstance(entry, dict):
            value = entry.get("value", entry.get("intensity"))
            denominator = entry.get("denominator", entry.get("production"))
        else:
            value, denominator = entry, None
        if value is None:
            continue
        value = float(value)
        if denominator is None and value:
            denominator = total / value
        unit, denominator_unit = INTENSITY_KEYS.get(key, ("", ""))
        out.append(
            {
                "key": key,
                "label": intensity_label(key),
                "value": value,
                "unit": unit,
                "denominator": None if denominator is None else float(denominator),
                "denominator_unit": denominator_unit,
            }
        )
    order = list(INTENSITY_KEYS)
    return sorted(out, key=lambda r: order.index(r["key"]) if r["key"] in order else len(order))


def charts_for(summary: Summary) -> dict[str, str]:
    """Inline SVG bar charts of a summary (by scope, gas, category, facility, month)."""
    unit = "tCO2e"
    return {
        "scope": charts.hbar_svg(
            [(scope_label(r["scope"]), r["tco2e"]) for r in summary.by_scope],
            title=gettext("Emissions by scope"),
            unit=unit,
        ),
        "gas": charts.hbar_svg(
            [(r["gas"], r["tco2e"]) for r in summary.by_gas],
            title=gettext("Emissions by gas"),
            unit=unit,
            colour=charts.PALETTE[1],
        ),
        "category": charts.hbar_svg(
            [(category_label(r["category"]), r["tco2e"]) for r in summary.by_category],
            title=gettext("Emissions by GB/T 32150 category"),
            unit=unit,
            colour=charts.PALETTE[2],
        ),
        "facility": charts.hbar_svg(
            [(f"{r['code']} {r['name']}", r["tco2e"]) for r in summary.by_facility],
            title=gettext("Emissions by facility"),
            unit=unit,
            colour=charts.PALETTE[3],
        ),
        "month": charts.column_svg(
            summary.months,
            [
                (scope_label(scope), [m["by_scope"][i] for m in summary.by_month])
                for i, scope in enumerate(summary.scopes)
            ],
            title=gettext("Emissions by month and scope"),
            unit=unit,
        ),
    }


def label_summary(summary: Summary) -> Summary:
    """Add translated labels to the rows of a summary (in place); no query."""
    for row in summary.by_scope:
        row["label"] = scope_label(row["scope"])
    for row in summary.by_category:
        row["label"] = category_label(row["category"])
        row["scope_label"] = scope_label(row["scope"])
    for row in summary.by_source:
        row["category_label"] = category_label(row["category"])
    return summary


def run_overview(run: AccountingRun, *, language: str | None = None) -> dict:
    """Totals, charts and metadata of a run for the results view; 2 queries (+ the run).

    ``run`` should come from :func:`load_run` (GWP set and people joined).
    """
    english = is_english(language)
    factor_sets = run_factor_sets(run)
    summary = label_summary(summarise(results_frame(run), english=english))
    meta = run_metadata(run, factor_sets, english=english)
    energy = energy_rows(run, english)
    return {
        "run": run,
        "meta": meta,
        "rules": rules_applied(run.options, meta["gwp_key"]),
        "biomass_excluded_tco2e": (
            biomass_excluded_tco2e(run) if meta["biomass_treatment"] == "exclude" else 0.0
        ),
        "energy": energy,
        "energy_totals": energy_totals_of(energy),
        "summary": summary,
        "scope_labels": [scope_label(s) for s in summary.scopes],
        "charts": charts_for(summary),
        "intensity": intensity_rows(run, summary.total),
        "biomass_sources": [r for r in summary.by_source if r["biogenic_t"]],
        "factor_set_objects": factor_sets,
    }


def energy_totals_of(rows: list[dict]) -> dict[str, float]:
    """Net energy (exports deducted) of :func:`energy_rows`: GJ and tce. No query."""
    return {"energy_gj": sum(r["energy_gj"] for r in rows), "tce": sum(r["tce"] for r in rows)}


# --- the report --------------------------------------------------------------------------------


def _facility_rows(run_facility_ids: set[int], english: bool) -> tuple[dict | None, list[dict]]:
    """The reporting entity (the root company unit) and every facility with its boundary (4.3).

    One query. A facility counts as in the run's boundary when the run names it (or names
    none) and it is inside the CEMS boundary.
    """
    facilities = list(Facility.objects.select_related("parent").order_by("code"))
    entity = None
    rows = []
    for facility in facilities:
        name = (facility.name_en or facility.name) if english else facility.name
        address = (facility.address_en or facility.address) if english else facility.address
        reason = (
            (facility.boundary_reason_en or facility.boundary_reason)
            if english
            else facility.boundary_reason
        )
        in_run = facility.in_boundary and (not run_facility_ids or facility.pk in run_facility_ids)
        row = {
            "code": facility.code,
            "name": name,
            "parent": facility.parent.code if facility.parent_id else "",
            "kind": facility.get_kind_display(),
            "address": address,
            "in_boundary": in_run,
            "reason": reason,
        }
        rows.append(row)
        if entity is None and facility.parent_id is None and facility.kind == "company":
            entity = row
    if entity is None and rows:
        entity = next((r for r in rows if not r["parent"]), rows[0])
    # the reporting entity first, then its units by code
    rows.sort(key=lambda r: (r is not entity, r["code"]))
    return entity, rows


def _source_rows(english: bool, with_data: set[str]) -> list[dict]:
    """Every registered emission source, with whether the run has data for it (6.3.1 c)."""
    sources = EmissionSource.objects.select_related("facility").order_by("code")
    return [
        {
            "code": s.code,
            "name": (s.name_en or s.name) if english else s.name,
            "facility": s.facility.code,
            "kind": s.get_kind_display(),
            "material": s.material_key,
            "material_label": material_label(s.material_key),
            "ghgs": s.ghgs,
            "scope": scope_label(s.scope),
            "category": category_label(s.category),
            "in_boundary": s.in_boundary and s.facility.in_boundary,
            "has_data": s.code in with_data,
        }
        for s in sources
    ]


def _activity_queryset(run: AccountingRun, facility_ids: set[int]):
    qs = ActivityRecord.objects.filter(
        dataset_id__in=run.dataset_ids or [],
        period__gte=run.period_start,
        period__lte=run.period_end,
        source__in_boundary=True,
    )
    if facility_ids:
        return qs.filter(facility_id__in=facility_ids)
    return qs.filter(facility__in_boundary=True)


def _activity_rows(run: AccountingRun, facility_ids: set[int], english: bool) -> list[dict]:
    """Activity data summed per source, method, material, unit and data source; ONE query."""
    override_q = Q()
    for name in OVERRIDE_FIELDS:
        override_q |= Q(**{f"{name}__isnull": False})
    estimate_q = Q()
    for marker in ESTIMATE_MARKERS:
        estimate_q |= Q(data_source__icontains=marker) | Q(note__icontains=marker)
    rows = (
        _activity_queryset(run, facility_ids)
        .values(
            "source__code",
            "source__name",
            "source__name_en",
            "method",
            "material",
            "unit",
            "data_source",
        )
        .annotate(
            quantity=Sum("quantity"),
            rows=Count("id"),
            months=Count("period", distinct=True),
            overrides=Count("id", filter=override_q),
            estimated=Count("id", filter=estimate_q),
            datasets_min=Min("dataset_id"),
            datasets_max=Max("dataset_id"),
        )
        .order_by("source__code", "method", "material", "data_source")
    )
    out = []
    for row in rows:
        name = row["source__name"]
        if english and row["source__name_en"]:
            name = row["source__name_en"]
        out.append(
            {
                "source": row["source__code"],
                "name": name,
                "method": row["method"],
                "method_label": method_label(row["method"]),
                "method_short": method_short_label(row["method"]),
                "material": row["material"],
                "material_label": material_label(row["material"]),
                "quantity": row["quantity"],
                "unit": row["unit"],
                "data_source": row["data_source"],
                "rows": row["rows"],
                "months": row["months"],
                "overrides": row["overrides"],
                "estimated": row["estimated"],
                "datasets": sorted({row["datasets_min"], row["datasets_max"]}),
            }
        )
    return out


def _dataset_rows(run: AccountingRun) -> list[dict]:
    """The datasets the run used, who submitted and who approved them (8.5); one query."""
    datasets = Dataset.objects.filter(pk__in=run.dataset_ids or []).select_related(
        "submitted_by", "reviewed_by"
    )
    return [
        {
            "id": d.pk,
            "filename": d.filename,
            "period": f"{d.period_start:%Y-%m} – {d.period_end:%Y-%m}",
            "rows": d.row_count,
            "channel": d.get_channel_display(),
            "status": d.get_status_display(),
            "submitted_by": person(d.submitted_by),
            "submitted_at": d.submitted_at,
            "reviewed_by": person(d.reviewed_by),
            "reviewed_at": d.reviewed_at,
            "sha256": d.sha256,
            "withdrawn": d.status == DatasetStatus.WITHDRAWN,
            "withdraw_reason": d.withdraw_reason,
        }
        for d in datasets.order_by("pk")
    ]


def citation_text(obj, language: str) -> str:
    """Where a factor or set was published, in ``language`` (issue 8, 12; 6.3.2); no query.

    The official citation in the report's language, else in the other one, else the
    ``source`` text a user typed for their own values. ``retrieved_from`` (where the text was
    read) is never printed. ``obj``: a model with ``CitationFields`` or a dict of its values.
    """
    get = obj.get if isinstance(obj, dict) else lambda name, default="": getattr(obj, name, default)
    english = is_english(language)
    first, second = ("citation_en", "citation") if english else ("citation", "citation_en")
    return get(first, "") or get(second, "") or get("source", "")


def _factor_rows(
    factor_sets: list[FactorSet], used: set[tuple[str, str]], language: str = "zh-hans"
) -> list[dict]:
    """Library factors the run applied, by material and method, with provenance; one query.

    ``used`` holds (method, material) pairs of the run's results. For each (material,
    parameter, gas, region) the factor of the first set in precedence order is listed, as the
    engine picks it (6.3.1 e). ``citation``: the official publication in ``language``
    (the factor's own, else its set's).
    """
    materials = {material for _method, material in used if material}
    if not materials or not factor_sets:
        return []
    rank = {fs.pk: i for i, fs in enumerate(factor_sets)}
    label = {fs.pk: fs.label for fs in factor_sets}
    set_citation = {fs.pk: citation_text(fs, language) for fs in factor_sets}
    factors = Factor.objects.filter(factor_set__in=factor_sets, material__in=materials).values(
        "factor_set_id",
        "material",
        "parameter",
        "gas",
        "value",
        "unit",
        "source",
        "citation",
        "citation_en",
        "year",
        "region",
        "verification",
    )
    best: dict[tuple, dict] = {}
    for f in factors:
        key = (f["material"], f["parameter"], f["gas"], f["region"])
        if key not in best or rank[f["factor_set_id"]] < rank[best[key]["factor_set_id"]]:
            best[key] = f
    verification = dict(Verification.choices)
    methods_by_material: dict[str, set[str]] = {}
    for method, material in used:
        methods_by_material.setdefault(material, set()).add(method)
    rows = []
    for (material, parameter, gas, region), f in sorted(best.items()):
        methods = methods_by_material.get(material, set())
        params = {p for m in methods for p in (METHODS[m].parameters if m in METHODS else ())}
        # parameters the method never reads (e.g. an NCV under a per-mass method) are not
        # listed, except where a method needs none (gas release uses the GWP only)
        if (
            params
            and parameter not in params
            and not (parameter == "carbon_content_mass" and "carbon_content_mass" in params)
        ):
            continue
        rows.append(
            {
                "material": material,
                "material_label": material_label(material),
                "parameter": parameter,
                "parameter_label": parameter_label(parameter),
                "gas": gas,
                "region": region,
                "value": f["value"],
                "unit": f["unit"],
                "set": label[f["factor_set_id"]],
                "citation": (
                    citation_text({**f, "source": ""}, language)
                    or set_citation[f["factor_set_id"]]
                    or f["source"]
                ),
                "year": f["year"],
                "tag": f["verification"],
                "tag_label": str(verification.get(f["verification"], f["verification"])),
                "tag_text": verification_tag_label(f["verification"]),
                "methods": ", ".join(sorted(methods)),
            }
        )
    return rows


def _used_pairs(run: AccountingRun) -> tuple[set[tuple[str, str]], list[dict]]:
    """(method, material) pairs in the results, and the methods with their counts; one query."""
    rows = list(
        RunResult.objects.filter(run=run)
        .values_list("method", "material")
        .annotate(n=Count("id"), tco2e=Sum("tco2e"))
        .order_by("method", "material")
    )
    pairs = {(m, mat) for m, mat, _n, _t in rows}
    methods: dict[str, dict] = {}
    for method, _material, n, tco2e in rows:
        entry = methods.setdefault(
            method,
            {
                "key": method,
                "label": method_label(method),
                "reference": gettext(METHODS[method].reference) if method in METHODS else "",
                "results": 0,
                "tco2e": 0.0,
            },
        )
        entry["results"] += n
        entry["tco2e"] += tco2e or 0.0
    return pairs, [methods[k] for k in sorted(methods)]


def _months_by_source(run: AccountingRun, facility_ids: set[int]) -> dict[str, int]:
    """Number of months with activity data per source code; one query."""
    return dict(
        _activity_queryset(run, facility_ids)
        .values_list("source__code")
        .annotate(months=Count("period", distinct=True))
        .order_by()
    )


def _verification_rows(run: AccountingRun, total: float) -> list[dict]:
    """Emissions by the weakest verification tag among the factors of each result; one query."""
    labels = dict(Verification.choices)
    order = ["measured", "V", "T", "M", ""]
    rows = (
        RunResult.objects.filter(run=run)
        .values_list("verification")
        .annotate(tco2e=Sum("tco2e"), n=Count("id"))
        .order_by()
    )
    out = [
        {
            "tag": tag or "—",
            "tag_text": verification_tag_label(tag),
            "label": str(labels.get(tag, gettext("No library factor"))),
            "tco2e": tco2e or 0.0,
            "results": n,
            "share": (tco2e or 0.0) / total * 100.0 if total else None,
        }
        for tag, tco2e, n in rows
    ]
    return sorted(out, key=lambda r: order.index(r["tag"]) if r["tag"] in order else len(order))


def _quality_notes(
    activity: list[dict],
    factors: list[dict],
    facilities: list[dict],
    by_source: dict[str, int],
    months_expected: int,
) -> dict:
    """Data-quality notes (8.5): row-given factors, unverified factors, estimates, gaps."""
    overrides = [a for a in activity if a["overrides"]]
    estimated = [a for a in activity if a["estimated"]]
    weak = [f for f in factors if f["tag"] in (Verification.TRANSCRIBED, Verification.UNVERIFIED)]
    gaps = [
        {"source": code, "months": months, "expected": months_expected}
        for code, months in sorted(by_source.items())
        if months_expected and months < months_expected
    ]
    weak_materials: dict[str, list[str]] = {}
    for f in weak:
        gas = f" {f['gas']}" if f["gas"] else ""
        weak_materials.setdefault(f["material"], []).append(
            f"{f['parameter_label']} ({f['parameter']}{gas}, {f['tag']})"
        )
    return {
        "weak_materials": [
            {
                "material": material,
                "material_label": material_label(material),
                "parameters": "; ".join(items),
            }
            for material, items in sorted(weak_materials.items())
        ],
        "overrides": overrides,
        "override_rows": sum(a["overrides"] for a in overrides),
        "weak_factors": weak,
        "estimated": estimated,
        "estimated_rows": sum(a["estimated"] for a in estimated),
        "gaps": gaps,
        "excluded_facilities": [f for f in facilities if not f["in_boundary"]],
    }


def report_context(run: AccountingRun | int, language: str) -> dict:
    """Context of the accounting report of ``run`` in ``language`` (GB/T 32150 structure).

    Sections: reporting entity, boundary, period, methods, emission sources, activity data
    and provenance, factors and their sources, emissions by gas, source, scope and category,
    biomass memo, intensity, data-quality notes, sign-off. Issues 12 queries whatever the
    size of the run.
    """
    pk = run.pk if isinstance(run, AccountingRun) else int(run)
    with translation.override(language):
        english = is_english(language)
        run = load_run(pk)
        overview = run_overview(run, language=language)
        summary: Summary = overview["summary"]
        run_facility_ids = set(run.facilities.values_list("id", flat=True))
        entity, facilities = _facility_rows(run_facility_ids, english)
        used, methods = _used_pairs(run)
        sources = _source_rows(english, {r["code"] for r in summary.by_source})
        activity = _activity_rows(run, run_facility_ids, english)
        datasets = _dataset_rows(run)
        factors = _factor_rows(overview["factor_set_objects"], used, language)
        months = _months_between(run.period_start, run.period_end)
        quality = _quality_notes(
            activity, factors, facilities, _months_by_source(run, run_facility_ids), months
        )
        quality["by_verification"] = _verification_rows(run, summary.total)
        production = [
            a for a in activity if a["method"] in ("production_output", "production_value")
        ]
        context = {
            **overview,
            "language": language,
            "english": english,
            "generated_at": timezone.now(),
            "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "cems"),
            "entity": entity,
            "facilities": facilities,
            "methods": methods,
            "sources": sources,
            "source_register_chunks": chunks(sources),
            "activity": activity,
            "activity_chunks": chunks(activity),
            "production": production,
            "datasets": datasets,
            "withdrawn_datasets": [d for d in datasets if d["withdrawn"]],
            "factors": factors,
            "factor_chunks": chunks(factors),
            "source_chunks": chunks(summary.by_source),
            "quality": quality,
            "period_months": months,
            "factor_sets": [
                {
                    "key": fs.key,
                    "version": fs.version,
                    "name": (getattr(fs, "name_en", "") or fs.name) if english else fs.name,
                    "citation": citation_text(fs, language),
                    "frozen": fs.frozen,
                }
                for fs in overview["factor_set_objects"]
            ],
        }
    return context


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1
