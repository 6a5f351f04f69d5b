"""The accounting report (6.3.2): context, PDF and XLSX in the GB/T 32150 structure."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from calculators.labels import material_label, parameter_label
from calculators.reports import report_context, report_pdf, report_xlsx
from calculators.reports.context import chunks
from calculators.reports.summary import summarise
from calculators.reports.xlsx import safe_text

from .reports_builders import build_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_and_expected(enterprise, data_submitter, data_reviewer):
    return build_run(enterprise, months=3, user=data_submitter, approver=data_reviewer)


def test_context_totals_match_the_results(run_and_expected):
    run, expected = run_and_expected
    ctx = report_context(run, "en")
    summary = ctx["summary"]
    assert summary.total == pytest.approx(expected["total"])
    assert summary.biogenic_t == pytest.approx(expected["biogenic"])
    assert {g["gas"]: g["tco2e"] for g in summary.by_gas} == pytest.approx(expected["gas"])
    assert {s["scope"]: s["tco2e"] for s in summary.by_scope} == pytest.approx(expected["scope"])
    assert {c["category"]: c["tco2e"] for c in summary.by_category} == pytest.approx(
        expected["category"]
    )
    assert {s["code"]: s["tco2e"] for s in summary.by_source} == pytest.approx(expected["source"])
    assert {m["month"]: m["tco2e"] for m in summary.by_month} == pytest.approx(expected["month"])
    # deductions (exported electricity) are negative and part of the net total
    assert summary.deductions < 0
    assert summary.gross + summary.deductions == pytest.approx(summary.total)


def test_context_sections(run_and_expected):
    run, expected = run_and_expected
    ctx = report_context(run, "zh-hans")
    assert ctx["entity"]["code"] == "HQ"
    excluded = [f["code"] for f in ctx["facilities"] if not f["in_boundary"]]
    assert excluded == ["F05"]
    assert {m["key"] for m in ctx["methods"]} >= {"fuel_cn", "purchased_electricity", "biomass"}
    # the activity rows name their data source; one row was estimated, one overrode the NCV
    assert ctx["quality"]["estimated_rows"] == 1
    assert ctx["quality"]["override_rows"] == 1
    weak = {(f["material"], f["parameter"]) for f in ctx["quality"]["weak_factors"]}
    assert ("natural_gas", "ncv") in weak
    assert ("electricity_cn_east", "ef") not in weak
    assert ctx["intensity"][0]["value"] == pytest.approx(0.5)
    by_tag = {v["tag"]: v["tco2e"] for v in ctx["quality"]["by_verification"]}
    assert set(by_tag) == {"V", "T", "M", "—"}
    assert by_tag["V"] == pytest.approx(expected["source"]["S18"])
    assert sum(by_tag.values()) == pytest.approx(expected["total"])
    assert ctx["datasets"][0]["submitted_by"] == "submitter"
    assert ctx["datasets"][0]["reviewed_by"] == "datareviewer"


def test_context_query_count_does_not_grow_with_the_run(
    enterprise, data_submitter, django_assert_max_num_queries, django_assert_num_queries
):
    small, _ = build_run(enterprise, months=1, user=data_submitter)
    with django_assert_max_num_queries(13) as captured:
        report_context(small, "en")
    count = len(captured)
    large, _ = build_run(enterprise, months=12, copies=5, user=data_submitter)
    with django_assert_num_queries(count):
        report_context(large, "en")


def test_pdf_has_chinese_headings_as_text(run_and_expected):
    run, expected = run_and_expected
    pdf = report_pdf(report_context(run, "zh-hans"))
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for heading in ("温室气体排放核算报告", "报告主体", "核算边界", "排放因子", "数据质量"):
        assert heading in text, heading
    assert f"{expected['total']:,.3f}" in text


def test_pdf_in_english(run_and_expected):
    run, _expected = run_and_expected
    pdf = report_pdf(report_context(run, "en"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Greenhouse gas emissions accounting report" in text
    assert "Biogenic CO2" in text
    assert "温室气体排放核算报告" not in text


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_xlsx_sections_and_totals(run_and_expected, language):
    run, expected = run_and_expected
    data = report_xlsx(report_context(run, language))
    wb = load_workbook(io.BytesIO(data))
    assert len(wb.sheetnames) >= 10
    # the cover sheet carries the net total, equal to the run's total
    cover = wb[wb.sheetnames[0]]
    values = {row[0]: row[1] for row in cover.iter_rows(values_only=True) if row[0]}
    label = "Total emissions (tCO2e)" if language == "en" else "排放总量（tCO2e）"
    assert values[label] == pytest.approx(expected["total"])
    assert values[label] == pytest.approx(run.total_tco2e)
    # emissions by source sum to the total as well
    by_source = wb[wb.sheetnames[7]]
    rows = list(by_source.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] in ("Source", "排放源"))
    total = 0.0
    for row in rows[header + 1 :]:
        if not row[0]:
            break
        total += row[5]
    assert total == pytest.approx(expected["total"])


def test_xlsx_escapes_formula_text(run_and_expected):
    run, _expected = run_and_expected
    wb = load_workbook(io.BytesIO(report_xlsx(report_context(run, "en"))))
    cells = [
        cell
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "cmd|" in cell.value
    ]
    assert cells, "the dataset file name should appear in the workbook"
    for cell in cells:
        assert cell.data_type == "s"
        assert cell.value.startswith("'=")


def test_safe_text():
    assert safe_text("=1+1") == "'=1+1"
    assert safe_text("+86") == "'+86"
    assert safe_text("-x") == "'-x"
    assert safe_text("@SUM(A1)") == "'@SUM(A1)"
    assert safe_text("meter") == "meter"
    assert safe_text(-5.0) == -5.0


def test_summary_of_nothing_is_empty():
    import pandas as pd

    from calculators.reports.summary import FRAME_COLUMNS

    summary = summarise(pd.DataFrame(columns=list(FRAME_COLUMNS)))
    assert summary.total == 0.0
    assert summary.by_gas == []


def _pdf_pages(ctx) -> list[list[str]]:
    pdf = report_pdf(ctx)
    return [
        [line.strip() for line in page.extract_text().splitlines()]
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def test_context_labels_materials_parameters_and_methods(run_and_expected):
    run, _expected = run_and_expected
    ctx = report_context(run, "en")
    gas = next(a for a in ctx["activity"] if a["material"] == "natural_gas")
    assert gas["material_label"] == "Natural gas"
    assert gas["method_label"] == "Fuel combustion, China guideline (FC × NCV × CC × OF × 44/12)"
    assert gas["method_short"] == "Fuel combustion, China guideline"
    ncv = next(f for f in ctx["factors"] if f["parameter"] == "ncv")
    assert ncv["parameter_label"] == "net calorific value"
    # keys without a label show as themselves
    assert material_label("R-410A") == "R-410A"
    assert parameter_label("made_up") == "made_up"
    weak = {w["material"]: w for w in ctx["quality"]["weak_materials"]}
    assert "net calorific value (ncv, T)" in weak["natural_gas"]["parameters"]


def test_pdf_shows_display_names_and_keeps_the_codes(run_and_expected):
    run, _expected = run_and_expected
    lines = [line for page in _pdf_pages(report_context(run, "en")) for line in page]
    text = "\n".join(lines)
    for label in ("Natural gas", "net calorific value", "Fuel combustion, China guideline"):
        assert label in text, label
    # the codes stay, in small type, so a verifier can trace them to the template and library
    for code in ("natural_gas", "ncv", "fuel_cn"):
        assert code in lines, code
    zh = "\n".join(line for page in _pdf_pages(report_context(run, "zh-hans")) for line in page)
    assert "燃料燃烧，国内核算指南法" in zh  # method label, translated
    assert "低位发热量" in zh  # parameter label, translated
    assert "fuel_cn" in zh and "ncv" in zh


def test_pdf_table_header_repeats_only_at_page_starts(run_and_expected):
    """A long factor table: its header row opens each page it runs over, never mid-page."""
    run, _expected = run_and_expected
    ctx = report_context(run, "en")
    template = ctx["factors"][0]
    ctx["factors"] = [
        {**template, "material": f"padmat_{i:03d}", "material_label": f"padmat_{i:03d}"}
        for i in range(150)
    ]
    ctx["factor_chunks"] = chunks(ctx["factors"])
    pages = _pdf_pages(ctx)
    spanned = 0
    for lines in pages:
        rows = [i for i, line in enumerate(lines) if line.startswith("padmat_")]
        if not rows:
            continue
        spanned += 1
        headers = [
            i for i in range(len(lines) - 2) if lines[i : i + 3] == ["Material", "Parameter", "Gas"]
        ]
        assert len(headers) == 1, lines
        assert headers[0] < rows[0]
    assert spanned >= 3


def test_xlsx_shares_are_per_cent_numbers(run_and_expected):
    run, _expected = run_and_expected
    wb = load_workbook(io.BytesIO(report_xlsx(report_context(run, "en"))))
    ws = wb["Emissions"]
    rows = list(ws.iter_rows())
    header = next(i for i, r in enumerate(rows) if r[0].value == "Gas")
    share_col = [c.value for c in rows[header]].index("Share (%)")
    shares = []
    for row in rows[header + 1 :]:
        if row[0].value is None:
            break
        cell = row[share_col]
        assert isinstance(cell.value, float)
        assert "%" in cell.number_format
        shares.append(cell.value)
    assert sum(shares) == pytest.approx(1.0)
    # factor values keep their significant digits (0.0153 tC/GJ is not 0.015)
    factors = wb["Factors"]
    frows = list(factors.iter_rows())
    fheader = next(i for i, r in enumerate(frows) if r[0].value == "Material")
    value_col = [c.value for c in frows[fheader]].index("Value")
    cc = next(r for r in frows[fheader + 1 :] if r[3].value == "carbon_content")
    assert cc[value_col].value == pytest.approx(0.0153)
    assert cc[value_col].number_format == "General"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (3.9, "3.9"),
        (1050, "1,050"),
        (0.1234567, "0.123457"),
        (None, ""),
        (-0.0000001, "0"),
        (2.50, "2.5"),
    ],
)
def test_quantities_are_shown_as_entered_without_trailing_zeros(value, shown):
    from calculators.templatetags.calculators_reports import qty

    assert qty(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (53065.908, "53,065.9"),
        (3.528043, "3.52804"),
        (42000, "42,000"),
        (0.0012345678, "0.00123457"),
        (-1234.5678, "-1,234.57"),
        (float("nan"), ""),
        (None, ""),
    ],
)
def test_figures_have_six_significant_digits_and_thousands_separators(value, shown):
    from calculators.templatetags.calculators_reports import num6

    assert num6(value) == shown
