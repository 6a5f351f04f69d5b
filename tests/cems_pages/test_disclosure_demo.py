"""The demo's 2025 results disclosure (5.2.1 g, 9.1): approved through the workflow by top
management, in both languages, linked from the home page, showing the approved run's report
numbers to anonymous visitors and through the results API.

The full demo is loaded once for the module, inside a transaction rolled back at the end.
"""

from django.test import Client

from wagtail.models import TaskState

import pytest

from cems_pages.demo_content.disclosure import DISCLOSURE


@pytest.fixture(scope="module")
def demo_db(full_demo):
    """The full demo, loaded once (tests/conftest.py ``full_demo``); gone after the module."""


@pytest.fixture
def pages(demo_db, db):
    from cems_pages.models import ResultsDisclosurePage

    found = {
        page.locale.language_code: page
        for page in ResultsDisclosurePage.objects.filter(
            document_number=DISCLOSURE["document_number"]
        ).select_related("locale")
    }
    assert set(found) == {"zh-hans", "en"}
    return found


def test_both_languages_are_live_and_approved_by_top_management(pages):
    from cems_pages.models import DocumentStatus
    from cems_pages.workflows import TOP_MANAGEMENT_TASK

    for page in pages.values():
        assert page.live and page.is_public
        assert page.document_status == DocumentStatus.EFFECTIVE
        approvals = TaskState.objects.filter(
            workflow_state__object_id=str(page.pk),
            status=TaskState.STATUS_APPROVED,
            task__name=TOP_MANAGEMENT_TASK,
        ).values_list("finished_by__username", flat=True)
        assert list(approvals) == ["ceo"]
    assert pages["en"].translation_key == pages["zh-hans"].translation_key


def test_the_page_shows_the_approved_2025_runs_report_numbers(pages):
    from calculators.models import RunStatus
    from calculators.reports.context import report_context

    client = Client()
    run = pages["zh-hans"].run
    assert run.status == RunStatus.APPROVED and run.period_start.year == 2025
    summary = report_context(run, "zh-hans")["summary"]
    for language, page in pages.items():
        assert page.run_id == run.pk
        html = client.get(page.url).content.decode()
        assert page.title in html
        assert f"{summary.total:,.3f}" in html, language
        for row in summary.by_scope:
            assert f"{row['tco2e']:,.3f}" in html
    detail = client.get(f"/api/v2/results/{pages['en'].pk}/").json()
    assert detail["total_tco2e"] == pytest.approx(summary.total, rel=1e-12)
    listing = client.get("/api/v2/results/", {"locale": "en"}).json()
    assert {item["disclosure"]["id"] for item in listing["items"]} == {pages["en"].pk}
    assert listing["meta"]["total_tco2e"] == pytest.approx(summary.total, rel=1e-9)


def test_the_home_page_links_to_it_in_each_language(pages):
    client = Client()
    for language, page in pages.items():
        home = client.get(f"/{language}/").content.decode()
        assert f'href="{page.url}"' in home, language


def test_loading_again_creates_nothing(pages):
    from cems_pages.disclosure_demo import load_demo
    from cems_pages.models import ResultsDisclosurePage

    users = {}
    summary = load_demo(users=users)
    assert "created none new" in summary
    assert ResultsDisclosurePage.objects.count() == 2
