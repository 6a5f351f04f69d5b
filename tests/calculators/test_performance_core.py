"""Pure rules of the performance series, progress, deviations and forecast (no database)."""

import numpy as np
import pandas as pd
import pytest

from calculators.core import performance as core
from calculators.core.forecast import (
    LINEAR_TREND,
    SEASONAL_TREND,
    ForecastError,
    seasonal_trend,
)


def _engine_like(n_months=3):
    """Wide engine rows and keys for two sources over ``n_months`` months, plus production."""
    periods, sources, methods, co2e, energy, quantity, material, category, scope = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    for m in range(1, n_months + 1):
        for source, method, mat, e, gj, cat, sc in (
            (1, "fuel_cn", "natural_gas", 10.0 * m, 200.0, "fuel_combustion", 1),
            (1, "fuel_cn", "natural_gas", 5.0, 100.0, "fuel_combustion", 1),  # same key: summed
            (2, "purchased_electricity", "", 20.0, 360.0, "purchased_electricity", 2),
            (3, "production_output", "castings", 0.0, 0.0, "production", 0),
            (3, "production_value", "castings", 0.0, 0.0, "production", 0),
        ):
            periods.append(f"2025-{m:02d}")
            sources.append(source)
            methods.append(method)
            co2e.append(e)
            energy.append(gj)
            quantity.append(100.0 if method == "production_output" else 7.0)
            material.append(mat)
            category.append(cat)
            scope.append(sc)
    wide = pd.DataFrame(
        {
            "co2e": co2e,
            "co2_biogenic": 0.0,
            "energy_gj": energy,
            "method": pd.Categorical(methods),
            "quantity": quantity,
            "scope": scope,
            "category": pd.Categorical(category),
        }
    )
    keys = pd.DataFrame(
        {
            "period": pd.Categorical(periods),
            "source_id": sources,
            "facility_id": [10 + s for s in sources],
            "material": pd.Categorical(material),
        }
    )
    # long rows: the CO2e of every emitting row split 90 % CO2, 10 % CH4
    pos = np.flatnonzero(wide["co2e"].to_numpy() != 0)
    gas_rows = pd.DataFrame(
        {
            "row_pos": np.concatenate([pos, pos]),
            "gas_group": ["CO2"] * len(pos) + ["CH4"] * len(pos),
            "tco2e": np.concatenate(
                [wide["co2e"].to_numpy()[pos] * 0.9, wide["co2e"].to_numpy()[pos] * 0.1]
            ),
        }
    )
    return wide, keys, gas_rows


def test_series_rows_sum_by_key_and_keep_energy_and_production():
    wide, keys, gas_rows = _engine_like()
    rows = core.series_rows(wide, keys, gas_rows)
    assert rows["tco2e"].sum() == pytest.approx(wide["co2e"].sum())
    assert (rows["tco2e_co2"] + rows["tco2e_ch4"]).sum() == pytest.approx(wide["co2e"].sum())
    gas = rows[(rows["source_id"] == 1) & (rows["period"] == "2025-02-01")]
    assert len(gas) == 1  # the two rows of the same key are one series row
    assert gas["tco2e"].iloc[0] == pytest.approx(25.0)
    assert gas["energy_gj"].iloc[0] == pytest.approx(300.0)
    assert gas["carrier"].iloc[0] == "natural_gas"
    power = rows[rows["source_id"] == 2]
    assert set(power["carrier"]) == {"purchased_electricity"}  # the method names the carrier
    production = rows[rows["source_id"] == 3]
    assert production["production_t"].sum() == pytest.approx(300.0)
    assert production["output_wan"].sum() == pytest.approx(21.0)
    assert production["tco2e"].sum() == 0


def test_series_rows_of_nothing_is_an_empty_frame():
    wide, keys, gas_rows = _engine_like()
    rows = core.series_rows(wide.iloc[:0], keys.iloc[:0], gas_rows.iloc[:0])
    assert rows.empty and set(core.KEY_COLUMNS) <= set(rows.columns)


def test_linear_path_runs_from_baseline_to_target_and_stays_flat_after():
    path = core.linear_path(2024, 100.0, 2030, 70.0, [2023, 2024, 2027, 2030, 2032])
    assert list(path) == pytest.approx([100.0, 100.0, 85.0, 70.0, 70.0])


@pytest.mark.parametrize(
    ("actual", "path", "decreasing", "gap"),
    [(110.0, 100.0, True, 10.0), (90.0, 100.0, True, -10.0), (27.0, 30.0, False, 10.0)],
)
def test_deviation_is_positive_when_worse(actual, path, decreasing, gap):
    assert float(core.deviation_pct(actual, path, decreasing=decreasing)) == pytest.approx(gap)


@pytest.mark.parametrize(
    ("gap", "status"),
    [
        (-5.0, "on_track"),
        (2.0, "on_track"),
        (2.5, "at_risk"),
        (10.0, "at_risk"),
        (10.1, "off_track"),
        (float("nan"), "no_data"),
    ],
)
def test_status_thresholds(gap, status):
    assert core.progress_status(gap, 2.0, 10.0) == status


def test_monthly_path_keeps_the_base_year_seasonality():
    base = pd.Series([200.0] + [100.0] * 11, index=range(1, 13))  # January twice the others
    path = core.monthly_path(base, path_value=1170.0)
    assert path.loc[1] == pytest.approx(180.0) and path.loc[7] == pytest.approx(90.0)
    assert path.sum() == pytest.approx(1170.0)
    partial = core.monthly_path(base.iloc[:6], path_value=1200.0)  # no full base year
    assert list(partial) == pytest.approx([100.0] * 12)


def test_path_breaches_only_beyond_the_threshold():
    actual = pd.Series({"2025-01": 112.0, "2025-02": 104.0, "2025-03": 95.0})
    path = pd.Series({"2025-01": 100.0, "2025-02": 100.0, "2025-03": 100.0})
    breaches = core.path_breaches(actual, path, 5.0)
    assert [(b.period, round(b.pct, 6)) for b in breaches] == [("2025-01", 12.0)]


def test_source_changes_month_on_month():
    frame = pd.DataFrame(
        {
            "source_id": [1, 1, 2, 2, 3],
            "period": ["2025-01", "2025-02", "2025-01", "2025-02", "2025-02"],
            "tco2e": [100.0, 150.0, 100.0, 110.0, 50.0],
        }
    )
    hits = core.source_changes(frame, "2025-02", 20.0)
    assert [(h.source_id, h.pct) for h in hits] == [(1, pytest.approx(50.0))]  # 3 is new: no change


def _seasonal(months=36, slope=-5.0, amplitude=100.0, noise=0.0, seed=1):
    idx = pd.period_range("2023-01", periods=months, freq="M")
    rng = np.random.default_rng(seed)
    values = [
        1000 + slope * i + amplitude * np.cos(2 * np.pi * (p.month - 1) / 12) + rng.normal(0, noise)
        for i, p in enumerate(idx)
    ]
    return pd.Series(values, index=idx.astype(str))


def test_seasonal_trend_recovers_trend_and_seasonality():
    fit = seasonal_trend(_seasonal(), 2030)
    assert fit.method == SEASONAL_TREND
    assert fit.r2 == pytest.approx(1.0)
    assert fit.mape == pytest.approx(0.0, abs=1e-9)
    assert fit.slope_per_year == pytest.approx(-60.0)
    # 2030: months 84–95; the seasonal offsets cancel over a year
    expected = sum(1000 - 5.0 * i for i in range(84, 96))
    assert fit.yearly[2030] == pytest.approx(expected)
    assert fit.monthly.index[0] == "2026-01"


def test_seasonal_trend_reports_a_worse_fit_on_noisy_data():
    fit = seasonal_trend(_seasonal(noise=40.0), 2027)
    assert 0.3 < fit.r2 < 0.99
    assert fit.mape > 1.0


def test_short_history_drops_the_seasonal_terms_and_too_short_refuses():
    fit = seasonal_trend(_seasonal(months=12, amplitude=0.0), 2026)
    assert fit.method == LINEAR_TREND
    assert fit.slope_per_year == pytest.approx(-60.0)
    with pytest.raises(ForecastError):
        seasonal_trend(_seasonal(months=5), 2026)


def test_the_current_year_adds_observed_and_forecast_months():
    history = _seasonal(months=30, amplitude=0.0)  # 2023-01 … 2025-06
    fit = seasonal_trend(history, 2025)
    observed = history[[i.startswith("2025") for i in history.index]].sum()
    assert fit.yearly[2025] == pytest.approx(observed + fit.monthly.sum())
