"""The MEE enterprise GHG emission report as an XLSX workbook, one sheet per part (6.3.2).

Sheets, in the guideline's order: 一 enterprise, 二 emissions, 三 activity data, 四 factors,
五 data quality, 附表1, 附表2, 附表3 (``docs/mee_report.md`` maps every cell). Built from
:func:`calculators.reports.mee.mee_context`; issues no query. Text cells are written through
the accounting workbook's writer, so a user's text can never run as a formula.
"""

from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _

from openpyxl import Workbook

from calculators.reports.xlsx import FACTOR_FORMAT, _Sheet


def _enterprise_sheet(wb: Workbook, ctx: dict) -> None:
    e = ctx["enterprise"]
    meta = ctx["meta"]
    sheet = _Sheet(wb, _("1 Enterprise"))
    sheet.title(_("Enterprise greenhouse gas emission report"))
    sheet.pair(_("Guideline"), ctx["guideline"])
    sheet.pair(_("Reporting year"), ctx["reporting_year"])
    sheet.pair(_("Accounting period"), f"{meta['period_start']:%Y-%m} – {meta['period_end']:%Y-%m}")
    sheet.gap()
    sheet.title(_("Part 1 Basic information of the enterprise"))
    sheet.pair(_("Enterprise name"), e["name"])
    sheet.pair(_("Unified social credit code"), e["credit_code"])
    sheet.pair(_("Legal representative"), e["legal_representative"])
    sheet.pair(_("Address"), e["address"])
    sheet.pair(_("Industry"), e["industry"])
    sheet.pair(_("Contact person"), e["contact"])
    sheet.gap()
    sheet.pair(_("Run"), meta["name"])
    sheet.pair(_("Approved by"), meta["approved_by"])
    sheet.pair(_("Approved at"), meta["approved_at"])
    sheet.pair(_("Input hash"), meta["input_hash"])
    sheet.finish()


def _emissions_sheet(wb: Workbook, ctx: dict) -> None:
    summary = ctx["summary"]
    sheet = _Sheet(wb, _("2 Emissions"))
    sheet.title(_("Part 2 Greenhouse gas emissions"))
    sheet.title(_("Accounting boundary"))
    sheet.table(
        [_("Code"), _("Name"), _("Kind"), _("Address")],
        [[f["code"], f["name"], f["kind"], f["address"]] for f in ctx["boundary"]],
    )
    sheet.title(_("Emissions by source category"))
    sheet.table(
        [_("Source category"), _("Categories of the run"), _("Emissions (tCO2e)")],
        [[line["label"], line["categories"], line["tco2e"]] for line in ctx["mee_lines"]],
    )
    sheet.pair(_("Total emissions (tCO2e)"), summary.total)
    sheet.pair(_("Biogenic CO2, memo item (t)"), summary.biogenic_t)
    sheet.gap()
    sheet.title(_("Emissions by gas"))
    sheet.table(
        [_("Gas"), _("Mass (t)"), _("Emissions (tCO2e)")],
        [[g["gas"], g["mass_t"], g["tco2e"]] for g in summary.by_gas],
    )
    sheet.finish()


def _activity_table(sheet: _Sheet, ctx: dict) -> None:
    sheet.table(
        [
            _("Source"),
            _("Name"),
            _("Material"),
            _("Method"),
            _("Quantity"),
            _("Unit"),
            _("Data source"),
            _("Months"),
        ],
        [
            [
                a["source"],
                a["name"],
                a["material_label"],
                a["method_short"],
                a["quantity"],
                a["unit"],
                a["data_source"],
                a["months"],
            ]
            for a in ctx["activity"]
        ],
    )


def _factor_table(sheet: _Sheet, ctx: dict) -> None:
    sheet.table(
        [
            _("Material"),
            _("Parameter"),
            _("Gas"),
            _("Value"),
            _("Unit"),
            _("Factor set"),
            _("Citation"),
        ],
        [
            [
                f["material_label"],
                f["parameter_label"],
                f["gas"],
                f["value"],
                f["unit"],
                f["set"],
                f["citation"],
            ]
            for f in ctx["factors"]
        ],
        formats={3: FACTOR_FORMAT},
    )


def _quality_sheet(wb: Workbook, ctx: dict) -> None:
    meta = ctx["meta"]
    sheet = _Sheet(wb, _("5 Data quality"))
    sheet.title(_("Part 5 Data quality management"))
    sheet.pair(_("Approved by"), meta["approved_by"])
    sheet.pair(_("Approved at"), meta["approved_at"])
    sheet.pair(_("Code version"), meta["code_version"])
    sheet.gap()
    sheet.title(_("Datasets"))
    sheet.table(
        [
            _("Dataset"),
            _("File"),
            _("Period"),
            _("Rows"),
            _("Submitted by"),
            _("Approved by"),
            _("Approved at"),
            "SHA-256",
        ],
        [
            [
                d["id"],
                d["filename"],
                d["period"],
                d["rows"],
                d["submitted_by"],
                d["reviewed_by"],
                d["reviewed_at"],
                d["sha256"],
            ]
            for d in ctx["datasets"]
        ],
    )
    sheet.title(_("Measuring instruments"))
    sheet.table(
        [
            _("Code"),
            _("Instrument"),
            _("Facility"),
            _("What it measures"),
            _("Accuracy class"),
            _("Last calibration"),
            _("Next calibration"),
            _("Status"),
        ],
        [
            [
                i["code"],
                i["name"],
                i["facility"],
                i["measures"],
                i["accuracy"],
                i["last_calibrated"],
                i["next_calibration"],
                i["status"],
            ]
            for i in ctx["instruments"]
        ],
    )
    quality = ctx["quality"]
    sheet.title(_("Sources with months missing"))
    sheet.table(
        [_("Source"), _("Months with data"), _("Months expected")],
        [[g["source"], g["months"], g["expected"]] for g in quality["gaps"]],
    )
    sheet.pair(_("Rows with own factor values"), quality["override_rows"])
    sheet.pair(_("Estimated rows"), quality["estimated_rows"])
    sheet.finish()


def build_mee_workbook(ctx: dict) -> Workbook:
    """A workbook for an MEE report context; no query."""
    wb = Workbook()
    wb.remove(wb.active)
    _enterprise_sheet(wb, ctx)
    _emissions_sheet(wb, ctx)

    sheet = _Sheet(wb, _("3 Activity data"))
    sheet.title(_("Part 3 Activity data and their sources"))
    _activity_table(sheet, ctx)
    sheet.finish()

    sheet = _Sheet(wb, _("4 Emission factors"))
    sheet.title(_("Part 4 Emission factors and their sources"))
    _factor_table(sheet, ctx)
    sheet.finish()

    _quality_sheet(wb, ctx)

    sheet = _Sheet(wb, _("Annex 1"))
    sheet.title(_("Annex table 1 Summary of the reporting entity's emissions"))
    sheet.table(
        [_("Source category"), _("Emissions (tCO2e)")],
        [[line["label"], line["tco2e"]] for line in ctx["mee_lines"]]
        + [[_("Total emissions (tCO2e)"), ctx["summary"].total]],
    )
    sheet.finish()

    sheet = _Sheet(wb, _("Annex 2"))
    sheet.title(_("Annex table 2 Activity data"))
    _activity_table(sheet, ctx)
    sheet.finish()

    sheet = _Sheet(wb, _("Annex 3"))
    sheet.title(_("Annex table 3 Emission factors and calculation coefficients"))
    _factor_table(sheet, ctx)
    sheet.finish()
    return wb


def mee_xlsx(ctx: dict) -> bytes:
    """XLSX bytes of an MEE report context, in the context's language; no query."""
    with translation.override(ctx["language"]):
        workbook = build_mee_workbook(ctx)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
