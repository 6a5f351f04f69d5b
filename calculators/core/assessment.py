"""Assessment of reduction potential (T/CSES 146—2024 6.4): cost, ranking, MACC, forecast.

Pure: plain numbers and pandas frames in, frames and dicts out; no Django, no query.

Units. Money is in one currency unit throughout (the Django layer passes CNY, converting the
register's 万元 = 10⁴ CNY); abatement in tCO2e per year; emissions in tCO2e; production in the
enterprise's output unit (t of product); rates as fractions (0.08 = 8 % a year); lifetimes
in whole years.

Formulas (6.4.1 c, cost and benefit):

* capital recovery factor ``CRF(r, n) = r(1+r)^n / ((1+r)^n − 1)``, and ``1/n`` when r = 0;
* annualised cost ``C = capex × CRF + Δopex − savings`` (currency/a; negative: it pays);
* cost per tonne ``c = C / A`` (currency/tCO2e), A = annual abatement (tCO2e/a);
* net yearly benefit ``B = savings − Δopex``; cash flows ``−capex`` in year 0 and ``B`` in
  years 1 … n; ``NPV(r) = −capex + Σ B/(1+r)^t``, so ``C = −NPV × CRF`` exactly;
* simple payback ``capex / B`` years (none when B ≤ 0 with capex, or B < 0);
* IRR: the r with NPV(r) = 0, found by bisection on [−0.99, 10] (none without a sign change).

Ranking (6.4.1 a, c): by cost per tonne ascending, then larger abatement first, then code.
The marginal abatement cost curve draws one bar per opportunity in that order, as wide as
its abatement and as high as its cost per tonne. Key sources (6.4.1 a): the largest sources
that together cover 80 % of the emissions. Trend forecast (6.4.1 b): business as usual from
the yearly history and the production plan, and with the selected opportunities.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction; the Django layer translates it at display time."""
    return message


#: Categories of reduction opportunity (6.4.1 a), keys as in the opportunity register.
CATEGORIES = ("energy_structure", "efficiency", "infrastructure", "process", "other")
#: Share of the emissions the key sources cover (the Pareto rule of 6.4.1 a).
KEY_SOURCE_SHARE = 0.8
#: Bracket of the IRR search (fractions a year) and its tolerance.
IRR_LOW, IRR_HIGH, IRR_TOL = -0.99, 10.0, 1e-10

#: Columns of the opportunities frame :func:`evaluate` reads.
OPPORTUNITY_COLUMNS = (
    "code",
    "title",
    "category",
    "capex",
    "opex_change",
    "savings",
    "abatement",
    "lifetime",
    "start_year",
    "selected",
)

# --- messages (named placeholders; ``field`` is the field's key, ``code`` the opportunity) ----
RATE_NOT_A_NUMBER = gettext_noop("%(field)s %(value)s is not a number.")
RATE_OUT_OF_RANGE = gettext_noop(
    "%(field)s %(value)s must lie between %(low)s and %(high)s (a fraction: 0.08 is 8 %%)."
)
NO_ABATEMENT = gettext_noop(
    "Opportunity %(code)s: %(field)s is missing or not above zero (%(value)s); "
    "a cost per tonne needs an abatement."
)
BAD_LIFETIME = gettext_noop(
    "Opportunity %(code)s: %(field)s %(value)s must be a whole number of years of at least 1."
)
NOT_A_NUMBER = gettext_noop("Opportunity %(code)s: %(field)s %(value)s is not a number.")
NEGATIVE_VALUE = gettext_noop("Opportunity %(code)s: %(field)s %(value)s must not be negative.")
BAD_TARGET_YEAR = gettext_noop(
    "%(field)s %(value)s must come after the last year with emissions (%(last)s)."
)
NO_HISTORY = gettext_noop("No approved emissions: the forecast needs at least one year.")
BAD_PLAN = gettext_noop("%(field)s: %(value)s must be a number of at least 0 for year %(year)s.")

#: Highest discount rate accepted (100 % a year).
MAX_RATE = 1.0


class AssessmentInputError(ValueError):
    """Bad input to the assessment; ``message`` is a template, ``params`` fill it.

    ``params["field"]`` names the field (its key); ``params["code"]`` the opportunity, if any.
    """

    def __init__(self, message: str, params: Mapping[str, object]):
        self.message = message
        self.params = dict(params)
        super().__init__(message % self.params)

    @property
    def field(self) -> str | None:
        return self.params.get("field")  # type: ignore[return-value]


# --- validation ------------------------------------------------------------------------------


def check_rate(value: object, *, field: str = "discount_rate") -> float:
    """``value`` as a discount rate (fraction a year), or :class:`AssessmentInputError`.

    Accepts numbers and numeric strings (``"0.08"``, ``"8%"`` is read as 0.08); refuses text,
    NaN, infinities and rates outside [0, :data:`MAX_RATE`].
    """
    text = str(value).strip() if value is not None else ""
    try:
        rate = float(text[:-1]) / 100.0 if text.endswith("%") else float(text)
    except ValueError:
        raise AssessmentInputError(RATE_NOT_A_NUMBER, {"field": field, "value": text}) from None
    if not math.isfinite(rate):
        raise AssessmentInputError(RATE_NOT_A_NUMBER, {"field": field, "value": text})
    if not 0.0 <= rate <= MAX_RATE:
        raise AssessmentInputError(
            RATE_OUT_OF_RANGE, {"field": field, "value": text, "low": 0, "high": MAX_RATE}
        )
    return rate


def _number(code: str, field: str, value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise AssessmentInputError(
            NOT_A_NUMBER, {"code": code, "field": field, "value": value}
        ) from None
    if not math.isfinite(number):
        raise AssessmentInputError(NOT_A_NUMBER, {"code": code, "field": field, "value": value})
    return number


def check_opportunities(frame: pd.DataFrame) -> pd.DataFrame:
    """The opportunities frame checked and typed, or the first error naming code and field.

    Every opportunity needs an abatement above zero (tCO2e/a) and a lifetime of at least one
    whole year; capex must not be negative; opex change and savings may be any number.
    Missing ``start_year`` stays ``NaN``; missing ``selected`` is False.
    """
    out = frame.reindex(columns=list(OPPORTUNITY_COLUMNS)).copy()
    rows = []
    for record in out.to_dict("records"):
        code = str(record["code"])
        abatement = record["abatement"]
        if abatement is None or (isinstance(abatement, float) and math.isnan(abatement)):
            raise AssessmentInputError(
                NO_ABATEMENT, {"code": code, "field": "abatement", "value": "—"}
            )
        abatement = _number(code, "abatement", abatement)
        if abatement <= 0:
            raise AssessmentInputError(
                NO_ABATEMENT, {"code": code, "field": "abatement", "value": abatement}
            )
        lifetime = record["lifetime"]
        life = _number(code, "lifetime", lifetime) if lifetime is not None else float("nan")
        if not (math.isfinite(life) and life >= 1 and life == int(life)):
            raise AssessmentInputError(
                BAD_LIFETIME, {"code": code, "field": "lifetime", "value": lifetime}
            )
        values = {}
        for field in ("capex", "opex_change", "savings"):
            raw = record[field]
            is_blank = raw is None or (isinstance(raw, float) and math.isnan(raw))
            values[field] = 0.0 if is_blank else _number(code, field, raw)
        if values["capex"] < 0:
            raise AssessmentInputError(
                NEGATIVE_VALUE, {"code": code, "field": "capex", "value": values["capex"]}
            )
        start = record["start_year"]
        start_blank = start is None or (isinstance(start, float) and math.isnan(start))
        rows.append(
            {
                "code": code,
                "title": "" if record["title"] is None else str(record["title"]),
                "category": record["category"] or "other",
                **values,
                "abatement": abatement,
                "lifetime": int(life),
                "start_year": float("nan") if start_blank else float(int(start)),
                "selected": bool(record["selected"]) if record["selected"] is not None else False,
            }
        )
    return pd.DataFrame(rows, columns=list(OPPORTUNITY_COLUMNS))


# --- cost and benefit --------------------------------------------------------------------------


def crf(rate: float | np.ndarray, years: int | np.ndarray) -> float | np.ndarray:
    """Capital recovery factor ``r(1+r)^n / ((1+r)^n − 1)`` (1/a); ``1/n`` at r = 0.

    Vectorised over numpy arrays; ``years`` ≥ 1.
    """
    r = np.asarray(rate, dtype=float)
    n = np.asarray(years, dtype=float)
    growth = np.power(1.0 + r, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(r == 0.0, 1.0 / n, r * growth / (growth - 1.0))
    return float(factor) if factor.ndim == 0 else factor


def annualised_cost(capex, opex_change, savings, rate, years):
    """``capex × CRF(r, n) + Δopex − savings`` (currency/a); negative when the measure pays."""
    return np.asarray(capex, float) * crf(rate, years) + np.asarray(opex_change, float) - savings


def npv(rate: float, capex: float, net_benefit: float, years: int) -> float:
    """``−capex + Σ_{t=1..n} B/(1+r)^t`` (currency): present value of the measure's flows."""
    t = np.arange(1, int(years) + 1, dtype=float)
    return float(-capex + np.sum(net_benefit / np.power(1.0 + rate, t)))


def simple_payback(capex: float, net_benefit: float) -> float | None:
    """``capex / B`` years; ``0`` without capex if it costs nothing to run; ``None`` when the
    measure never pays back (B ≤ 0: it costs more each year than it saves)."""
    if net_benefit < 0 or (net_benefit == 0 and capex > 0):
        return None
    if capex <= 0:
        return 0.0
    return capex / net_benefit


def irr(capex: float, net_benefit: float, years: int) -> float | None:
    """Internal rate of return (fraction a year) by bisection of the NPV on [−0.99, 10].

    NPV falls as the rate rises for these flows (one outlay, then equal returns), so one
    root exists when NPV(−0.99) and NPV(10) differ in sign; otherwise ``None`` (e.g. no capex,
    or returns that never repay it).
    """
    if capex <= 0:
        return None
    low, high = IRR_LOW, IRR_HIGH
    f_low = npv(low, capex, net_benefit, years)
    f_high = npv(high, capex, net_benefit, years)
    if f_low == 0:
        return low
    if np.sign(f_low) == np.sign(f_high):
        return None
    for _ in range(200):
        middle = (low + high) / 2.0
        f_middle = npv(middle, capex, net_benefit, years)
        if f_middle == 0 or (high - low) / 2.0 < IRR_TOL:
            return middle
        if np.sign(f_middle) == np.sign(f_low):
            low, f_low = middle, f_middle
        else:
            high = middle
    return (low + high) / 2.0


#: Columns :func:`evaluate` adds to the opportunities.
RESULT_COLUMNS = (
    "crf",
    "annualised_cost",
    "cost_per_t",
    "net_benefit",
    "npv",
    "payback_years",
    "irr",
    "rank",
    "cumulative_abatement",
    "macc_x0",
    "macc_x1",
)


def evaluate(opportunities: pd.DataFrame, rate: float) -> pd.DataFrame:
    """Cost and benefit of every opportunity, ranked by cost per tonne (6.4.1 a, c).

    Input columns :data:`OPPORTUNITY_COLUMNS` (checked by :func:`check_opportunities`);
    adds :data:`RESULT_COLUMNS`, sorted by ``rank`` (1 = cheapest tonne). ``cumulative_abatement``
    (tCO2e/a) runs along the ranking; ``macc_x0``/``macc_x1`` are each bar's left and right
    edge on the curve's abatement axis. ``payback_years`` and ``irr`` are NaN where undefined.
    """
    rate = check_rate(rate)
    frame = check_opportunities(opportunities)
    life = frame["lifetime"].to_numpy(dtype=float)
    capex = frame["capex"].to_numpy(dtype=float)
    frame["crf"] = crf(rate, life) if len(frame) else np.array([], float)
    frame["annualised_cost"] = capex * frame["crf"] + frame["opex_change"] - frame["savings"]
    frame["cost_per_t"] = frame["annualised_cost"] / frame["abatement"]
    frame["net_benefit"] = frame["savings"] - frame["opex_change"]
    flows = zip(capex, frame["net_benefit"], frame["lifetime"], strict=True)
    measures = [(npv(rate, c, b, n), simple_payback(c, b), irr(c, b, n)) for c, b, n in flows]
    frame["npv"] = [m[0] for m in measures]
    frame["payback_years"] = [np.nan if m[1] is None else m[1] for m in measures]
    frame["irr"] = [np.nan if m[2] is None else m[2] for m in measures]
    frame = frame.sort_values(
        ["cost_per_t", "abatement", "code"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    frame["cumulative_abatement"] = frame["abatement"].cumsum()
    frame["macc_x1"] = frame["cumulative_abatement"]
    frame["macc_x0"] = frame["macc_x1"] - frame["abatement"]
    return frame


def macc(ranked: pd.DataFrame) -> list[dict]:
    """Bars of the marginal abatement cost curve from :func:`evaluate`'s frame, in order.

    Each bar: ``code``, ``title``, ``x0``, ``x1`` (tCO2e/a, cumulative), ``width`` (its
    abatement, tCO2e/a), ``height`` (cost per tonne, currency/tCO2e), ``selected``.
    """
    return [
        {
            "code": row["code"],
            "title": row["title"],
            "category": row["category"],
            "x0": float(row["macc_x0"]),
            "x1": float(row["macc_x1"]),
            "width": float(row["abatement"]),
            "height": float(row["cost_per_t"]),
            "selected": bool(row["selected"]),
        }
        for row in ranked.to_dict("records")
    ]


# --- key sources ------------------------------------------------------------------------------


def key_sources(sources: pd.DataFrame, share: float = KEY_SOURCE_SHARE) -> pd.DataFrame:
    """The largest sources that together cover ``share`` of the emissions (Pareto, 6.4.1 a).

    ``sources``: one row per source with ``tco2e`` (other columns kept). Sources are sorted
    by emissions, largest first; ``share`` and ``cumulative_share`` (fractions of the sum of
    the positive emissions) are added, and ``key`` marks every source up to and including the
    one whose cumulative share reaches ``share``. Deductions (negative) are never key sources.
    """
    frame = sources.copy()
    frame["tco2e"] = pd.to_numeric(frame["tco2e"]).fillna(0.0)
    frame = frame.sort_values("tco2e", ascending=False, kind="mergesort").reset_index(drop=True)
    positive = frame["tco2e"].clip(lower=0.0)
    total = float(positive.sum())
    if total <= 0:
        frame["share"] = 0.0
        frame["cumulative_share"] = 0.0
        frame["key"] = False
        return frame
    frame["share"] = positive / total
    frame["cumulative_share"] = frame["share"].cumsum()
    before = frame["cumulative_share"] - frame["share"]
    frame["key"] = (before < share - 1e-12) & (frame["tco2e"] > 0)
    return frame


# --- trend forecast -------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """A least-squares line ``E = intercept + slope × year`` with its fit (R², points)."""

    intercept: float
    slope: float
    r2: float | None
    points: int

    def at(self, year: int | np.ndarray) -> float | np.ndarray:
        return self.intercept + self.slope * np.asarray(year, dtype=float)


def linear_trend(history: pd.Series) -> Trend:
    """Least-squares line through ``history`` (index year, values tCO2e).

    One point gives a flat line (slope 0, R² undefined); R² is ``None`` when the values do not
    vary. Uses ``numpy.polyfit`` of degree 1.
    """
    years = np.asarray(history.index, dtype=float)
    values = history.to_numpy(dtype=float)
    if len(values) == 0:
        raise AssessmentInputError(NO_HISTORY, {})
    if len(values) == 1:
        return Trend(float(values[0]), 0.0, None, 1)
    slope, intercept = np.polyfit(years, values, 1)
    fitted = intercept + slope * years
    total = float(np.sum((values - values.mean()) ** 2))
    r2 = None if total == 0 else 1.0 - float(np.sum((values - fitted) ** 2)) / total
    return Trend(float(intercept), float(slope), r2, len(values))


def abatement_by_year(ranked: pd.DataFrame, years: Sequence[int], first_year: int) -> pd.Series:
    """Yearly abatement (tCO2e) of the *selected* opportunities over ``years``.

    An opportunity abates its full annual amount in each year from its ``start_year`` (blank:
    ``first_year``) for ``lifetime`` years, and nothing outside them.
    """
    chosen = ranked[ranked["selected"].astype(bool)]
    totals = np.zeros(len(years))
    year_array = np.asarray(list(years), dtype=float)
    for row in chosen.to_dict("records"):
        start = row["start_year"]
        start = (
            first_year
            if start is None or (isinstance(start, float) and math.isnan(start))
            else int(start)
        )
        active = (year_array >= start) & (year_array < start + int(row["lifetime"]))
        totals += np.where(active, float(row["abatement"]), 0.0)
    return pd.Series(totals, index=list(years), dtype=float)


def _plan_series(plan: Mapping[int, object] | None) -> dict[int, float]:
    out: dict[int, float] = {}
    for year, value in (plan or {}).items():
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = float("nan")
        if not math.isfinite(number) or number < 0:
            raise AssessmentInputError(
                BAD_PLAN, {"field": "production_plan", "value": value, "year": year}
            )
        out[int(year)] = number
    return out


def _actual_row(year: int, history: pd.Series, production: pd.Series | None) -> dict:
    """A year of the history as a forecast row (6.4.1 b)."""
    value = float(history.get(year, np.nan))
    return {
        "year": year,
        "kind": "actual",
        "basis": "actual",
        "bau": value,
        "abatement": 0.0,
        "with_measures": value,
        "production": float(production.get(year, np.nan)) if production is not None else np.nan,
    }


def _forecast_row(year: int, trend, intensity: float | None, plan: dict, cut: float) -> dict:
    """A future year: BAU from the intensity at planned output, else from the trend (never
    below zero); with measures, BAU less the abatement ``cut`` (6.4.1 b)."""
    if intensity is not None and year in plan:
        bau, basis = intensity * plan[year], "plan"
    else:
        bau = max(float(trend.at(year)), 0.0)
        basis = "trend" if trend.points > 1 else "last_year"
    return {
        "year": year,
        "kind": "forecast",
        "basis": basis,
        "bau": bau,
        "abatement": cut,
        "with_measures": max(bau - cut, 0.0),
        "production": plan.get(year, np.nan),
    }


def forecast(
    history: pd.Series,
    *,
    target_year: int,
    ranked: pd.DataFrame | None = None,
    production_history: pd.Series | None = None,
    production_plan: Mapping[int, object] | None = None,
) -> tuple[pd.DataFrame, dict]:
    """Emissions to ``target_year``: business as usual, and with the selected measures (6.4.1 b).

    ``history``: approved yearly emissions (index year, tCO2e). For a forecast year with a
    planned production ``P_y`` (``production_plan``) and a known intensity of the last actual
    year ``I = E_last / P_last`` (``production_history``), BAU is ``I × P_y`` (today's
    technology at the planned output); otherwise BAU follows the least-squares trend of the
    history (flat at the last value with a single year), never below zero. With measures:
    ``max(BAU − abatement of the selected opportunities, 0)``.

    Returns ``(frame, method)``: the frame has one row per year from the first actual year to
    ``target_year`` with ``year``, ``kind`` (``actual`` or ``forecast``), ``basis``
    (``actual``, ``plan``, ``trend``, ``last_year`` with a single year of history), ``bau``, ``abatement``, ``with_measures`` (tCO2e) and
    ``production``; ``method`` holds the trend's slope, intercept, R² and points, and the
    intensity used (tCO2e per unit of output, or ``None``).
    """
    history = history.dropna().sort_index()
    if history.empty:
        raise AssessmentInputError(NO_HISTORY, {})
    history.index = history.index.astype(int)
    last = int(history.index.max())
    if int(target_year) <= last:
        raise AssessmentInputError(
            BAD_TARGET_YEAR, {"field": "target_year", "value": target_year, "last": last}
        )
    plan = _plan_series(production_plan)
    trend = linear_trend(history)
    intensity = None
    production = (
        production_history.dropna().astype(float) if production_history is not None else None
    )
    if production is not None and last in production.index and production.loc[last] > 0:
        intensity = float(history.loc[last]) / float(production.loc[last])
    years = list(range(int(history.index.min()), int(target_year) + 1))
    future = [y for y in years if y > last]
    abatement = (
        abatement_by_year(ranked, future, last + 1)
        if ranked is not None and len(ranked)
        else pd.Series(0.0, index=future)
    )
    rows = [
        _actual_row(year, history, production)
        if year <= last
        else _forecast_row(year, trend, intensity, plan, float(abatement.get(year, 0.0)))
        for year in years
    ]
    method = {
        "slope": trend.slope,
        "intercept": trend.intercept,
        "r2": trend.r2,
        "points": trend.points,
        "intensity": intensity,
        "last_year": last,
    }
    return pd.DataFrame(rows), method
