"""Pure parts of closing the loop, with hand-checked numbers: the renewable share of
electricity (6.3.1, 6.5) and the forecast with the implementation plans (6.4.1 b, 6.6)."""

import numpy as np
import pandas as pd
import pytest

from calculators.core.forecast import PlanAbatement, plans_monthly, seasonal_trend, with_plans
from calculators.core.performance import is_renewable_carrier, renewable_electricity


def test_renewable_carriers_are_told_by_their_key():
    assert is_renewable_carrier("green_electricity")
    assert is_renewable_carrier("PV_self_consumption")
    assert is_renewable_carrier("绿电交易")
    assert not is_renewable_carrier("electricity_cn_east")
    assert not is_renewable_carrier("")


def test_renewable_share_of_electricity_consumed_leaves_exports_out():
    frame = pd.DataFrame(
        {
            "month": ["2025-01", "2025-01", "2025-01", "2025-02", "2025-03"],
            "category": [
                "purchased_electricity",
                "purchased_electricity",
                "exported_electricity",
                "purchased_electricity",
                "fuel_combustion",
            ],
            "carrier": [
                "electricity_cn_east",
                "green_electricity",
                "electricity_cn_east",
                "electricity_cn_east",
                "natural_gas",
            ],
            "energy_gj": [90.0, 10.0, -5.0, 100.0, 500.0],
        }
    )
    out = renewable_electricity(frame).set_index("month")
    # January: 10 GJ green of 90 + 10 GJ consumed; the 5 GJ exported are not consumption
    assert out.loc["2025-01", "electricity_gj"] == pytest.approx(100.0)
    assert out.loc["2025-01", "renewable_gj"] == pytest.approx(10.0)
    assert out.loc["2025-01", "share_pct"] == pytest.approx(10.0)
    assert out.loc["2025-02", "share_pct"] == pytest.approx(0.0)
    assert np.isnan(out.loc["2025-03", "share_pct"])  # no electricity consumed
    assert renewable_electricity(frame.iloc[0:0]).empty


def test_plans_abate_a_twelfth_a_month_from_their_start():
    months = pd.Index(["2026-05", "2026-06", "2026-07", "2027-01"])
    monthly = plans_monthly(
        [PlanAbatement("A", "2026-06", 120.0), PlanAbatement("B", "2026-07", 24.0)], months
    )
    assert list(monthly) == pytest.approx([0.0, 10.0, 12.0, 12.0])


def test_forecast_with_plans_takes_their_abatement_off_the_forecast_months_only():
    # flat history: 100 t a month in 2024 and 2025, so the trend forecasts 1,200 t a year
    history = pd.Series(100.0, index=[f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)])
    fit = seasonal_trend(history, 2027)
    assert fit.yearly.loc[2026] == pytest.approx(1200.0)
    plans = [
        PlanAbatement("A", "2026-07", 120.0),  # 6 months of 10 t in 2026, 120 t in 2027
        PlanAbatement("B", "2025-03", 240.0),  # started before the history ends: 2026 on
    ]
    planned = with_plans(fit, plans)
    assert planned.loc[2024] == pytest.approx(1200.0)  # observed years untouched
    assert planned.loc[2025] == pytest.approx(1200.0)
    assert planned.loc[2026] == pytest.approx(1200.0 - 60.0 - 240.0)
    assert planned.loc[2027] == pytest.approx(1200.0 - 120.0 - 240.0)
    assert with_plans(fit, []).equals(fit.yearly)


def test_forecast_with_plans_on_a_trend():
    # 10 t a month more each month from 100 in 2025-01 (linear: fewer than 24 months)
    history = pd.Series(
        [100.0 + 10.0 * k for k in range(12)], index=[f"2025-{m:02d}" for m in range(1, 13)]
    )
    fit = seasonal_trend(history, 2026)
    # 2026: months 12 … 23 → 100 + 10·k summed = 12·100 + 10·(12+…+23) = 1200 + 2100
    assert fit.yearly.loc[2026] == pytest.approx(3300.0)
    planned = with_plans(fit, [PlanAbatement("P", "2026-01", 600.0)])
    assert planned.loc[2026] == pytest.approx(3300.0 - 600.0)


def test_a_share_on_a_path_of_zero():
    from calculators.core.performance import deviation_pct

    assert float(deviation_pct(0.0, 0.0, decreasing=False)) == 0.0
    assert np.isnan(float(deviation_pct(3.0, 0.0, decreasing=False)))
