"""The demo enterprise's performance: base year, baselines that match the run, objectives on
and off track, one live deviation alert (issue 9 demo; 6.5, 9.1.3)."""

import io

import pytest

from calculators.demo import BASE_YEAR
from calculators.demo import load_demo as load_accounting
from calculators.models import (
    AccountingRun,
    AlertStatus,
    BaseYearChangeCheck,
    DeviationAlert,
    IndicatorProgress,
    PerformanceSettings,
    SeriesRun,
)
from cems_registers.demo import load_demo as load_registers
from cems_registers.models import Indicator

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_baselines_agree_with_the_base_year_run(
    register_keeper, management_representative, top_manager, auditor, data_submitter, data_reviewer
):
    users = {
        "keeper": register_keeper,
        "rep": management_representative,
        "ceo": top_manager,
        "auditor": auditor,
        "submitter": data_submitter,
        "datareviewer": data_reviewer,
    }
    load_registers(users=users, stdout=io.StringIO())
    load_accounting(users=users, stdout=io.StringIO())
    runs = {r.period_start.year: r for r in AccountingRun.objects.all()}
    settings = PerformanceSettings.load()
    assert settings.base_year == BASE_YEAR and settings.base_run_id == runs[BASE_YEAR].pk
    assert SeriesRun.objects.count() == 3

    intensity = Indicator.objects.get(objective__code="OBJ-2030", metric="intensity")
    run_value = runs[BASE_YEAR].intensity["per_t"]["intensity"]
    assert float(intensity.baseline_value) == pytest.approx(run_value, abs=5e-5)
    assert float(intensity.baseline_value) != pytest.approx(1.85, abs=0.1)  # the old contradiction
    assert float(intensity.target_value) == pytest.approx(run_value * 0.75, abs=5e-4)
    assert intensity.track.base_run_id == runs[BASE_YEAR].pk and not intensity.track.problem

    statuses = set(
        IndicatorProgress.objects.filter(year=2025, months=12).values_list("status", flat=True)
    )
    assert {"on_track", "off_track"} <= statuses
    live = DeviationAlert.objects.filter(status=AlertStatus.OPEN)
    assert live.count() == 1

    # the loop closed: renewable share computed from the series (green electricity from 2025),
    # an "other" indicator from observed values, the plans in the forecast, the change
    # register's records checked against the base year
    renewable = Indicator.objects.get(objective__code="OBJ-RE", metric="renewable_share")
    share = IndicatorProgress.objects.get(indicator=renewable, year=2025)
    assert 0 < share.actual < 100 and share.run_id == runs[2025].pk
    assert IndicatorProgress.objects.get(indicator=renewable, year=BASE_YEAR).actual == 0.0
    other = Indicator.objects.get(objective__code="OBJ-TRN", metric="other")
    observed = IndicatorProgress.objects.get(indicator=other, year=2025)
    assert observed.observation is not None and observed.actual == pytest.approx(71.1)
    total = Indicator.objects.get(objective__code="OBJ-2030", metric="total_emissions")
    forecast = total.track.forecast
    assert forecast["plans"] and all(
        forecast["with_plans"][y] < forecast["yearly"][y] for y in ("2027", "2030")
    )
    checks = BaseYearChangeCheck.objects.filter(base_run=runs[BASE_YEAR])
    assert checks.count() == 2 and all(c.change_pct is not None for c in checks)

    again = load_accounting(users=users, stdout=io.StringIO())  # idempotent
    assert "0 new alerts" in again
    assert DeviationAlert.objects.count() == 1
