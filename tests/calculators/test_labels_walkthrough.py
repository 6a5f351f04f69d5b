"""Display defects of the QA walkthrough (6.3.1: a verifier reads names, not codes; 6.3.2 report).

1. the green-electricity carrier showed as its key on the results page, the XLSX and the PDF;
2. the data-quality table of the Chinese PDF showed the tag "measured" untranslated;
3. the English results page showed the GWP set's Chinese name.
"""

import io

from django.urls import reverse
from django.utils import translation

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from calculators.labels import MATERIAL_LABELS, gwp_set_label, material_label
from calculators.models import GwpSet, RunEnergy, RunResult
from calculators.performance.demo import GREEN_SOURCE
from calculators.reports import report_context, report_pdf, report_xlsx

from .reports_builders import build_run

pytestmark = pytest.mark.django_db

GREEN = GREEN_SOURCE["material_key"]
GREEN_EN = "Green electricity (power trading)"
GREEN_ZH = "绿色电力（绿电交易）"
AR5_ZH = "全球变暖潜势 GWP-100（IPCC AR5）"


@pytest.fixture
def run(enterprise, data_submitter, data_reviewer):
    """A built run with green electricity in its energy, a measured factor among its results and
    the AR5 set under the Chinese name the factor library gives it."""
    run, _expected = build_run(enterprise, months=2, user=data_submitter, approver=data_reviewer)
    RunEnergy.objects.create(
        run=run,
        carrier=GREEN,
        kind="electricity",
        direction="consumed",
        energy_gj=86.184,
        tce=2.94219,
        coefficient=0.1229,
        coefficient_unit="kgce/kWh",
        basis="calorific",
        citation="GB/T 2589-2020 附录 A",
        citation_en="GB/T 2589-2020, Annex A",
        verification="measured",
    )
    RunResult.objects.filter(run=run, method="purchased_heat").update(verification="measured")
    GwpSet.objects.filter(key="AR5").update(name=AR5_ZH)
    return run


def _pdf_text(run, language: str) -> str:
    pdf = report_pdf(report_context(run, language))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())  # a narrow cell wraps a name over lines


def test_the_demo_green_electricity_key_has_a_name_in_both_languages():
    assert GREEN in MATERIAL_LABELS
    with translation.override("en"):
        assert material_label(GREEN) == GREEN_EN
    with translation.override("zh-hans"):
        assert material_label(GREEN) == GREEN_ZH


def test_energy_table_of_the_context_names_the_carrier(run):
    for language, name in (("en", GREEN_EN), ("zh-hans", GREEN_ZH)):
        carriers = [e["carrier"] for e in report_context(run, language)["energy"]]
        assert name in carriers, language
        assert GREEN not in carriers, language


@pytest.mark.parametrize(
    ("language", "name", "sheet"),
    [("en", GREEN_EN, "Biomass and intensity"), ("zh-hans", GREEN_ZH, "生物质与排放强度")],
)
def test_xlsx_energy_sheet_names_the_carrier(run, language, name, sheet):
    wb = load_workbook(io.BytesIO(report_xlsx(report_context(run, language))))
    cells = [c for row in wb[sheet].iter_rows(values_only=True) for c in row if c]
    assert name in cells
    assert GREEN not in cells


def test_pdf_energy_table_names_the_carrier_and_translates_measured(run):
    zh = _pdf_text(run, "zh-hans")
    assert GREEN_ZH in zh
    assert GREEN not in zh
    # the data-quality table (and the energy coefficient's tag) read 实测, not "measured"
    assert "实测" in zh
    assert "measured" not in zh
    en = _pdf_text(run, "en")
    assert GREEN_EN in en
    assert GREEN not in en


def test_data_quality_rows_carry_the_translated_tag(run):
    rows = report_context(run, "zh-hans")["quality"]["by_verification"]
    measured = next(r for r in rows if r["tag"] == "measured")
    assert measured["tag_text"] == "实测"
    assert {r["tag_text"] for r in rows if r["tag"] in ("V", "T", "M")} <= {"V", "T", "M"}


def test_gwp_set_label_reads_in_the_active_language():
    with translation.override("en"):
        assert gwp_set_label("AR5", AR5_ZH) == "IPCC AR5 GWP-100"
        # a set that is not an IPCC report's keeps its stored name
        assert gwp_set_label("company", "Own values") == "Own values"
    with translation.override("zh-hans"):
        assert gwp_set_label("AR5", AR5_ZH) == AR5_ZH


def test_results_page_names_the_gwp_set_and_the_carrier_in_the_readers_language(
    client, run, auditor
):
    client.force_login(auditor)
    url = reverse("calculators_run_results", args=(run.pk,))
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "IPCC AR5 GWP-100" in en
    assert "全球变暖潜势" not in en
    assert GREEN_EN in en
    assert f"<td>{GREEN}</td>" not in en
    assert "[measured]" in en  # English: the tag's English word
    zh = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert AR5_ZH in zh
    assert GREEN_ZH in zh
    assert "[实测]" in zh


def test_reports_name_people_family_name_first_with_their_username():
    """Reports name who made, submitted and approved (5.3) as the admin does: 李娜, not 娜 李."""
    from django.contrib.auth.models import User

    from calculators.reports.context import person

    assert person(User(username="editor", first_name="娜", last_name="李")) == "李娜 (editor)"
    assert person(User(username="ann", first_name="Ann", last_name="Lee")) == "Ann Lee (ann)"
    assert person(User(username="solo")) == "solo"
    assert person(None) == ""
