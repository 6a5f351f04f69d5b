"""Forecast of a monthly series to a target year: a seasonal linear trend (6.4.1 b, 6.5, 9.1.2).

Pure numpy/pandas; imports nothing from Django and issues no query.

Method: ordinary least squares of ``y(t) = a + b·t + s(month)``, with ``t`` the month index
and ``s`` one offset per calendar month (summing to zero), fitted on the whole monthly
history. With fewer than 24 months the seasonal offsets cannot be told apart from the trend,
so the model drops them (a plain linear trend) and says so in ``method``. The fit is reported
in-sample: R² and MAPE (mean absolute percentage error, months whose value is 0 left out).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: Method keys (the page translates them).
SEASONAL_TREND = "seasonal_linear_trend"
LINEAR_TREND = "linear_trend"
#: Fewest months for the seasonal model, and for any forecast.
MIN_SEASONAL_MONTHS = 24
MIN_MONTHS = 6


@dataclass
class Forecast:
    """A forecast and its in-sample fit.

    ``monthly``: forecast values by ``YYYY-MM`` after the last observed month; ``yearly``:
    per calendar year, the observed months plus the forecast ones (so the current year's
    total is observed-to-date + forecast); ``fitted``: the model's values on the history.
    """

    method: str
    months: int
    r2: float
    mape: float
    slope_per_year: float
    monthly: pd.Series = field(repr=False)
    yearly: pd.Series = field(repr=False)
    fitted: pd.Series = field(repr=False)


class ForecastError(ValueError):
    """Too little history to forecast."""


def _design(t: np.ndarray, month: np.ndarray, seasonal: bool) -> np.ndarray:
    columns = [np.ones_like(t, dtype=float), t.astype(float)]
    if seasonal:
        # effect coding: months 1–11 against December, so the offsets sum to zero
        for m in range(1, 12):
            columns.append((month == m).astype(float) - (month == 12).astype(float))
    return np.column_stack(columns)


def seasonal_trend(history: pd.Series, until_year: int) -> Forecast:
    """Fit ``history`` (values by month: a ``PeriodIndex`` or ``YYYY-MM`` labels; months in
    between that are missing are left out of the fit) and forecast each month up to December
    of ``until_year``.

    Raises :class:`ForecastError` with fewer than :data:`MIN_MONTHS` months.
    """
    series = history.dropna()
    if len(series) < MIN_MONTHS:
        raise ForecastError(f"{len(series)} months of history; at least {MIN_MONTHS} needed")
    index = pd.PeriodIndex([pd.Period(str(p)[:7], freq="M") for p in series.index])
    series = pd.Series(series.to_numpy(dtype=float), index=index).groupby(level=0).sum()
    series = series.sort_index()
    index = series.index
    y = series.to_numpy()
    origin = index[0]
    t = np.asarray([(p - origin).n for p in index])
    month = np.asarray([p.month for p in index])
    seasonal = len(series) >= MIN_SEASONAL_MONTHS
    X = _design(t, month, seasonal)
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    fitted = X @ coef
    ss_res = float(np.sum((y - fitted) ** 2))
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else 1.0
    nonzero = y != 0
    mape = (
        float(np.mean(np.abs((y[nonzero] - fitted[nonzero]) / y[nonzero])) * 100.0)
        if nonzero.any()
        else float("nan")
    )
    last = index[-1]
    end = pd.Period(f"{until_year}-12", freq="M")
    future = (
        pd.period_range(last + 1, end, freq="M") if end > last else pd.PeriodIndex([], freq="M")
    )
    ft = np.asarray([(p - origin).n for p in future])
    fm = np.asarray([p.month for p in future])
    predicted = _design(ft, fm, seasonal) @ coef if len(future) else np.zeros(0)
    monthly = pd.Series(predicted, index=future.astype(str))
    both = pd.concat([series, pd.Series(predicted, index=future)])
    yearly = both.groupby([p.year for p in both.index]).sum()
    return Forecast(
        method=SEASONAL_TREND if seasonal else LINEAR_TREND,
        months=len(series),
        r2=r2,
        mape=mape,
        slope_per_year=float(coef[1] * 12),
        monthly=monthly,
        yearly=yearly,
        fitted=pd.Series(fitted, index=index.astype(str)),
    )


# --------------------------------------------------------------------------- plans (6.6)
@dataclass(frozen=True)
class PlanAbatement:
    """One implementation plan's expected abatement (6.6): ``annual_tco2e`` (t CO2e a year,
    positive = less emitted) from the month ``start`` (``YYYY-MM``) onwards."""

    code: str
    start: str
    annual_tco2e: float


def plans_monthly(plans: list[PlanAbatement], months: pd.Index) -> pd.Series:
    """Abatement of ``plans`` in each of ``months`` (``YYYY-MM`` labels), t CO2e: a twelfth
    of each plan's annual abatement in every month from its start month on (full effect at
    once; no ramp-up). No query."""
    index = pd.PeriodIndex([pd.Period(str(m)[:7], freq="M") for m in months])
    out = np.zeros(len(index))
    for plan in plans:
        start = pd.Period(str(plan.start)[:7], freq="M")
        out += np.where(index >= start, float(plan.annual_tco2e) / 12.0, 0.0)
    return pd.Series(out, index=[str(p) for p in index])


def with_plans(forecast: Forecast, plans: list[PlanAbatement]) -> pd.Series:
    """The trend forecast less the plans' expected abatement, per calendar year (6.4.1 b, 6.6).

    Only the forecast months are reduced: what the plans achieved before the last observed
    month is already in the history the trend was fitted on. Each year is its observed months
    plus its forecast months, as :attr:`Forecast.yearly`. No query.
    """
    if forecast.monthly.empty:
        return forecast.yearly.copy()
    abatement = plans_monthly(plans, forecast.monthly.index)
    by_year = abatement.groupby([int(m[:4]) for m in abatement.index]).sum()
    return forecast.yearly.sub(by_year, fill_value=0.0).reindex(forecast.yearly.index)
