"""Worked examples of the assessment core (6.4), checked by hand; no database.

Example A: capex 1,000,000 CNY, r = 8 %, n = 10 a, Δopex +20,000 CNY/a, savings 150,000 CNY/a,
abatement 500 tCO2e/a.
  1.08¹⁰ = 2.158925; CRF = 0.08 × 2.158925 / 1.158925 = 0.1490295 /a
  annualised cost = 149,029.49 + 20,000 − 150,000 = 19,029.49 CNY/a → 38.06 CNY/tCO2e
  B = 130,000 CNY/a; annuity factor 1/CRF = 6.710081; NPV = −1e6 + 872,310.5 = −127,689.5 CNY
  payback = 1e6 / 130,000 = 7.692 a
  IRR: annuity factor must be 7.6923; at 5 % it is 7.7217, at 5.09 % 7.6881 → 5.079 %
"""

import math

import pandas as pd
import pytest

from calculators.core import assessment as A


def opportunity(code="A", **values):
    base = {
        "code": code,
        "title": code,
        "category": "efficiency",
        "capex": 1_000_000.0,
        "opex_change": 20_000.0,
        "savings": 150_000.0,
        "abatement": 500.0,
        "lifetime": 10,
        "start_year": None,
        "selected": False,
    }
    base.update(values)
    return base


def test_crf_worked_example_and_zero_rate():
    assert A.crf(0.08, 10) == pytest.approx(0.1490295, abs=1e-7)
    assert A.crf(0.0, 4) == pytest.approx(0.25)
    # a year of life returns the capital with one year's interest
    assert A.crf(0.1, 1) == pytest.approx(1.1)


def test_example_a_cost_npv_payback_irr():
    ranked = A.evaluate(pd.DataFrame([opportunity()]), 0.08)
    row = ranked.iloc[0]
    assert row["annualised_cost"] == pytest.approx(19_029.49, abs=0.01)
    assert row["cost_per_t"] == pytest.approx(38.059, abs=0.001)
    assert row["npv"] == pytest.approx(-127_689.5, abs=0.5)
    assert row["payback_years"] == pytest.approx(7.6923, abs=1e-4)
    assert row["irr"] == pytest.approx(0.050787, abs=1e-5)
    # the annualised cost is the NPV spread over the life: C = −NPV × CRF
    assert row["annualised_cost"] == pytest.approx(-row["npv"] * row["crf"], rel=1e-9)
    # at the IRR the NPV is zero
    assert A.npv(row["irr"], 1_000_000, 130_000, 10) == pytest.approx(0.0, abs=1e-3)


def test_measure_that_never_pays_back_has_no_payback_or_irr():
    ranked = A.evaluate(pd.DataFrame([opportunity(savings=10_000.0)]), 0.08)
    row = ranked.iloc[0]
    assert math.isnan(row["payback_years"])
    assert math.isnan(row["irr"])
    # 149,029.49 + 20,000 − 10,000 = 159,029.49 CNY/a over 500 t
    assert row["cost_per_t"] == pytest.approx(318.06, abs=0.01)


def test_ranking_cumulative_abatement_and_macc():
    # cost per tonne: C = 0 capex → (opex − savings)/abatement
    frame = pd.DataFrame(
        [
            opportunity("C", capex=0, opex_change=5_000, savings=0, abatement=50),  # +100/t
            opportunity("A", capex=0, opex_change=0, savings=5_000, abatement=100),  # −50/t
            opportunity("B", capex=0, opex_change=2_000, savings=0, abatement=200),  # +10/t
            opportunity("D", capex=0, opex_change=1_000, savings=0, abatement=100),  # +10/t
        ]
    )
    ranked = A.evaluate(frame, 0.05)
    assert list(ranked["code"]) == ["A", "B", "D", "C"]  # tie at 10/t: larger abatement first
    assert list(ranked["cost_per_t"]) == pytest.approx([-50.0, 10.0, 10.0, 100.0])
    assert list(ranked["rank"]) == [1, 2, 3, 4]
    assert list(ranked["cumulative_abatement"]) == pytest.approx([100, 300, 400, 450])
    bars = A.macc(ranked)
    assert [(b["x0"], b["x1"], b["width"]) for b in bars] == [
        (0.0, 100.0, 100.0),
        (100.0, 300.0, 200.0),
        (300.0, 400.0, 100.0),
        (400.0, 450.0, 50.0),
    ]
    assert [b["height"] for b in bars] == pytest.approx([-50.0, 10.0, 10.0, 100.0])
    # without capex: payback 0 for the one that saves, none for those that only cost; no IRR
    assert ranked["payback_years"].iloc[0] == 0.0
    assert ranked["payback_years"].iloc[1:].isna().all()
    assert ranked["irr"].isna().all()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"abatement": None}, "abatement"),
        ({"abatement": 0}, "abatement"),
        ({"abatement": -3}, "abatement"),
        ({"lifetime": -2}, "lifetime"),
        ({"lifetime": 0}, "lifetime"),
        ({"lifetime": 2.5}, "lifetime"),
        ({"capex": "lots"}, "capex"),
        ({"capex": -1}, "capex"),
    ],
)
def test_bad_opportunity_names_code_and_field(values, field):
    with pytest.raises(A.AssessmentInputError) as caught:
        A.evaluate(pd.DataFrame([opportunity("OP9", **values)]), 0.08)
    assert caught.value.field == field
    assert caught.value.params["code"] == "OP9"
    assert "OP9" in str(caught.value)


@pytest.mark.parametrize("rate", ["eight", "", None, "nan", float("inf"), -0.01, 1.5])
def test_rate_that_is_not_a_usable_number_is_refused(rate):
    with pytest.raises(A.AssessmentInputError) as caught:
        A.check_rate(rate)
    assert caught.value.field == "discount_rate"


def test_rate_accepts_fraction_and_percent():
    assert A.check_rate("0.08") == pytest.approx(0.08)
    assert A.check_rate("8%") == pytest.approx(0.08)
    assert A.check_rate(0) == 0.0


def test_key_sources_cover_80_percent():
    sources = pd.DataFrame(
        {"source": ["S3", "S1", "S5", "S2", "S4"], "tco2e": [10.0, 50.0, 4.0, 30.0, 6.0]}
    )
    keyed = A.key_sources(sources)
    assert list(keyed["source"]) == ["S1", "S2", "S3", "S4", "S5"]
    # cumulative 0.5, 0.8: the second source reaches 80 % exactly and closes the set
    assert list(keyed["key"]) == [True, True, False, False, False]
    other = A.key_sources(pd.DataFrame({"source": list("abcd"), "tco2e": [60, 15, 15, 10]}))
    assert list(other["key"]) == [True, True, True, False]  # 0.6, 0.75, 0.9
    assert list(other["cumulative_share"]) == pytest.approx([0.6, 0.75, 0.9, 1.0])


def test_key_sources_leave_deductions_out():
    keyed = A.key_sources(pd.DataFrame({"source": ["x", "y"], "tco2e": [100.0, -20.0]}))
    assert list(keyed["key"]) == [True, False]
    assert list(keyed["share"]) == pytest.approx([1.0, 0.0])


def test_forecast_trend_and_selected_measures():
    history = pd.Series({2023: 1000.0, 2024: 1100.0, 2025: 1200.0})
    ranked = A.evaluate(
        pd.DataFrame(
            [
                opportunity("X", abatement=200, lifetime=1, start_year=2027, selected=True),
                opportunity("Y", abatement=999, selected=False),
            ]
        ),
        0.08,
    )
    frame, method = A.forecast(history, target_year=2028, ranked=ranked)
    assert list(frame["year"]) == [2023, 2024, 2025, 2026, 2027, 2028]
    assert list(frame["kind"]) == ["actual"] * 3 + ["forecast"] * 3
    assert list(frame["bau"]) == pytest.approx([1000, 1100, 1200, 1300, 1400, 1500])
    assert list(frame["basis"]) == ["actual"] * 3 + ["trend"] * 3
    # X abates 200 t in 2027 only (one year of life); Y is not selected
    assert list(frame["abatement"]) == pytest.approx([0, 0, 0, 0, 200, 0])
    assert list(frame["with_measures"]) == pytest.approx([1000, 1100, 1200, 1300, 1200, 1500])
    assert method["slope"] == pytest.approx(100.0)
    assert method["r2"] == pytest.approx(1.0)


def test_forecast_from_production_plan_and_intensity():
    history = pd.Series({2025: 1200.0})
    production = pd.Series({2025: 600.0})  # 2.0 tCO2e/t
    ranked = A.evaluate(
        pd.DataFrame([opportunity("Z", abatement=300, lifetime=20, selected=True)]), 0.08
    )
    frame, method = A.forecast(
        history,
        target_year=2027,
        ranked=ranked,
        production_history=production,
        production_plan={2026: 700, 2027: 800},
    )
    assert method["intensity"] == pytest.approx(2.0)
    assert method["r2"] is None  # one year: flat, no fit
    future = frame[frame["kind"] == "forecast"]
    assert list(future["basis"]) == ["plan", "plan"]
    flat, _ = A.forecast(
        history, target_year=2027, production_history=production, production_plan={2027: 800}
    )
    assert list(flat["basis"]) == ["actual", "last_year", "plan"]
    assert list(flat["bau"]) == pytest.approx([1200.0, 1200.0, 1600.0])
    assert list(future["bau"]) == pytest.approx([1400.0, 1600.0])
    # no start year: the measure starts in the first forecast year
    assert list(future["with_measures"]) == pytest.approx([1100.0, 1300.0])


def test_forecast_with_measures_never_below_zero_and_trend_never_negative():
    history = pd.Series({2024: 300.0, 2025: 100.0})  # falls 200 t a year
    ranked = A.evaluate(pd.DataFrame([opportunity(abatement=500, selected=True)]), 0.08)
    frame, _ = A.forecast(history, target_year=2027, ranked=ranked)
    future = frame[frame["kind"] == "forecast"]
    assert list(future["bau"]) == [0.0, 0.0]  # −100, −300 clipped
    assert list(future["with_measures"]) == [0.0, 0.0]


def test_forecast_refuses_bad_target_year_and_plan():
    history = pd.Series({2025: 100.0})
    with pytest.raises(A.AssessmentInputError) as caught:
        A.forecast(history, target_year=2025)
    assert caught.value.field == "target_year"
    with pytest.raises(A.AssessmentInputError) as caught:
        A.forecast(history, target_year=2027, production_plan={2026: "many"})
    assert caught.value.field == "production_plan"
    assert caught.value.params["year"] == 2026
    with pytest.raises(A.AssessmentInputError):
        A.forecast(pd.Series(dtype=float), target_year=2030)
