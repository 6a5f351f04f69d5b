"""Closing the loop (issue 9): a change of the change register checks the base year (4.3,
6.5, 8.4); renewable-share and *other* indicators get progress (6.3.1, 6.5, 9.1.2); the
forecast adds the implementation plans' expected abatement (6.6).

The 2025 demo year is accounted and approved once per test; it is the base year.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from calculators.models import (
    BaseYearChangeCheck,
    IndicatorObservation,
    IndicatorProgress,
    IndicatorTrack,
    PerformanceSettings,
)
from calculators.performance import selectors, services
from calculators.services.runs import run_approve
from cems_registers.models import (
    Change,
    EmissionSource,
    Facility,
    ImplementationPlan,
    Indicator,
    Objective,
    ObjectiveStatus,
)

from .factories import run_2025

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_run(done_run, data_reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = run_approve(run=done_run, user=data_reviewer)
    return run


@pytest.fixture
def base_year(approved_run):
    """2025 is the base year, its run the base run; threshold 5 %."""
    settings = PerformanceSettings.load()
    settings.base_year, settings.significance_pct = 2025, Decimal("5")
    settings.save()
    services.base_year_check(run=approved_run)
    settings.refresh_from_db()
    assert settings.base_run_id == approved_run.pk
    return settings


def _source_shares() -> dict[int, float]:
    """Each source's share of the 2025 total (%), from the current series."""
    frame = selectors.series_values(metrics=("tco2e",), by=("source",))
    total = frame["tco2e"].sum()
    return {
        int(s): float(v) / total * 100.0
        for s, v in zip(frame["source"], frame["tco2e"], strict=True)
    }


def _approve_change(capture, **fields) -> Change:
    values = {"title": "change", "kind": "sources", "description": "d", "status": "approved"}
    values.update(fields)
    with capture(execute=True):  # the sync queue runs the check on commit
        return Change.objects.create(**values)


# --------------------------------------------------------------------------- 1. change register
def test_a_change_removing_a_large_source_flags_the_base_year_naming_it(
    base_year, django_capture_on_commit_callbacks
):
    shares = _source_shares()
    source_id, share = max(shares.items(), key=lambda item: item[1])
    assert share > 5.0
    EmissionSource.objects.filter(pk=source_id).update(in_boundary=False)
    change = _approve_change(
        django_capture_on_commit_callbacks, title="锅炉停用 boiler retired", kind="sources"
    )
    settings = PerformanceSettings.load()
    assert settings.recalculation_due
    with translation.override("en"):
        text = services.message_text(settings.recalculation_reason)
    assert "锅炉停用 boiler retired" in text
    assert "Emission sources and sinks" in text and "Approved" in text
    check = BaseYearChangeCheck.objects.get(change=change)
    assert check.flagged and check.change_status == "approved"
    assert check.probe_total_tco2e == pytest.approx(
        base_year.base_total_tco2e * (1 - share / 100.0), rel=1e-6
    )
    assert check.change_pct == pytest.approx(-share, rel=1e-6)
    with translation.override("zh-hans"):
        assert "锅炉停用 boiler retired" in services.message_text(settings.recalculation_reason)


def test_a_change_adding_a_facility_with_base_year_data_flags_it(
    approved_year, data_submitter, data_reviewer, django_capture_on_commit_callbacks
):
    # the base run was computed without facility F01 (outside the boundary then)
    shares_by_facility = {}
    Facility.objects.filter(code="F01").update(in_boundary=False)
    run = run_2025(data_submitter, biomass="memo")
    with django_capture_on_commit_callbacks(execute=True):
        run = run_approve(run=run, user=data_reviewer)
    settings = PerformanceSettings.load()
    settings.base_year = 2025
    settings.save()
    services.base_year_check(run=run)
    settings.refresh_from_db()
    old = settings.base_total_tco2e
    assert settings.base_run_id == run.pk and old == pytest.approx(run.total_tco2e)
    Facility.objects.filter(code="F01").update(in_boundary=True)
    change = _approve_change(
        django_capture_on_commit_callbacks, title="F01 joins", kind="facilities"
    )
    check = BaseYearChangeCheck.objects.get(change=change)
    shares_by_facility["F01"] = (check.probe_total_tco2e - old) / old * 100
    assert shares_by_facility["F01"] > 5.0
    settings.refresh_from_db()
    assert settings.recalculation_due and check.flagged
    assert "F01 joins" in services.message_text(settings.recalculation_reason)


def test_a_small_change_is_recorded_as_checked_and_does_not_flag(
    base_year, django_capture_on_commit_callbacks, client, top_manager
):
    shares = _source_shares()
    source_id, share = min(((s, v) for s, v in shares.items() if v > 0), key=lambda item: item[1])
    assert share < 5.0
    EmissionSource.objects.filter(pk=source_id).update(in_boundary=False)
    change = _approve_change(
        django_capture_on_commit_callbacks, title="small meter moved", status="implemented"
    )
    check = BaseYearChangeCheck.objects.get(change=change)
    assert not check.flagged
    assert check.change_pct == pytest.approx(-share, rel=1e-6)
    assert not PerformanceSettings.load().recalculation_due
    client.force_login(top_manager)
    body = client.get("/admin/calculators/performance/", HTTP_ACCEPT_LANGUAGE="en").content
    assert b"small meter moved" in body
    assert b"within the significance threshold" in body


def test_a_proposed_change_or_another_kind_is_not_checked(
    base_year, django_capture_on_commit_callbacks
):
    shares = _source_shares()
    source_id = max(shares, key=shares.get)
    EmissionSource.objects.filter(pk=source_id).update(in_boundary=False)
    _approve_change(django_capture_on_commit_callbacks, status="proposed")
    _approve_change(django_capture_on_commit_callbacks, kind="purchasing")
    assert not BaseYearChangeCheck.objects.exists()
    assert not PerformanceSettings.load().recalculation_due


def test_a_change_is_checked_once_per_status(base_year, django_capture_on_commit_callbacks):
    change = _approve_change(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        change.description = "edited"
        change.save()
    assert BaseYearChangeCheck.objects.filter(change=change).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        change.status = "implemented"
        change.save()
    assert set(
        BaseYearChangeCheck.objects.filter(change=change).values_list("change_status", flat=True)
    ) == {"approved", "implemented"}


def test_a_change_without_a_base_year_is_recorded_unchecked(
    approved_run, django_capture_on_commit_callbacks
):
    change = _approve_change(django_capture_on_commit_callbacks)
    check = BaseYearChangeCheck.objects.get(change=change)
    assert not check.flagged and check.probe_total_tco2e is None
    with translation.override("en"):
        assert "no base year is set" in services.message_text(check.outcome)


# --------------------------------------------------------------------------- 2. renewable, other
def _objective(owner, code="OBJ-L", **fields):
    from django.utils import timezone

    return Objective.objects.create(
        code=code,
        title="loop objective",
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


def test_renewable_share_comes_from_the_series(approved_run, management_representative):
    # the demo's purchased electricity is grid power; call one source's carrier green
    frame = selectors.series_values(
        metrics=("energy_gj",), by=("source", "category", "carrier"), year_from=2025
    )
    electric = frame[frame["category"] == "purchased_electricity"]
    consumed = electric["energy_gj"].sum()
    green = electric.sort_values("energy_gj").iloc[0]
    from calculators.models import SeriesPoint

    SeriesPoint.objects.filter(source_id=int(green["source"])).update(carrier="green_electricity")
    expected = green["energy_gj"] / consumed * 100.0
    assert 0 < expected < 100
    objective = _objective(management_representative)
    indicator = _indicator(
        objective,
        name="renewable share",
        metric="renewable_share",
        unit="%",
        target_value=Decimal("60"),
        target_year=2028,
    )
    track = services.indicator_update(indicator=indicator)
    assert track.problem == {}
    assert track.baseline_from_run == pytest.approx(expected, rel=1e-9)
    progress = IndicatorProgress.objects.get(indicator=indicator, year=2025)
    assert progress.actual == pytest.approx(expected, rel=1e-9)
    assert progress.path == pytest.approx(expected, rel=1e-9)
    assert progress.status == "on_track" and progress.run_id == approved_run.pk
    indicator.refresh_from_db()
    assert float(indicator.baseline_value) == pytest.approx(expected, abs=1e-4)


def test_renewable_share_without_renewable_electricity_is_zero(
    approved_run, management_representative
):
    indicator = _indicator(
        _objective(management_representative),
        metric="renewable_share",
        unit="%",
        target_value=Decimal("30"),
    )
    services.indicator_update(indicator=indicator)
    assert IndicatorProgress.objects.get(indicator=indicator, year=2025).actual == 0.0


def test_other_indicator_progress_from_observed_values(
    approved_run, management_representative, register_keeper, django_capture_on_commit_callbacks
):
    objective = _objective(management_representative)
    indicator = _indicator(
        objective,
        name="staff trained",
        metric="other",
        unit="%",
        baseline_year=2024,
        baseline_value=Decimal("40"),
        target_value=Decimal("100"),
        target_year=2028,
    )
    track = services.indicator_update(indicator=indicator)
    assert track.problem["message"] == services.NO_OBSERVATION
    assert not IndicatorProgress.objects.filter(indicator=indicator).exists()
    with django_capture_on_commit_callbacks(execute=True):  # the task recomputes progress
        observation = services.indicator_observation_save(
            observation=IndicatorObservation(
                indicator=indicator, year=2025, value=Decimal("50"), evidence="training records"
            ),
            user=register_keeper,
        )
    assert observation.entered_by == register_keeper
    assert observation.history.count() == 1
    progress = IndicatorProgress.objects.get(indicator=indicator, year=2025)
    # path 2025: 40 + (100 − 40) × 1/4 = 55; 50 is 9.09 % worse (a value to raise)
    assert progress.path == pytest.approx(55.0)
    assert progress.actual == pytest.approx(50.0)
    assert progress.deviation_pct == pytest.approx((55.0 - 50.0) / 55.0 * 100.0)
    assert progress.status == "at_risk"
    assert progress.observation_id == observation.pk and progress.run_id is None
    assert IndicatorTrack.objects.get(indicator=indicator).problem == {}


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("year", 2031, "outside"),
        ("year", 2020, "outside"),
        ("value", "abc", "number"),
        ("evidence", "", ""),
    ],
)
def test_bad_observed_values_are_refused_naming_the_field(
    management_representative, register_keeper, field, value, words
):
    indicator = _indicator(
        _objective(management_representative),
        metric="other",
        unit="%",
        baseline_year=2024,
        baseline_value=Decimal("40"),
        target_value=Decimal("100"),
    )
    values = {"indicator": indicator, "year": 2025, "value": Decimal("1"), "evidence": "e"}
    values[field] = value
    with pytest.raises(ValidationError) as exc, translation.override("en"):
        services.indicator_observation_save(
            observation=IndicatorObservation(**values), user=register_keeper
        )
    assert field in exc.value.message_dict
    assert words in " ".join(exc.value.message_dict[field])
    assert not IndicatorObservation.objects.exists()


def test_observed_values_only_for_other_indicators_and_by_those_allowed(
    management_representative, register_keeper, auditor
):
    from django.core.exceptions import PermissionDenied

    computed = _indicator(_objective(management_representative))
    with pytest.raises(ValidationError) as exc:
        services.indicator_observation_save(
            observation=IndicatorObservation(
                indicator=computed, year=2026, value=Decimal("1"), evidence="e"
            ),
            user=register_keeper,
        )
    assert "indicator" in exc.value.message_dict
    other = _indicator(_objective(management_representative, code="OBJ-O"), metric="other")
    with pytest.raises(PermissionDenied):
        services.indicator_observation_save(
            observation=IndicatorObservation(
                indicator=other, year=2026, value=Decimal("1"), evidence="e"
            ),
            user=auditor,
        )
    assert not IndicatorObservation.objects.exists()


def test_observed_values_in_the_admin_form(
    management_representative, register_keeper, auditor, client
):
    indicator = _indicator(
        _objective(management_representative),
        metric="other",
        unit="%",
        baseline_year=2024,
        baseline_value=Decimal("40"),
        target_value=Decimal("100"),
    )
    url = "/admin/calculators_observation/new/"
    client.force_login(auditor)
    assert client.get(url).status_code in (302, 403)
    client.force_login(register_keeper)
    data = {"indicator": indicator.pk, "year": "2025", "value": "abc", "evidence": "records"}
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "value" in response.context["form"].errors
    data["value"], data["year"] = "12.5", "2035"
    response = client.post(url, data)
    assert "year" in response.context["form"].errors
    assert not IndicatorObservation.objects.exists()
    data["year"] = "2025"
    response = client.post(url, data)
    assert response.status_code == 302
    saved = IndicatorObservation.objects.get()
    assert saved.value == Decimal("12.5") and saved.entered_by == register_keeper


# --------------------------------------------------------------------------- 3. plans
def test_forecast_adds_the_objectives_plans(approved_run, management_representative):
    objective = _objective(management_representative)
    indicator = _indicator(objective, target_value=Decimal("1000"))
    plan = ImplementationPlan.objects.create(
        code="IP-L1",
        title="plan",
        measures="m",
        responsible_department="d",
        expected_reduction=Decimal("1200"),
        start_date=dt.date(2026, 4, 1),
    )
    plan.objectives.add(objective)
    plan.save()  # a ParentalManyToManyField is written when the cluster saves
    undated = ImplementationPlan.objects.create(
        code="IP-L2", title="p", measures="m", responsible_department="d"
    )
    undated.objectives.add(objective)
    undated.save()
    track = services.indicator_update(indicator=indicator)
    forecast = track.forecast
    assert forecast["plans"] == [{"code": "IP-L1", "start": "2026-04", "annual_tco2e": 1200.0}]
    assert forecast["plans_left_out"] == ["IP-L2"]
    # 2026: 9 months of 100 t; 2027 on: 1,200 t a year less than the trend alone
    assert forecast["yearly"]["2026"] - forecast["with_plans"]["2026"] == pytest.approx(900.0)
    assert forecast["yearly"]["2030"] - forecast["with_plans"]["2030"] == pytest.approx(1200.0)
    scope1 = services.indicator_update(indicator=_indicator(objective, metric="scope1"))
    assert "with_plans" not in scope1.forecast  # plans are not attributed to a scope


def test_deleting_an_observed_value_recomputes_the_progress(
    management_representative, register_keeper, django_capture_on_commit_callbacks
):
    indicator = _indicator(
        _objective(management_representative),
        metric="other",
        unit="%",
        baseline_year=2024,
        baseline_value=Decimal("40"),
        target_value=Decimal("100"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        observation = services.indicator_observation_save(
            observation=IndicatorObservation(
                indicator=indicator, year=2025, value=Decimal("70"), evidence="records"
            ),
            user=register_keeper,
        )
    assert IndicatorProgress.objects.filter(indicator=indicator, year=2025).exists()
    with django_capture_on_commit_callbacks(execute=True):
        observation.delete()
    assert not IndicatorProgress.objects.filter(indicator=indicator).exists()
