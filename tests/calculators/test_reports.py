"""The accounting report (6.3.2): context, PDF and XLSX in the GB/T 32150 structure."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from calculators.reports import report_context, report_pdf, report_xlsx
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
