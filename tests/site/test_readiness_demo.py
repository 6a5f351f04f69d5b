"""The clause-readiness assessment on the full demo (``manage.py cems_demo``): a realistic mix,
every "met" links to evidence that opens, one stored assessment, its PDF and XLSX in both
languages, and the page in the same number of queries as on an empty database."""

import io
import subprocess

from django.urls import reverse

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cems_registers.roles import Role

from .test_readiness_views import PAGE_QUERIES

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo_db(full_demo):
    """The full demo, loaded once (tests/conftest.py ``full_demo``); gone after the module."""


def test_demo_mix_and_every_met_links_to_evidence(demo_db, client, make_user):
    from cems_site.readiness.models import ReadinessAssessment
    from cems_site.readiness.selectors import readiness_evaluate

    assert ReadinessAssessment.objects.count() == 1  # the demo's stored assessment
    results = readiness_evaluate()
    statuses = [c["status"] for c in results["clauses"]]
    assert statuses.count("met") >= 10
    assert statuses.count("partly") >= 3
    assert statuses.count("not_met") >= 1
    client.force_login(make_user("admin-d", superuser=True))
    for clause in results["clauses"]:
        for check in clause["checks"]:
            if check["status"] == "met":
                assert check["url"], (clause["clause"], check)
                response = client.get(check["url"])
                assert response.status_code == 200, (clause["clause"], check["url"])


def test_demo_page_in_the_pinned_number_of_queries(
    demo_db, client, make_user, django_assert_num_queries
):
    client.force_login(make_user("ceo-d", Role.TOP_MANAGEMENT))
    client.get(reverse("cems_readiness"))
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(reverse("cems_readiness"))
    assert response.status_code == 200
    assert 'id="readiness-history"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ["条款符合性自评", "碳排放管理方针", "各章得分"]),
        ("en", ["Carbon policy", "Score per chapter"]),
    ],
)
def test_demo_reports_render(demo_db, client, make_user, tmp_path, language, expected):
    from cems_site.readiness.models import ReadinessAssessment

    assessment = ReadinessAssessment.objects.get()
    client.force_login(make_user("aud-d", Role.AUDITORS))
    pdf = client.get(
        reverse("cems_readiness_report", args=[assessment.pk, "pdf"]), HTTP_ACCEPT_LANGUAGE=language
    ).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = "".join(text.split())  # lines break inside cells
    for word in expected:
        assert "".join(word.split()) in text
    path = tmp_path / f"readiness-{language}.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", path, tmp_path / "p"], check=True
    )
    assert list(tmp_path.glob("p*.png"))
    xlsx = client.get(
        reverse("cems_readiness_report", args=[assessment.pk, "xlsx"]),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content
    book = load_workbook(io.BytesIO(xlsx))
    cells = " ".join(str(c) for row in book.worksheets[1].iter_rows(values_only=True) for c in row)
    assert expected[-2 if language == "zh-hans" else 0] in cells
