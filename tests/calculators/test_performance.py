"""The carbon performance series, base year, objectives progress and alerts (6.3.2, 6.5, 9.1).

The 2025 demo year is accounted once per test (``done_run``); a second run of the same year
stands for a correction that supersedes it.
"""

import datetime as dt
from decimal import Decimal

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from calculators.core.performance import GJ_PER_TCE
from calculators.models import (
    AlertKind,
    AlertStatus,
    DeviationAlert,
    IndicatorProgress,
    IndicatorTrack,
    PerformanceSettings,
    SeriesPoint,
    SeriesRun,
)
from calculators.performance import selectors, services
from calculators.services.runs import run_approve
from cems_registers.models import Indicator, Objective, ObjectiveStatus

from ..refusals import assert_denied_in_admin
from .factories import run_2025

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_run(done_run, data_reviewer, django_capture_on_commit_callbacks):
    """The 2025 run approved; the queued performance task runs (sync queue) on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        run = run_approve(run=done_run, user=data_reviewer)
    return run


def _objective(owner, code="OBJ-T", **fields):
    from django.utils import timezone

    return Objective.objects.create(
        code=code,
        title="test objective",
        status=ObjectiveStatus.APPROVED,
        approved_at=timezone.now(),
        owner=owner,
        **fields,
    )


def _indicator(objective, **fields):
    values = {
        "name": "total",
        "metric": "total_emissions",
        "unit": "tCO2e",
        "baseline_year": 2025,
        "baseline_value": Decimal("1"),
        "target_value": Decimal("1"),
        "target_year": 2030,
    }
    values.update(fields)
    return Indicator.objects.create(objective=objective, **values)


def test_a_computed_run_keeps_its_series_with_energy_and_production(done_run):
    points = SeriesPoint.objects.filter(run=done_run)
    assert points.exists()
    assert not points.filter(is_current=True).exists()  # not approved: does not count
    totals = selectors.current_points().count()
    assert totals == 0
    rows = list(
        points.values_list(
            "tco2e",
            "tco2e_co2",
            "tco2e_ch4",
            "tco2e_n2o",
            "tco2e_hfcs",
            "tco2e_pfcs",
            "tco2e_sf6",
            "tco2e_nf3",
        )
    )
    assert sum(r[0] for r in rows) == pytest.approx(done_run.total_tco2e, rel=1e-9)
    assert sum(sum(r[1:]) for r in rows) == pytest.approx(done_run.total_tco2e, rel=1e-9)
    assert sum(points.values_list("energy_gj", flat=True)) > 0
    production = sum(points.values_list("production_t", flat=True))
    assert production == pytest.approx(done_run.intensity["per_t"]["production"], rel=1e-9)
    assert {p.month for p in points.values_list("period", flat=True)} == set(range(1, 13))


def test_approval_makes_the_run_current_and_a_later_one_supersedes_it(
    approved_run, data_submitter, data_reviewer, django_capture_on_commit_callbacks
):
    frame = selectors.series_values(metrics=("tco2e", "energy_tce"), by=("year",))
    assert list(frame["year"]) == [2025]
    assert frame["tco2e"].iloc[0] == pytest.approx(approved_run.total_tco2e, rel=1e-9)
    energy_gj = selectors.series_values(metrics=("energy_gj",), by=("year",))["energy_gj"].iloc[0]
    assert frame["energy_tce"].iloc[0] == pytest.approx(energy_gj / GJ_PER_TCE)
    entry = SeriesRun.objects.get(run=approved_run)
    assert entry.current_months == 12 and not entry.is_superseded

    second = run_2025(data_submitter, biomass="include")
    with django_capture_on_commit_callbacks(execute=True):
        run_approve(run=second, user=data_reviewer)
    entry.refresh_from_db()
    assert entry.superseded_by.run_id == second.pk
    assert entry.current_months == 0
    # kept, not current
    assert SeriesPoint.objects.filter(run=approved_run, is_current=False).count() > 0
    assert not SeriesPoint.objects.filter(run=approved_run, is_current=True).exists()
    total = selectors.series_values(metrics=("tco2e",), by=("year",))["tco2e"].iloc[0]
    assert total == pytest.approx(second.total_tco2e, rel=1e-9)
    assert total > approved_run.total_tco2e  # biogenic CO2 counted this time


def test_series_by_dimension_adds_up(approved_run):
    total = approved_run.total_tco2e
    for dim in ("scope", "category", "facility", "source", "month", "carrier"):
        frame = selectors.series_values(by=(dim,))
        assert frame["tco2e"].sum() == pytest.approx(total, rel=1e-9), dim
    gas = selectors.series_values(by=("gas",))
    assert set(gas["gas"]) == {"CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3"}
    assert gas["tco2e"].sum() == pytest.approx(total, rel=1e-9)
    intensity = selectors.intensity_by(basis="per_t")
    assert intensity["intensity"].iloc[0] == pytest.approx(
        approved_run.intensity["per_t"]["intensity"], rel=1e-9
    )


def test_selectors_answer_in_a_constant_number_of_queries(approved_run, django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.series_values(metrics=("tco2e", "energy_gj"), by=("month", "scope"))
    with django_assert_num_queries(1):
        selectors.series_values(by=("gas", "month"))
    with django_assert_num_queries(1):
        selectors.intensity_by(basis="per_wan_yuan", by=("year",))


def test_indicator_baseline_and_progress_come_from_the_run(
    done_run, data_reviewer, management_representative, django_capture_on_commit_callbacks
):
    objective = _objective(management_representative)
    indicator = _indicator(
        objective, metric="intensity", unit="tCO2e/t", baseline_value=Decimal("1.85")
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = run_approve(run=done_run, user=data_reviewer)
    track = IndicatorTrack.objects.get(indicator=indicator)
    expected = run.intensity["per_t"]["intensity"]
    assert track.baseline_from_run == pytest.approx(expected, rel=1e-9)
    assert track.base_run_id == run.pk
    indicator.refresh_from_db()
    assert float(indicator.baseline_value) == pytest.approx(expected, abs=5e-5)
    progress = IndicatorProgress.objects.get(indicator=indicator, year=2025)
    assert progress.run_id == run.pk and progress.months == 12
    assert progress.actual == pytest.approx(expected, rel=1e-9)


def test_a_baseline_entered_by_hand_is_compared_with_the_run(
    approved_run, management_representative
):
    objective = _objective(management_representative)
    indicator = _indicator(
        objective, baseline_value=Decimal("1"), baseline_reason="from the 2025 energy audit"
    )
    track = services.indicator_update(indicator=indicator)
    assert track.baseline_entered == 1.0
    assert track.baseline_flagged
    assert track.baseline_difference_pct == pytest.approx(
        (1 - approved_run.total_tco2e) / approved_run.total_tco2e * 100
    )
    close = round(approved_run.total_tco2e * 1.005, 4)
    indicator.baseline_value = Decimal(str(close))
    indicator.save()
    assert not services.indicator_update(indicator=indicator).baseline_flagged


def test_an_indicator_without_a_base_year_run_says_so(approved_run, management_representative):
    indicator = _indicator(_objective(management_representative), baseline_year=2019)
    track = services.indicator_update(indicator=indicator)
    assert track.problem["params"] == {"year": 2019}
    from django.utils import translation

    with translation.override("en"):
        assert "baseline year 2019 (field: baseline year)" in services.message_text(track.problem)
    with translation.override("zh-hans"):
        assert "基准年 2019" in services.message_text(track.problem)
    assert not IndicatorProgress.objects.filter(indicator=indicator).exists()


def test_status_follows_the_objective_thresholds(approved_run, management_representative):
    total = approved_run.total_tco2e
    objective = _objective(
        management_representative, at_risk_pct=Decimal("2"), off_track_pct=Decimal("10")
    )
    # baseline year 2024 by hand, path to 2030: the 2025 path value is known exactly
    indicator = _indicator(
        objective,
        baseline_year=2024,
        baseline_value=Decimal(str(round(total, 4))),
        baseline_reason="2024 from the previous system",
        target_value=Decimal(str(round(total * 0.4, 4))),
        target_year=2030,
    )
    services.indicator_update(indicator=indicator)
    row = IndicatorProgress.objects.get(indicator=indicator, year=2025)
    path = total + (total * 0.4 - total) * (1 / 6)
    assert row.path == pytest.approx(path, rel=1e-6)
    assert row.deviation_pct == pytest.approx((total - path) / path * 100, rel=1e-6)
    assert row.status == "off_track"  # 11 % above the path
    objective.off_track_pct = Decimal("15")
    objective.save()
    services.indicator_update(indicator=indicator)
    assert IndicatorProgress.objects.get(indicator=indicator, year=2025).status == "at_risk"


def test_energy_indicator_needs_an_energy_unit(approved_run, management_representative):
    indicator = _indicator(_objective(management_representative), metric="energy", unit="t")
    track = services.indicator_update(indicator=indicator)
    assert track.problem["params"] == {"unit": "t"}
    indicator.unit = "tce"
    indicator.save()
    track = services.indicator_update(indicator=indicator)
    energy = selectors.series_values(metrics=("energy_tce",), by=("year",))["energy_tce"].iloc[0]
    assert track.baseline_from_run == pytest.approx(energy)


def test_target_below_zero_is_refused_naming_the_field(management_representative):
    indicator = Indicator(
        objective=_objective(management_representative),
        name="x",
        metric="total_emissions",
        unit="tCO2e",
        baseline_year=2024,
        baseline_value=Decimal("10"),
        target_value=Decimal("-1"),
        target_year=2030,
    )
    with pytest.raises(ValidationError) as exc:
        indicator.full_clean()
    assert "target_value" in exc.value.message_dict
    assert not Indicator.objects.filter(name="x").exists()


@pytest.mark.parametrize(("threshold", "flagged"), [(Decimal("2"), True), (Decimal("5"), False)])
def test_base_year_flagged_beyond_the_threshold_else_adopted(
    approved_run,
    data_submitter,
    data_reviewer,
    django_capture_on_commit_callbacks,
    threshold,
    flagged,
):
    settings = PerformanceSettings.load()
    settings.base_year, settings.significance_pct = 2025, threshold
    settings.save()
    services.base_year_check(run=approved_run)
    settings.refresh_from_db()
    assert settings.base_run_id == approved_run.pk
    assert settings.base_total_tco2e == pytest.approx(approved_run.total_tco2e)
    second = run_2025(data_submitter, biomass="include")  # biogenic CO2 now counted: +3.5 %
    with django_capture_on_commit_callbacks(execute=True):
        run_approve(run=second, user=data_reviewer)
    settings.refresh_from_db()
    assert settings.recalculation_due is flagged
    if flagged:
        assert settings.base_run_id == approved_run.pk  # kept until recalculated
        assert f"#{second.pk}" in services.message_text(settings.recalculation_reason)
    else:
        assert settings.base_run_id == second.pk
        assert settings.previous_base_run_id == approved_run.pk  # both kept
        assert settings.previous_base_total_tco2e == pytest.approx(approved_run.total_tco2e)


def test_recalculating_the_base_year_replaces_the_base_run_on_approval(
    approved_run, data_reviewer, management_representative, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission

    settings = PerformanceSettings.load()
    settings.base_year = 2025
    settings.save()
    services.base_year_check(run=approved_run)
    management_representative.user_permissions.add(
        Permission.objects.get(codename="add_accountingrun")
    )
    management_representative = type(management_representative).objects.get(
        pk=management_representative.pk
    )
    run = services.base_year_recalculate(user=management_representative)
    run.refresh_from_db()
    assert run.period_start == dt.date(2025, 1, 1) and run.status == "done"
    with django_capture_on_commit_callbacks(execute=True):
        run_approve(run=run, user=data_reviewer)
    settings.refresh_from_db()
    assert settings.base_run_id == run.pk
    assert settings.previous_base_run_id == approved_run.pk
    assert settings.recalculated_at is not None and not settings.recalculation_due


def test_base_year_recalculation_needs_the_permission(approved_run, auditor):
    with pytest.raises(PermissionDenied):
        services.base_year_recalculate(user=auditor)


def test_path_alert_is_raised_once_mailed_and_becomes_a_nonconformity(
    approved_run, management_representative, register_keeper
):
    management_representative.email = "rep@example.com"
    management_representative.save()
    total = approved_run.total_tco2e
    objective = _objective(management_representative)
    indicator = _indicator(
        objective,
        baseline_year=2025,
        baseline_value=Decimal(str(round(total * 0.5, 4))),
        baseline_reason="set low on purpose",
        target_value=Decimal(str(round(total * 0.4, 4))),
        alert_path_pct=Decimal("10"),
    )
    services.indicator_update(indicator=indicator)
    raised = services.alerts_check(today=dt.date(2026, 1, 20))
    assert {a.kind for a in raised} == {AlertKind.PATH}
    assert len(raised) == 12  # every month of 2025 is twice its path
    assert len(mail.outbox) == 12
    assert mail.outbox[0].to == ["rep@example.com"]
    assert "偏差" in mail.outbox[0].subject or "Deviation" in mail.outbox[0].subject
    assert services.alerts_check(today=dt.date(2026, 1, 20)) == []  # not raised twice
    alert = raised[0]
    with pytest.raises(PermissionDenied):  # reads and changes registers, adds none
        services.alert_raise_nonconformity(alert=alert, user=management_representative)
    nonconformity = services.alert_raise_nonconformity(alert=alert, user=register_keeper)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.NONCONFORMITY
    assert alert.nonconformity == nonconformity
    assert nonconformity.source == "monitoring"
    assert indicator.name in nonconformity.title
    assert nonconformity.owner == management_representative  # the objective's owner
    with pytest.raises(ValidationError):
        services.alert_raise_nonconformity(alert=alert, user=register_keeper)


def test_change_and_missing_data_alerts(approved_run, management_representative):
    objective = _objective(management_representative)
    indicator = _indicator(objective, alert_change_pct=Decimal("30"), alert_missing_day=10)
    services.indicator_update(indicator=indicator)
    assert services.alerts_check(today=dt.date(2026, 2, 5), notify=False) == [] or all(
        a.kind == AlertKind.CHANGE for a in DeviationAlert.objects.all()
    )
    by_source = selectors.series_values(
        by=("source", "month"), month_from=dt.date(2025, 11, 1), month_to=dt.date(2025, 12, 1)
    )
    for alert in DeviationAlert.objects.filter(kind=AlertKind.CHANGE):
        rows = by_source[by_source["source"] == alert.source_id].set_index("month")["tco2e"]
        assert alert.value == pytest.approx(rows[dt.date(2025, 12, 1)])
        assert alert.reference == pytest.approx(rows[dt.date(2025, 11, 1)])
        assert abs(alert.pct) > 30
    # after day 10 of February, January 2026 has no approved data from December's sources
    raised = services.alerts_check(today=dt.date(2026, 2, 20), notify=False)
    missing = [a for a in raised if a.kind == AlertKind.MISSING]
    assert len(missing) == 1
    december = set(by_source[by_source["month"] == dt.date(2025, 12, 1)]["source"])
    assert missing[0].period == dt.date(2026, 1, 1)
    assert missing[0].value == len(december)
    assert len(missing[0].details["sources"]) == len(december)


# --------------------------------------------------------------------------- the admin page
PAGE = "/admin/calculators/performance/"


def test_progress_page_in_both_languages_for_top_management(
    approved_run, management_representative, top_manager, client
):
    objective = _objective(management_representative)
    indicator = _indicator(objective, name="排放总量", alert_path_pct=Decimal("1"))
    services.indicator_update(indicator=indicator)
    client.force_login(top_manager)
    zh = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert zh.status_code == 200
    body = zh.content.decode()
    assert "<svg" in body and f'id="indicator-{indicator.pk}"' in body
    assert f"#{approved_run.pk}" in body
    en = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert "Objectives progress" in en.content.decode()


def test_progress_page_refuses_data_submitters(data_submitter, client):
    client.force_login(data_submitter)
    assert_denied_in_admin(client.get(PAGE))


def test_progress_page_query_count_is_constant(
    approved_run, management_representative, auditor, client, django_assert_max_num_queries
):
    client.force_login(auditor)
    objective = _objective(management_representative)
    services.indicator_update(indicator=_indicator(objective))
    client.get(PAGE)  # warm caches (site, settings)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(PAGE).status_code == 200
    for n in range(4):
        other = _objective(management_representative, code=f"OBJ-{n}")
        for k in range(3):
            services.indicator_update(indicator=_indicator(other, name=f"i{k}"))
    with CaptureQueriesContext(connection) as many:
        assert client.get(PAGE).status_code == 200
    assert len(many) == len(one)


@pytest.mark.parametrize(
    ("field", "value"),
    [("alert_path_pct", "abc"), ("target_value", "-1"), ("at_risk_pct", "x")],
)
def test_bad_thresholds_and_targets_are_refused_in_the_form_and_nothing_is_saved(
    client, register_keeper, field, value
):
    from django.urls import reverse

    from tests.cems_registers import factories as f
    from tests.cems_registers.test_objectives import _edit_data

    objective = f.IndicatorFactory().objective
    objective.refresh_from_db()
    key = field if field == "at_risk_pct" else f"indicators-0-{field}"
    data = _edit_data(objective, title="changed in the same post", **{key: value})
    client.force_login(register_keeper)
    response = client.post(
        reverse("wagtailsnippets_cems_registers_objective:edit", args=(objective.pk,)), data
    )
    assert response.status_code == 200  # the form again, with the error beside the field
    form = response.context["form"]
    errors = form.errors if field == "at_risk_pct" else form.formsets["indicators"][0].errors
    assert field in errors
    objective.refresh_from_db()
    assert objective.title != "changed in the same post"


def test_approving_data_checks_the_alerts(
    approved_run,
    management_representative,
    data_submitter,
    data_reviewer,
    django_capture_on_commit_callbacks,
):
    from calculators.services.datasets import dataset_review, dataset_submit

    from .factories import gas_row, template_csv

    total = approved_run.total_tco2e
    indicator = _indicator(
        _objective(management_representative),
        baseline_value=Decimal(str(round(total * 0.5, 4))),
        baseline_reason="set low on purpose",
        target_value=Decimal(str(round(total * 0.4, 4))),
        alert_path_pct=Decimal("10"),
    )
    services.indicator_update(indicator=indicator)
    assert not DeviationAlert.objects.exists()
    dataset = dataset_submit(
        file_bytes=template_csv([gas_row(period="2026-01")]),
        filename="jan-2026.csv",
        user=data_submitter,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 1),
    ).dataset
    with django_capture_on_commit_callbacks(execute=True):
        dataset_review(dataset=dataset, user=data_reviewer, approve=True)
    assert DeviationAlert.objects.filter(indicator=indicator, kind=AlertKind.PATH).count() == 12
