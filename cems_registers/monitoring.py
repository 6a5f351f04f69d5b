"""Monitoring plans (8.5, 9.1.4): selectors and the export in the MEE layout (PDF, XLSX).

The document follows the MEE's data quality control plan (数据质量控制计划): 1 versions and
revisions, 2 the reporting entity, 3 the boundary and the emission facilities, 4 how each
parameter is determined (method, instrument, frequency, responsible person, data flow,
archive), 5 internal quality control and assurance. Chinese is the default language; English
is complete. :func:`plan_context` gathers it in a fixed number of queries; the PDF goes through
the project's one renderer, the XLSX through openpyxl with formula-escaped text.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from io import BytesIO

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import (
    EmissionSource,
    Facility,
    MeasuringInstrument,
    MonitoringPlan,
    MonitoringPlanItem,
    MonitoringPlanStatus,
)
from .people import person_name
from .viewsets.base import escape_formula

PDF_TEMPLATE = "cems_registers/pdf/monitoring_plan.html"
LANGUAGES = ("zh-hans", "en")
#: Statuses of a plan that was in force at some time (approved, then maybe superseded).
IN_FORCE_STATUSES = (MonitoringPlanStatus.APPROVED, MonitoringPlanStatus.SUPERSEDED)


# --- selectors ----------------------------------------------------------------------------------


def plans_in_force(*, on: dt.date) -> list[MonitoringPlan]:
    """The plan in force on ``on`` for each boundary: of the plans approved by then (and
    perhaps superseded since), the one with the latest effective date not after ``on``
    (then the highest version). One query."""
    candidates = (
        MonitoringPlan.objects.filter(status__in=IN_FORCE_STATUSES, effective_from__lte=on)
        .select_related("boundary")
        .order_by("boundary_id", "-effective_from", "-version", "-pk")
    )
    chosen: dict[int, MonitoringPlan] = {}
    for plan in candidates:
        chosen.setdefault(plan.boundary_id, plan)
    return sorted(chosen.values(), key=lambda plan: (plan.boundary.code, plan.code))


def facility_descendants(root_ids: set[int], parents: dict[int, int | None]) -> set[int]:
    """``root_ids`` and every facility below them, from ``{id: parent id}``; no query."""
    found = set(root_ids)
    changed = True
    while changed:
        changed = False
        for child, parent in parents.items():
            if parent in found and child not in found:
                found.add(child)
                changed = True
    return found


def boundary_facility_ids(plan: MonitoringPlan, as_of: dt.datetime | None = None) -> set[int]:
    """The plan's boundary and the units below it (as the facilities stood at ``as_of``, when
    given); one query."""
    parents = dict(_rows(Facility, as_of).values_list("id", "parent_id"))
    return facility_descendants({plan.boundary_id}, parents)


def _rows(model, as_of: dt.datetime | None):
    """``model``'s rows now, or as they stood at ``as_of`` (django-simple-history; filter on
    ``id``, not ``pk``: on history rows ``pk`` is the history id): an evidence
    pack rebuilt later shows the plan, its rows, sources, instruments and facilities as they were
    when the run was approved, byte for byte (6.3.3)."""
    return model.history.as_of(as_of) if as_of else model.objects


# --- the export's data --------------------------------------------------------------------------


def _date(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d")
    return value.isoformat()


def _instrument(instrument: MeasuringInstrument | None) -> dict:
    if instrument is None:
        return {"text": "—", "accuracy": "—", "calibration": "—"}
    return {
        "text": " ".join(
            part for part in (instrument.code, instrument.name, instrument.model_number) if part
        ),
        "accuracy": instrument.accuracy_class or "—",
        "calibration": _("every %(months)s months; next %(date)s")
        % {
            "months": instrument.calibration_interval_months,
            "date": _date(instrument.next_calibration),
        },
    }


def item_row(item: MonitoringPlanItem, source=None, instrument=None) -> dict:
    """One row of part 4 as text in the active language; issues no query when the item's
    source and instrument are given (or were selected with it)."""
    source = source or item.source
    instrument = _instrument(instrument if item.instrument_id else None)
    return {
        "source": f"{source.code} {source.display_name}",
        "parameter": item.get_parameter_display(),
        "method": item.get_method_display(),
        "instrument": instrument["text"],
        "accuracy": instrument["accuracy"],
        "calibration": instrument["calibration"],
        "frequency": item.get_frequency_display(),
        "responsible": person_name(item.responsible) or "—",
        "data_flow": item.data_flow or "—",
        "archive": item.archive or "—",
    }


def item_columns() -> list[tuple[str, str]]:
    """Part 4's columns (key, heading) in the active language; no query."""
    field = MonitoringPlanItem._meta.get_field
    columns = [
        ("source", capfirst(field("source").verbose_name)),
        ("parameter", capfirst(field("parameter").verbose_name)),
        ("method", capfirst(field("method").verbose_name)),
        ("instrument", capfirst(field("instrument").verbose_name)),
        ("accuracy", _("Accuracy class")),
        ("calibration", _("Calibration")),
        ("frequency", capfirst(field("frequency").verbose_name)),
        ("responsible", capfirst(field("responsible").verbose_name)),
        ("data_flow", capfirst(field("data_flow").verbose_name)),
        ("archive", capfirst(field("archive").verbose_name)),
    ]
    return [(key, str(heading)) for key, heading in columns]


#: Widths (%) of part 4's columns in the PDF, in the order of :func:`item_columns`.
PDF_WIDTHS = (11, 9, 8, 12, 7, 10, 8, 8, 15, 12)


def _with_current(model, found: dict, needed: set[int]) -> dict:
    """``found`` plus, for the ids the plan's rows need that have no history row by then
    (records loaded without history), the records as they are now; a query only then."""
    missing = needed - found.keys()
    if missing:
        found.update({o.pk: o for o in model.objects.filter(pk__in=missing)})
    return found


def _plan_rows(plan: MonitoringPlan, facility_ids: set[int], as_of: dt.datetime | None):
    """The plan's rows in document order, the sources (of the boundary and of the rows) and the
    rows' instruments by id, as they stood at ``as_of`` when given; three queries."""
    items = list(
        _rows(MonitoringPlanItem, as_of).filter(plan_id=plan.pk).select_related("responsible")
    )
    source_ids = {i.source_id for i in items}
    sources_by_id = _with_current(
        EmissionSource,
        {
            s.pk: s
            for s in _rows(EmissionSource, as_of).filter(
                Q(facility_id__in=facility_ids) | Q(id__in=source_ids)
            )
        },
        source_ids,
    )
    instrument_ids = {i.instrument_id for i in items if i.instrument_id}
    instruments = _with_current(
        MeasuringInstrument,
        {i.pk: i for i in _rows(MeasuringInstrument, as_of).filter(id__in=instrument_ids)},
        instrument_ids,
    )
    items.sort(key=lambda i: (sources_by_id[i.source_id].code, i.parameter, i.pk))
    return items, sources_by_id, instruments


def plan_context(*, plan_id: int, as_of: dt.datetime | None = None) -> dict:
    """Everything the document shows, as text in the active language; a fixed number of
    queries. With ``as_of`` the plan, its rows, the boundary's facilities and sources and the
    instruments are read as they stood then (the evidence pack: the run's approval)."""
    plan = _rows(MonitoringPlan, as_of).select_related("owner", "approved_by").get(pk=plan_id)
    facility_ids = boundary_facility_ids(plan, as_of)
    facilities = list(_rows(Facility, as_of).filter(id__in=facility_ids).order_by("code"))
    facility_codes = {f.pk: f.code for f in facilities}
    items, sources_by_id, instruments = _plan_rows(plan, facility_ids, as_of)
    sources = sorted(
        (s for s in sources_by_id.values() if s.facility_id in facility_ids), key=lambda s: s.code
    )
    versions = (
        _rows(MonitoringPlan, as_of)
        .filter(Q(code=plan.code), Q(version__lte=plan.version))
        .select_related("approved_by")
        .order_by("version")
    )
    boundary = next((f for f in facilities if f.pk == plan.boundary_id), None) or plan.boundary
    english = (translation.get_language() or "").startswith("en")
    return {
        "plan": plan,
        "status": plan.get_status_display(),
        "entity": {
            "name": boundary.display_name,
            "address": (boundary.address_en if english else "") or boundary.address or "—",
            "code": boundary.code,
        },
        "versions": [
            {
                "version": v.version,
                "effective_from": _date(v.effective_from),
                "approved": _date(v.approved_at),
                "approved_by": person_name(v.approved_by) or "—",
                "status": v.get_status_display(),
                "note": v.revision_note or "—",
            }
            for v in versions
        ],
        "facilities": [
            {"code": f.code, "name": f.display_name, "in_boundary": f.in_boundary}
            for f in facilities
        ],
        "sources": [
            {
                "code": s.code,
                "name": s.display_name,
                "facility": facility_codes.get(s.facility_id, "—"),
                "category": s.get_category_display(),
                "scope": s.scope,
            }
            for s in sources
        ],
        "columns": item_columns(),
        "pdf_columns": [
            {"heading": heading, "width": width}
            for (_key, heading), width in zip(item_columns(), PDF_WIDTHS, strict=True)
        ],
        "items": [
            item_row(item, sources_by_id[item.source_id], instruments.get(item.instrument_id))
            for item in items
        ],
        "prepared_by": person_name(plan.owner) or "—",
        "approved_by": person_name(plan.approved_by) or "—",
        "approved_at": _date(plan.approved_at),
    }


def _language(language: str | None) -> str:
    language = language or translation.get_language() or "zh-hans"
    return language if language in LANGUAGES else "zh-hans"


def monitoring_plan_pdf(
    *,
    plan_id: int,
    language: str | None = None,
    generated: dt.datetime | None = None,
    as_of: dt.datetime | None = None,
) -> bytes:
    """The plan as a PDF in the MEE layout; ``generated`` fixes the footer's time and
    ``as_of`` the time whose data it shows (packs: the run's approval)."""
    from .pdf import render_pdf  # xhtml2pdf and ReportLab load when a PDF is asked for  # noqa: PLC0415 — keeps reportlab, xhtml2pdf out of start-up

    language = _language(language)
    with translation.override(language):
        context = plan_context(plan_id=plan_id, as_of=as_of)
        context["generated"] = timezone.localtime(generated or timezone.now())
        return render_pdf(PDF_TEMPLATE, context, language=language)


# --- XLSX ---------------------------------------------------------------------------------------


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The workbook's zip again with every entry dated ``when``: the same plan gives the same
    bytes (the evidence pack is byte-identical on a rebuild); no query."""
    stamp = timezone.localtime(when).timetuple()[:6]
    # openpyxl stamps the save time as "modified" whatever the properties say
    modified = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    lambda match: match.group(1) + modified + match.group(2),
                    body,
                )
            target.writestr(entry, body)
    return out.getvalue()


def _xlsx_value(value):
    """Numbers as they are, anything else as text escaped against formulas; no query."""
    if value is None or isinstance(value, int | float):
        return value
    return escape_formula(str(value))


def _sheet_table(ws, row: int, headings: list[str], rows: list[list], bold, fill, wrap) -> int:
    for col, heading in enumerate(headings, start=1):
        cell = ws.cell(row=row, column=col, value=_xlsx_value(heading))
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    for values in rows:
        row += 1
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=_xlsx_value(value)).alignment = wrap
    return row + 2


def _xlsx_sections(context: dict) -> list[tuple[str, list[str], list[list]]]:
    """The document's parts as (title, headings, rows), in the order of the MEE plan."""
    plan = context["plan"]
    return [
        (
            _("1 Versions and revisions"),
            [_("Version"), _("Effective from"), _("Approved"), _("Approved by"), _("Status")]
            + [_("What changed")],
            [
                [v["version"], v["effective_from"], v["approved"], v["approved_by"], v["status"]]
                + [v["note"]]
                for v in context["versions"]
            ],
        ),
        (
            _("2 Reporting entity"),
            [_("Name"), _("Address"), _("Plan number"), _("Prepared by")],
            [
                [
                    context["entity"]["name"],
                    context["entity"]["address"],
                    f"{plan.code} v{plan.version}",
                    context["prepared_by"],
                ]
            ],
        ),
        (
            _("3 Boundary and emission sources"),
            [_("Code"), _("Emission source"), _("Facility"), _("Category"), _("Scope")],
            [
                [s["code"], s["name"], s["facility"], s["category"], s["scope"]]
                for s in context["sources"]
            ],
        ),
        (
            _("4 How each parameter is determined"),
            [heading for _key, heading in context["columns"]],
            [[item[key] for key, _heading in context["columns"]] for item in context["items"]],
        ),
        (
            _("5 Internal quality control and assurance"),
            [_("Provisions")],
            [[plan.quality_assurance or "—"]],
        ),
    ]


def monitoring_plan_xlsx(
    *,
    plan_id: int,
    language: str | None = None,
    generated: dt.datetime | None = None,
    as_of: dt.datetime | None = None,
) -> bytes:
    """The plan as a workbook in the MEE layout: one sheet, the five parts one below the
    other, text cells escaped against formulas; ``generated`` dates it (packs)."""
    from openpyxl import Workbook  # noqa: PLC0415 — heavy library (openpyxl), imported only when this is used
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415 — heavy library (openpyxl), imported only when this is used

    language = _language(language)
    when = generated or timezone.now()
    with translation.override(language):
        context = plan_context(plan_id=plan_id, as_of=as_of)
        plan = context["plan"]
        workbook = Workbook()
        ws = workbook.active
        ws.title = _("Monitoring plan")[:31]
        bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        fill = PatternFill("solid", fgColor="E8EFE8")
        ws.cell(row=1, column=1, value=escape_formula(_("Data quality control plan"))).font = Font(
            bold=True, size=14
        )
        ws.cell(row=2, column=1, value=escape_formula(f"{plan.code} v{plan.version} {plan.title}"))
        ws.cell(row=3, column=1, value=f"{_('Status')}: {context['status']}")
        row = 5
        for title, headings, rows in _xlsx_sections(context):
            ws.cell(row=row, column=1, value=title).font = bold
            row = _sheet_table(ws, row + 1, headings, rows, bold, fill, wrap)
        for index, width in enumerate((22, 18, 14, 26, 12, 22, 16, 12, 36, 26), start=1):
            ws.column_dimensions[chr(64 + index)].width = width
        naive = timezone.localtime(when).replace(tzinfo=None, microsecond=0)
        workbook.properties.created = workbook.properties.modified = naive
        workbook.properties.creator = "cems"
        out = BytesIO()
        workbook.save(out)
    return _fixed_zip(out.getvalue(), when)


def export_filename(plan: MonitoringPlan, language: str, extension: str) -> str:
    """``monitoring-plan-MP-01-v2-zh-hans.pdf``; no query."""
    code = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in plan.code)
    return f"monitoring-plan-{code}-v{plan.version}-{_language(language)}.{extension}"
