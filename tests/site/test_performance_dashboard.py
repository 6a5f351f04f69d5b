"""The performance dashboard (9.1): emissions and energy by month against last year and the
target path, intensity, objectives status, key sources, completeness, alerts, waiting items."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from calculators.performance import services
from calculators.services.runs import run_approve
from cems_registers.models import Indicator, Objective, ObjectiveStatus
from cems_site.dashboard.charts import month_lines_svg
from cems_site.dashboard.selectors import dashboard_for
from tests.calculators.conftest import approved_year, done_run, enterprise  # noqa: F401

PAGE = "/admin/performance/"


@pytest.fixture
def approved_run(done_run, data_reviewer, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        return run_approve(run=done_run, user=data_reviewer)


def objective_with_total(owner, code="OBJ-D", target="1000"):
    objective = Objective.objects.create(
        code=code,
        title="碳排放总量下降",
        status=ObjectiveStatus.APPROVED,
        approved_at=timezone.now(),
        owner=owner,
    )
    indicator = Indicator.objects.create(
        objective=objective,
        name="排放总量",
        metric="total_emissions",
        unit="tCO2e",
        baseline_year=2025,
        baseline_value=Decimal("1"),
        target_value=Decimal(target),
        target_year=2030,
    )
    services.indicator_update(indicator=indicator)
    return indicator


def test_month_lines_leave_gaps_and_escape_labels():
    svg = month_lines_svg(
        [("<2025>", {1: 10.0, 2: 12.0, 5: 9.0})],
        month_labels=[str(m) for m in range(1, 13)],
        unit="tCO2e",
        title="t",
    )
    assert svg.count("<polyline") == 2  # months 1–2, then 5 alone
    assert "&lt;2025&gt;" in svg and "<2025>" not in svg
    assert month_lines_svg([("a", {})], month_labels=[""] * 12, unit="", title="") == ""


@pytest.mark.django_db
def test_the_dashboard_reads_the_approved_series(
    approved_run, management_representative, top_manager
):
    objective_with_total(management_representative)
    board = dashboard_for(top_manager, today=dt.date(2026, 3, 15))
    assert board.year == 2025
    assert board.total == pytest.approx(approved_run.total_tco2e, rel=1e-9)
    assert len(board.emissions[2025]) == 12
    assert sum(board.energy_tce[2025].values()) > 0
    # the path of the total-emissions indicator, spread over the base year's months
    assert len(board.path) == 12
    assert board.path_indicator.name == "排放总量"
    # key sources cover 80 %: the last one reaches it, the one before does not
    assert board.key_sources[-1]["cumulative_pct"] >= 80 - 1e-9
    if len(board.key_sources) > 1:
        assert board.key_sources[-2]["cumulative_pct"] < 80
    assert board.intensity[0]["year"] == 2025
    assert board.indicators[0]["progress"].year == 2025
    assert board.completeness["year"] == 2025


@pytest.mark.django_db
def test_dashboard_page_in_both_languages_with_charts_and_tables(
    approved_run, management_representative, top_manager, client
):
    objective_with_total(management_representative)
    client.force_login(top_manager)
    zh = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert zh.status_code == 200
    body = zh.content.decode()
    assert body.count("<svg") >= 2
    assert 'id="key-sources"' in body and 'id="completeness"' in body
    assert "绩效看板" in body and "Performance dashboard" not in body
    en = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert "Performance dashboard" in en.content.decode()


@pytest.mark.django_db
def test_dashboard_before_any_run_says_so(top_manager, client):
    client.force_login(top_manager)
    response = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "No approved accounting run yet" in response.content.decode()


@pytest.mark.django_db
def test_the_dashboard_is_refused_to_data_submitters(data_submitter, client):
    client.force_login(data_submitter)
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_objectives(
    approved_run, management_representative, top_manager, client
):
    objective_with_total(management_representative)
    client.force_login(top_manager)
    client.get(PAGE)  # warm caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(PAGE).status_code == 200
    for n in range(3):
        objective_with_total(management_representative, code=f"OBJ-{n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(PAGE).status_code == 200
    assert len(many) == len(one)
