"""What the factor library ships of the MEE/NBS electricity factors per year (issue 11 §8).

National, regional and provincial levels per year of the ``CN_elec_stat_<year>`` sets; a
year with regions but no provinces (or only some) must say why in
``calculators/data/electricity_coverage.csv`` (not published, or not available offline).
Run with ``-s`` to see the list. No database.
"""

import sys

import pandas as pd
import pytest

from calculators.core.factors import DATA_DIR, load_factors

#: The seven grid regions of the MEE/NBS series (cems development notes §5).
REGIONS = {"north", "northeast", "east", "central", "northwest", "south", "southwest"}
#: Provinces, autonomous regions and municipalities of the mainland.
PROVINCES = 31
#: The 2022 provincial values the development notes (§5) list, with their value [V].
PROVINCIAL_2022 = {
    "hebei": 0.7252,
    "shanxi": 0.7096,
    "tianjin": 0.7041,
    "inner_mongolia": 0.6849,
    "anhui": 0.6782,
    "fujian": 0.4092,
    "guangxi": 0.4044,
    "qinghai": 0.1567,
    "sichuan": 0.1404,
    "yunnan": 0.1073,
}


def electricity_coverage() -> pd.DataFrame:
    """Per year and level (national, regional, provincial): how many areas are shipped."""
    factors = load_factors()
    stat = factors[factors["set_key"].str.startswith("CN_elec_stat_")]
    level = stat["region"].map(
        lambda r: "national" if r == "national" else "regional" if r in REGIONS else "provincial"
    )
    table = (
        stat.assign(level=level, year=stat["year"].astype(int))
        .groupby(["year", "level"])["region"]
        .nunique()
        .unstack(fill_value=0)
    )
    return table.reindex(columns=["national", "regional", "provincial"], fill_value=0)


def notes() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "electricity_coverage.csv", keep_default_na=False)


def test_list_what_is_shipped_per_year_and_explain_every_gap():
    coverage = electricity_coverage()
    sys.stdout.write("\nMEE/NBS electricity factors shipped (areas per level):\n")
    sys.stdout.write(coverage.to_string() + "\n")
    explained = {(int(r.year), r.level): r for r in notes().itertuples()}
    for year, row in coverage.iterrows():
        assert row["national"] == 1, year
        if row["regional"]:
            assert row["regional"] == len(REGIONS), year
        if row["regional"] and row["provincial"] < PROVINCES:
            note = explained.get((year, "provincial"))
            assert note is not None, f"{year}: regions shipped, provinces missing, no note"
            assert note.status in ("not_published", "not_available_offline", "partial")
            assert note.note_en and note.note_zh
            if row["provincial"]:
                assert note.status == "partial", year
        if not row["regional"]:
            assert (year, "regional") in explained, f"{year}: no regions and no note"
    # every note speaks of a year the library has, and of a gap that is really there
    for year, level in explained:
        assert year in coverage.index
        shipped = coverage.loc[year, level]
        assert shipped < (PROVINCES if level == "provincial" else len(REGIONS)), (year, level)


@pytest.mark.parametrize(("province", "value"), PROVINCIAL_2022.items())
def test_the_selected_2022_provincial_values_are_shipped_with_their_citation(province, value):
    factors = load_factors(["factors_cn_electricity.csv"])
    raw = pd.read_csv(DATA_DIR / "factors_cn_electricity.csv", keep_default_na=False)
    row = factors[(factors["set_key"] == "CN_elec_stat_2022") & (factors["region"] == province)]
    assert len(row) == 1
    assert row["value"].iloc[0] == value
    assert row["verification"].iloc[0] == "V"
    cited = raw[(raw["set_key"] == "CN_elec_stat_2022") & (raw["region"] == province)]
    assert "2022年电力二氧化碳排放因子" in cited["citation_zh"].iloc[0]
    assert "2022 Electricity CO2 Emission Factors" in cited["citation_en"].iloc[0]


def test_docs_list_every_set_with_transcribed_or_unverified_values():
    """docs/factors.md names every set that ships a [T] or [M] value (issue 11 §8)."""
    text = (DATA_DIR.parent.parent / "docs" / "factors.md").read_text(encoding="utf-8")
    factors = load_factors()
    weak = sorted(set(factors.loc[factors["verification"].isin(["T", "M"]), "set_key"]))
    assert weak
    for key in weak:
        assert f"`{key}`" in text, key
    for name in ("gwp.csv", "blends.csv", "energy_gbt2589.csv", "material_origin.csv"):
        assert name in text, name
