"""The accounting report as an XLSX workbook, one sheet per section (6.3.2, GB/T 32150).

Built from :func:`calculators.reports.context.report_context`; issues no query. Every text
cell that a spreadsheet program could read as a formula (starting with ``=``, ``+``, ``-``,
``@``, or a tab/carriage return) is written with a leading apostrophe, so a source name or a
data-source note typed by a user can never run as a formula (CSV/formula injection).

Numbers stay numbers: quantities and emissions show three decimals, shares are fractions shown
as per cent (0.9972 → 99.7 %), factor values keep every significant digit (General).
"""

import datetime as dt
from io import BytesIO

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="E8EFE8")
BOLD = Font(bold=True)
NUMBER_FORMAT = "#,##0.000"
PERCENT_FORMAT = "0.0%"
#: Factor values: 0.0153 tC/GJ must not show as 0.015.
FACTOR_FORMAT = "General"


class Share(float):
    """A share in per cent (as the context holds it), written as a fraction in per-cent format."""


def _number_format(value) -> str | None:
    if isinstance(value, Share):
        return PERCENT_FORMAT
    if isinstance(value, float):
        return NUMBER_FORMAT
    return None


def safe_text(value):
    """``value`` unchanged unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell_value(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Share):
        return float(value) / 100.0
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        # spreadsheets hold no time zone: write the local wall-clock time
        return timezone.localtime(value).replace(tzinfo=None)
    if hasattr(value, "isoformat"):
        return value
    return safe_text(str(value))


class _Sheet:
    """Thin writer over an openpyxl worksheet: titles, key/value rows and tables."""

    def __init__(self, workbook: Workbook, title: str):
        # sheet titles: at most 31 characters, none of []:*?/\
        clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]
        self.ws = workbook.create_sheet(clean)
        self.row = 1
        self.widths: dict[int, int] = {}

    def _track(self, col: int, value) -> None:
        text = "" if value is None else str(value)
        width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text[:60]) + 2
        self.widths[col] = max(self.widths.get(col, 8), min(width, 60))

    def title(self, text: str) -> None:
        cell = self.ws.cell(self.row, 1, safe_text(text))
        cell.font = Font(bold=True, size=13)
        self.row += 2

    def pair(self, label: str, value) -> None:
        self.ws.cell(self.row, 1, safe_text(label)).font = BOLD
        cell = self.ws.cell(self.row, 2, _cell_value(value))
        if number_format := _number_format(value):
            cell.number_format = number_format
        self._track(1, label)
        self._track(2, value)
        self.row += 1

    def records(self, columns, items, *, formats: dict[int, str] | None = None) -> int:
        """:meth:`table` of ``items`` under ``columns``: ``(header, key)`` pairs, where a key
        is an item's key or a function of the item."""
        return self.table(
            [header for header, _key in columns],
            [[key(item) if callable(key) else item[key] for _h, key in columns] for item in items],
            formats=formats,
        )

    def table(
        self, headers: list[str], rows: list[list], *, formats: dict[int, str] | None = None
    ) -> int:
        """Write a header row and ``rows``; return the worksheet row of the first data row.

        ``formats`` maps a column index (0-based) to a number format for its numbers.
        """
        formats = formats or {}
        for col, header in enumerate(headers, start=1):
            cell = self.ws.cell(self.row, col, safe_text(header))
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            self._track(col, header)
        self.row += 1
        first = self.row
        for values in rows:
            for col, value in enumerate(values, start=1):
                cell = self.ws.cell(self.row, col, _cell_value(value))
                number_format = _number_format(value)
                if number_format and col - 1 in formats:
                    number_format = formats[col - 1]
                if number_format:
                    cell.number_format = number_format
                self._track(col, value)
            self.row += 1
        self.row += 1
        return first

    def gap(self) -> None:
        self.row += 1

    def finish(self) -> None:
        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        self.ws.freeze_panes = None


def _pct(value) -> Share | None:
    """A share in per cent from the context, for a per-cent cell (blank when undefined)."""
    return None if value is None else Share(value)


def _factor_headers() -> list[str]:
    """Headers of a factor's identity and value, the first columns of the factor sheets."""
    return [
        _("Material"),
        _("Material code"),
        _("Parameter"),
        _("Parameter code"),
        _("Gas"),
        _("Value"),
        _("Unit"),
    ]


def _factor_cells(f: dict) -> list:
    """A factor row's cells under :func:`_factor_headers` (the value is column 5)."""
    return [
        f["material_label"],
        f["material"],
        f["parameter_label"],
        f["parameter"],
        f["gas"],
        f["value"],
        f["unit"],
    ]


def _cover_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 1: cover: reporting entity, period, totals, sign-off, reproducibility."""
    meta = ctx["meta"]
    summary = ctx["summary"]
    sheet = _Sheet(wb, _("Report"))
    sheet.title(_("Greenhouse gas emissions accounting report"))
    entity = ctx.get("entity") or {}
    sheet.pair(_("Reporting entity"), entity.get("name", ""))
    sheet.pair(_("Address"), entity.get("address", ""))
    sheet.pair(_("Accounting period"), f"{meta['period_start']:%Y-%m} – {meta['period_end']:%Y-%m}")
    sheet.pair(_("Accounting standard"), "GB/T 32150-2015; T/CSES 146-2024 6.3")
    sheet.pair(
        _("GWP set"),
        f"{meta['gwp_key']} ({meta['gwp_citation']})" if meta["gwp_citation"] else meta["gwp_key"],
    )
    sheet.gap()
    sheet.pair(_("Total emissions (tCO2e)"), summary.total)
    sheet.pair(_("Gross emissions (tCO2e)"), summary.gross)
    sheet.pair(_("Deductions (tCO2e)"), summary.deductions)
    sheet.pair(_("Biogenic CO2, memo item (t)"), summary.biogenic_t)
    for row in summary.by_scope:
        sheet.pair(row["label"], row["tco2e"])
    sheet.gap()
    sheet.pair(_("Run"), meta["name"])
    sheet.pair(_("Status"), meta["status"])
    sheet.pair(_("Created by"), meta["created_by"])
    sheet.pair(_("Approved by"), meta["approved_by"])
    sheet.pair(_("Approved at"), meta["approved_at"])
    sheet.pair(_("Input hash"), meta["input_hash"])
    sheet.pair(_("Input rows"), meta["input_rows"])
    sheet.pair(_("Code version"), meta["code_version"])
    sheet.pair(
        _("Factor sets"), "; ".join(f"{fs['key']} v{fs['version']}" for fs in meta["factor_sets"])
    )
    sheet.pair(_("Generated at"), ctx["generated_at"])
    sheet.finish()


def _boundary_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 2: boundary."""
    sheet = _Sheet(wb, _("Boundary"))
    sheet.title(_("Organisational boundary"))
    sheet.table(
        [_("Code"), _("Name"), _("Parent"), _("Kind"), _("Address"), _("In boundary"), _("Reason")],
        [
            [
                f["code"],
                f["name"],
                f["parent"],
                f["kind"],
                f["address"],
                f["in_boundary"],
                f["reason"],
            ]
            for f in ctx["facilities"]
        ],
    )
    sheet.finish()


def _methods_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 3: methods."""
    sheet = _Sheet(wb, _("Methods"))
    sheet.title(_("Accounting methods"))
    sheet.table(
        [
            _("Method"),
            _("Description"),
            pgettext("method source", "Reference"),
            _("Results"),
            _("tCO2e"),
        ],
        [[m["key"], m["label"], m["reference"], m["results"], m["tco2e"]] for m in ctx["methods"]],
    )
    sheet.finish()


def _sources_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 4: emission sources."""
    sheet = _Sheet(wb, _("Sources"))
    sheet.title(_("Emission sources"))
    sheet.records(
        [
            (_("Code"), "code"),
            (_("Name"), "name"),
            (_("Facility"), "facility"),
            (_("Kind"), "kind"),
            (_("Material"), "material_label"),
            (_("Material code"), "material"),
            (_("Gases"), "ghgs"),
            (_("Scope"), "scope"),
            (_("Category"), "category"),
            (_("In boundary"), "in_boundary"),
            (_("Data in this run"), "has_data"),
        ],
        ctx["sources"],
    )
    sheet.finish()


def _activity_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 5: activity data and provenance."""
    sheet = _Sheet(wb, _("Activity data"))
    sheet.title(_("Activity data and where it came from"))
    sheet.records(
        [
            (_("Source"), "source"),
            (_("Name"), "name"),
            (_("Method"), "method_short"),
            (_("Method code"), "method"),
            (_("Material"), "material_label"),
            (_("Material code"), "material"),
            (_("Quantity"), "quantity"),
            (_("Unit"), "unit"),
            (_("Data source"), "data_source"),
            (_("Rows"), "rows"),
            (_("Months"), "months"),
            (_("Rows with own factor values"), "overrides"),
            (_("Estimated rows"), "estimated"),
            (_("Datasets"), lambda row: ", ".join(str(d) for d in row["datasets"])),
        ],
        ctx["activity"],
    )
    sheet.title(_("Datasets"))
    sheet.records(
        [
            (_("Dataset"), "id"),
            (_("File"), "filename"),
            (_("Period"), "period"),
            (_("Rows"), "rows"),
            (_("Channel"), "channel"),
            (_("Status"), "status"),
            (_("Submitted by"), "submitted_by"),
            (_("Submitted at"), "submitted_at"),
            (_("Approved by"), "reviewed_by"),
            (_("Approved at"), "reviewed_at"),
            (_("SHA-256"), "sha256"),
        ],
        ctx["datasets"],
    )
    sheet.finish()


def _factors_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 6: factors."""
    sheet = _Sheet(wb, _("Factors"))
    sheet.title(_("Emission factors and parameters"))
    sheet.table(
        [
            *_factor_headers(),
            _("Factor set"),
            _("Provenance"),
            _("Year"),
            _("Verification"),
            _("Methods"),
        ],
        [
            [*_factor_cells(f), f["set"], f["citation"], f["year"], f["tag_text"], f["methods"]]
            for f in ctx["factors"]
        ],
        formats={5: FACTOR_FORMAT},
    )
    sheet.finish()


def _emissions_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 7: emissions by gas, scope, category."""
    summary = ctx["summary"]
    sheet = _Sheet(wb, _("Emissions"))
    sheet.title(_("Emissions by gas"))
    sheet.table(
        [_("Gas"), _("Mass (t)"), _("tCO2e"), _("Share (%)")],
        [[g["gas"], g["mass_t"], g["tco2e"], _pct(g["share"])] for g in summary.by_gas],
    )
    sheet.title(_("Emissions by scope"))
    sheet.table(
        [_("Scope"), _("tCO2e"), _("Share (%)")],
        [[s["label"], s["tco2e"], _pct(s["share"])] for s in summary.by_scope],
    )
    sheet.title(_("Emissions by GB/T 32150 category"))
    sheet.table(
        [_("Category"), _("Scope"), _("tCO2e"), _("Share (%)")],
        [[c["label"], c["scope_label"], c["tco2e"], _pct(c["share"])] for c in summary.by_category],
    )
    sheet.pair(_("Total emissions (tCO2e)"), summary.total)
    sheet.finish()


def _by_source_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 8: by source and facility."""
    summary = ctx["summary"]
    sheet = _Sheet(wb, _("By source"))
    sheet.title(_("Emissions by source"))
    sheet.records(
        [
            (_("Source"), "code"),
            (_("Name"), "name"),
            (_("Facility"), "facility"),
            (_("Category"), "category_label"),
            (_("Gases"), "gases"),
            (_("tCO2e"), "tco2e"),
            (_("Biogenic CO2 (t)"), "biogenic_t"),
            (_("Share (%)"), lambda row: _pct(row["share"])),
        ],
        summary.by_source,
    )
    sheet.title(_("Emissions by facility"))
    scope_labels = ctx["scope_labels"]
    sheet.table(
        [_("Facility"), _("Name"), *scope_labels, _("tCO2e"), _("Share (%)")],
        [
            [f["code"], f["name"], *f["by_scope"], f["tco2e"], _pct(f["share"])]
            for f in summary.by_facility
        ],
    )
    sheet.finish()


def _by_month_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 9: by month."""
    summary = ctx["summary"]
    scope_labels = ctx["scope_labels"]
    sheet = _Sheet(wb, _("By month"))
    sheet.title(_("Emissions by month"))
    sheet.table(
        [_("Month"), *scope_labels, _("tCO2e")],
        [[m["month"], *m["by_scope"], m["tco2e"]] for m in summary.by_month],
    )
    sheet.finish()


def _biomass_intensity_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 10: the rules applied, biomass combustion, energy (GB/T 2589) and intensity."""
    summary = ctx["summary"]
    sheet = _Sheet(wb, _("Biomass and intensity"))
    sheet.title(_("Rules applied"))
    for number, rule in enumerate(ctx.get("rules", []), start=1):
        sheet.pair(str(number), rule)
    sheet.gap()
    sheet.title(_("Biomass combustion, accounted separately"))
    sheet.table(
        [_("Source"), _("Name"), _("Biogenic CO2 (t)")],
        [[s["code"], s["name"], s["biogenic_t"]] for s in ctx["biomass_sources"]],
    )
    sheet.pair(_("Biogenic CO2, memo item (t)"), summary.biogenic_t)
    if ctx.get("biomass_excluded_tco2e"):
        sheet.pair(
            _("CH4 and N2O of biomass combustion, not in the total (tCO2e)"),
            ctx["biomass_excluded_tco2e"],
        )
    sheet.gap()
    sheet.title(_("Energy consumption (GB/T 2589-2020)"))
    sheet.table(
        [_("Energy carrier"), _("Kind"), _("Direction"), "GJ", "tce", _("Coefficient")],
        [
            [e["carrier"], e["kind"], e["direction"], e["energy_gj"], e["tce"], e["coefficient"]]
            for e in ctx.get("energy", [])
        ],
    )
    totals = ctx.get("energy_totals") or {"energy_gj": 0.0, "tce": 0.0}
    sheet.pair(_("Total (exports deducted)") + " (GJ)", totals["energy_gj"])
    sheet.pair(_("Total (exports deducted)") + " (tce)", totals["tce"])
    sheet.gap()
    sheet.title(_("Emission intensity"))
    sheet.table(
        [_("Indicator"), _("Value"), _("Unit"), _("Denominator"), _("Denominator unit")],
        [
            [i["label"], i["value"], i["unit"], i["denominator"], i["denominator_unit"]]
            for i in ctx["intensity"]
        ],
    )
    sheet.finish()


def _quality_sheet(wb: Workbook, ctx: dict) -> None:
    """Sheet 11: data quality."""
    quality = ctx["quality"]
    sheet = _Sheet(wb, _("Data quality"))
    sheet.title(_("Emissions by the weakest verification tag of the factors used"))
    sheet.table(
        [_("Tag"), _("Verification"), _("tCO2e"), _("Share (%)")],
        [
            [v["tag_text"], v["label"], v["tco2e"], _pct(v["share"])]
            for v in quality["by_verification"]
        ],
    )
    sheet.title(_("Rows with their own factor values (measured or declared)"))
    sheet.records(
        [
            (_("Source"), "source"),
            (_("Method"), "method_short"),
            (_("Method code"), "method"),
            (_("Material"), "material_label"),
            (_("Material code"), "material"),
            (_("Data source"), "data_source"),
            (_("Rows"), "overrides"),
        ],
        quality["overrides"],
    )
    sheet.title(_("Factors not verified against the original source ([T] or [M])"))
    sheet.table(
        [*_factor_headers(), _("Verification"), _("Provenance")],
        [[*_factor_cells(f), f["tag_text"], f["citation"]] for f in quality["weak_factors"]],
        formats={5: FACTOR_FORMAT},
    )
    sheet.title(_("Estimated rows"))
    sheet.table(
        [_("Source"), _("Method"), _("Method code"), _("Data source"), _("Rows")],
        [
            [a["source"], a["method_short"], a["method"], a["data_source"], a["estimated"]]
            for a in quality["estimated"]
        ],
    )
    sheet.title(_("Sources with months missing"))
    sheet.table(
        [_("Source"), _("Months with data"), _("Months expected")],
        [[g["source"], g["months"], g["expected"]] for g in quality["gaps"]],
    )
    sheet.finish()


#: The workbook's sheets, in order: each adds one sheet for a report context.
SHEETS = (
    _cover_sheet,
    _boundary_sheet,
    _methods_sheet,
    _sources_sheet,
    _activity_sheet,
    _factors_sheet,
    _emissions_sheet,
    _by_source_sheet,
    _by_month_sheet,
    _biomass_intensity_sheet,
    _quality_sheet,
)


def build_workbook(ctx: dict) -> Workbook:
    """A workbook for a report context (see :func:`report_context`), one sheet per entry of
    :data:`SHEETS`; no query."""
    wb = Workbook()
    wb.remove(wb.active)
    for add_sheet in SHEETS:
        add_sheet(wb, ctx)
    return wb


def report_xlsx(ctx: dict) -> bytes:
    """XLSX bytes of a report context, written in the context's language; no query."""
    with translation.override(ctx["language"]):
        workbook = build_workbook(ctx)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
