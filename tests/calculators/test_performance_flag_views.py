"""The base-year flag is shown on every view that uses the base year (4.3, 6.5): the objectives
progress page, the performance dashboard and the assessment of reduction potential."""

import pytest

from calculators.models import PerformanceSettings
from calculators.performance import services

from .test_assessment import approved_run, create

pytestmark = pytest.mark.django_db


@pytest.fixture
def runs():
    """Two approved years for an assessment (as the assessment's tests make them)."""
    return [approved_run(2024, 1000.0, 500.0), approved_run(2025, 1100.0, 500.0)]


@pytest.fixture
def flagged():
    settings = PerformanceSettings.load()
    settings.base_year = 2024
    settings.recalculation_due = True
    settings.recalculation_reason = {
        "message": services.FLAG_CHANGE,
        "params": {
            "change": "关停 2 号锅炉 boiler 2 retired",
            "kind": "sources",
            "status": "approved",
            "year": 2024,
            "old": "1,000.00",
            "new": "900.00",
            "pct": "-10.0",
            "threshold": "5",
        },
    }
    settings.save()
    return settings


def test_flag_on_progress_dashboard_and_assessment_in_both_languages(
    flagged,
    runs,
    top_manager,
    client,
):
    assessment = create()
    client.force_login(top_manager)
    pages = {
        "/admin/calculators/performance/": "progress",
        "/admin/performance/": "dashboard",
        f"/admin/calculators/assessments/{assessment.pk}/": "assessment",
    }
    for url, name in pages.items():
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert english.status_code == 200, name
        body = english.content.decode()
        assert "关停 2 号锅炉 boiler 2 retired" in body, name
        assert "Emission sources and sinks" in body, name
        assert "more than the significance threshold of 5 %" in body, name
    body = client.get("/admin/performance/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "关停 2 号锅炉 boiler 2 retired" in body
    assert "排放源" in body  # the kind of change in Chinese


def test_no_flag_no_warning(runs, top_manager, client):
    client.force_login(top_manager)
    body = client.get("/admin/performance/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "flagged for recalculation" not in body
