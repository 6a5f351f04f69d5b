"""The pure comparison of submitted data with the monitoring plan (8.5, 9.1.4); no database."""

import datetime as dt

from calculators.core.monitoring import (
    DEFAULT_USED,
    INSTRUMENT_NOT_IN_PLAN,
    NO_DATA,
    bucket,
    instrument_pattern,
    months_between,
    plan_flags,
)

JAN, FEB, MAR, APR = (dt.date(2025, month, 1) for month in (1, 2, 3, 4))
Q1 = [JAN, FEB, MAR]


def item(source="S1", parameter="activity_data", method="measured", frequency="monthly", **kw):
    return {
        "plan": "MP v1",
        "source": source,
        "parameter": parameter,
        "method": method,
        "frequency": frequency,
        "instrument": kw.get("instrument"),
    }


def seen(rows=1, **filled):
    return {"rows": rows, "filled": filled}


def kinds(flags):
    return [(f["kind"], f["source"], f["parameter"], f["period"]) for f in flags]


def test_buckets_and_months():
    assert bucket(dt.date(2025, 5, 1), "monthly") == "2025-05"
    assert bucket(dt.date(2025, 5, 1), "continuous") == "2025-05"
    assert bucket(dt.date(2025, 5, 1), "quarterly") == "2025-Q2"
    assert bucket(dt.date(2025, 5, 1), "yearly") == "2025"
    assert months_between(dt.date(2024, 11, 1), dt.date(2025, 2, 28)) == [
        dt.date(2024, 11, 1),
        dt.date(2024, 12, 1),
        JAN,
        FEB,
    ]


def test_a_month_without_data_is_flagged_per_frequency():
    observed = {("S1", JAN): seen(), ("S1", MAR): seen(), ("S2", APR): seen()}
    flags = plan_flags(
        items=[item("S1"), item("S2", frequency="quarterly")],
        months=[*Q1, APR],
        observed=observed,
    )
    # S1 monthly: February and April missing; S2 quarterly: Q1 missing, Q2 has April
    assert kinds(flags) == [
        (NO_DATA, "S1", "activity_data", "2025-02"),
        (NO_DATA, "S1", "activity_data", "2025-04"),
        (NO_DATA, "S2", "activity_data", "2025-Q1"),
    ]


def test_default_used_where_the_plan_says_measured():
    observed = {
        ("S1", JAN): seen(rows=2, ncv=1),  # measured in one of two rows: fine
        ("S1", FEB): seen(rows=3),  # no NCV: the library's default was used
        ("S1", MAR): seen(rows=1, ef_co2=1),  # another column does not count for NCV
        ("S2", JAN): seen(rows=1),
        ("S3", FEB): seen(rows=1, carbon_fraction=1),
    }
    flags = plan_flags(
        items=[
            item("S1", "ncv", "measured"),
            item("S2", "ncv", "default"),  # a default is what the plan says: no flag
            item("S3", "carbon_content", "calculated", frequency="quarterly"),
        ],
        months=Q1,
        observed=observed,
    )
    assert kinds(flags) == [
        (DEFAULT_USED, "S1", "ncv", "2025-02"),
        (DEFAULT_USED, "S1", "ncv", "2025-03"),
    ]
    assert flags[0]["params"] == {"rows": 3}


def test_quarterly_measurement_is_met_by_one_month_of_the_quarter():
    observed = {(("S1", m)): seen(ncv=1 if m == MAR else 0) for m in [*Q1, APR]}
    flags = plan_flags(
        items=[item("S1", "ncv", frequency="quarterly")], months=[*Q1, APR], observed=observed
    )
    assert kinds(flags) == [(DEFAULT_USED, "S1", "ncv", "2025-Q2")]


def test_an_instrument_not_in_the_plan():
    data_sources = [
        {"source": "S1", "period": JAN, "data_source": "M01 燃气表", "dataset": 7, "row": 2},
        {"source": "S1", "period": FEB, "data_source": "M02 备用表", "dataset": 7, "row": 9},
        {"source": "S1", "period": FEB, "data_source": "m02 读数", "dataset": 7, "row": 11},
        {"source": "S1", "period": MAR, "data_source": "M021 其他", "dataset": 7, "row": 12},
        {"source": "S9", "period": MAR, "data_source": "M02", "dataset": 7, "row": 13},
    ]
    flags = plan_flags(
        items=[item("S1", instrument="M01")],
        months=[],
        observed={},
        data_sources=data_sources,
        instrument_codes=["M01", "M02", "M03"],
    )
    # M02 once per month (case ignored); M021 is no instrument; S9 is not in the plan
    assert kinds(flags) == [(INSTRUMENT_NOT_IN_PLAN, "S1", "activity_data", "2025-02")]
    assert flags[0]["params"] == {
        "instrument": "M02",
        "dataset": 7,
        "row": 9,
        "planned": "M01",
    }


def test_no_instrument_codes_no_instrument_flags():
    assert instrument_pattern([]) is None
    assert instrument_pattern(["M01", "M01-A"]).search("见 M01-A 表").group(1) == "M01-A"
    flags = plan_flags(
        items=[item()],
        months=[JAN],
        observed={("S1", JAN): seen()},
        data_sources=[{"source": "S1", "period": JAN, "data_source": "M02"}],
    )
    assert flags == []
