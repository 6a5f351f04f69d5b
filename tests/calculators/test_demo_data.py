"""The demo activity-data generator (pure): coverage of methods, shape, determinism."""

import io

import pandas as pd
import pytest

from calculators.core.template import COLUMN_KEYS, METHODS
from calculators.demo_data import (
    DEMO_YEARS,
    DS_ESTIMATED,
    DS_MEASURED,
    generate,
    generate_year,
    to_csv_bytes,
    year_csv,
)
from cems_registers.demo.enterprise import SOURCES


@pytest.fixture(scope="module")
def years():
    return generate()


def test_three_years_of_twelve_months(years):
    assert sorted(years) == [2023, 2024, 2025] == list(DEMO_YEARS)
    for year, frame in years.items():
        assert list(frame.columns) == list(COLUMN_KEYS)
        months = sorted(frame["period"].unique())
        assert months == [f"{year}-{m:02d}" for m in range(1, 13)]


def test_every_source_every_month(years):
    codes = {s[0] for s in SOURCES}
    for frame in years.values():
        per_source = frame.groupby("source")["period"].nunique()
        assert set(per_source.index) == codes
        assert (per_source == 12).all()


def test_every_method_is_used(years):
    used = set().union(*(set(f["method"]) for f in years.values()))
    assert used == set(METHODS)


def test_mass_balances_and_overrides(years):
    frame = years[2024]
    refrigerant = frame[frame["method"] == "refrigerant_mass_balance"]
    components = ["inventory_start", "inventory_end", "acquired", "disbursed", "capacity_change"]
    assert refrigerant[components].notna().all().all()
    release = (
        refrigerant["inventory_start"]
        - refrigerant["inventory_end"]
        + refrigerant["acquired"]
        - refrigerant["disbursed"]
        - refrigerant["capacity_change"]
    )
    assert (release > 0).all()
    assert (refrigerant["capacity_change"] > 0).any()  # a new unit in June 2024
    carbon = frame[frame["method"] == "carbon_mass_balance"]
    assert set(carbon["direction"]) == {"input", "output"}
    assert frame.loc[frame["method"] == "steam_heat", "steam_enthalpy"].notna().all()
    measured = frame[frame["data_source"] == DS_MEASURED]
    assert len(measured) >= 4
    assert measured[["ncv", "carbon_content", "carbon_fraction"]].notna().any(axis=1).any()
    assert (frame["data_source"] == DS_ESTIMATED).any()
    production = frame[frame["method"].isin(["production_output", "production_value"])]
    assert set(production["unit"]) == {"t", "万元"}
    assert len(production) == 24


def test_seasonality_and_measures(years):
    def monthly(year, source):
        f = years[year]
        rows = f[(f["source"] == source) & (f["method"] == METHOD_OF[source])]
        return rows.set_index("period")["quantity"].astype(float)

    boiler = monthly(2023, "S01")
    assert (
        boiler[["2023-01", "2023-02", "2023-12"]].mean()
        > 1.5 * boiler[["2023-06", "2023-07", "2023-08"]].mean()
    )
    pv = monthly(2023, "S22")
    assert (
        pv[["2023-05", "2023-06", "2023-07"]].mean() > pv[["2023-11", "2023-12", "2023-01"]].mean()
    )
    # boiler 2# economiser from April 2024, PV export growing year on year
    assert monthly(2024, "S02")["2024-06"] < monthly(2023, "S02")["2023-06"]
    assert monthly(2025, "S22").sum() > monthly(2024, "S22").sum() > monthly(2023, "S22").sum()
    assert monthly(2025, "S04").sum() < monthly(2024, "S04").sum()


METHOD_OF = {s[0]: s[9] for s in SOURCES}


def test_deterministic():
    assert generate_year(2024).equals(generate_year(2024))
    assert year_csv(2025) == year_csv(2025)
    assert not generate_year(2024, seed=1).equals(generate_year(2024, seed=2))


def test_csv_round_trip():
    data = year_csv(2023)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM for spreadsheet programs
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert set(frame.columns) <= set(COLUMN_KEYS)
    assert {"source", "period", "method", "quantity", "unit"} <= set(frame.columns)
    assert len(frame) == len(generate_year(2023))
    assert to_csv_bytes(generate_year(2023)) == data
