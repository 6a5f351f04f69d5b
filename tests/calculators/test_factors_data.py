"""The shipped factor library: provenance on every row, values as ACCOUNTING.md gives them."""

import csv
import importlib.util
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from calculators.core import gwp as G
from calculators.core.factors import (
    CSV_COLUMNS,
    DATA_DIR,
    FACTOR_FILES,
    FactorTable,
    canonicalise,
    load_factor_sets,
    load_factors,
    normalise_frame,
)
from calculators.core.template import METHODS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def factors():
    return load_factors()


def _enterprise():
    spec = importlib.util.spec_from_file_location(
        "enterprise", ROOT / "cems_registers" / "demo" / "enterprise.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_file_has_the_columns():
    for name in FACTOR_FILES:
        with open(DATA_DIR / name, encoding="utf-8") as f:
            assert tuple(next(csv.reader(f))) == CSV_COLUMNS, name


def test_every_row_has_provenance(factors):
    assert (factors["source"].str.len() > 10).all()
    assert factors["verification"].isin(["V", "T", "M"]).all()
    assert factors["set_key"].isin(load_factor_sets()["set_key"]).all()
    dated = ~factors["set_key"].isin(["CN_heat", "CN_co2_recovery", "CN_foundry_carbon_defaults"])
    assert factors.loc[dated, "year"].notna().all()
    elec = factors["material"].str.startswith("electricity_")
    assert (factors.loc[elec, "region"] != "").all()


#: Marks of a second-hand source or of development notes: never in a citation (issue 8, 12).
SECOND_HAND = (
    "via ",
    ".com",
    ".cn",
    ".ai",
    "ACCOUNTING.md",
    "github",
    "scribd",
    "reportify",
    "daydaynews",
    "general knowledge",
    "third-party",
    "transcri",
)
#: Issuers of the official publications the shipped sets come from, as each language names them.
ISSUERS = {
    "zh": ("生态环境部", "国家发展改革委", "政府间气候变化专门委员会（IPCC）", "美国环境保护署"),
    "en": (
        "Ministry of Ecology and Environment",
        "MEE",
        "NDRC",
        "IPCC",
        "Environmental Protection Agency",
    ),
}
NOT_VERIFIED = {"zh": ("未核实", "无官方"), "en": ("not verified", "No official")}
HAN = re.compile(r"[\u4e00-\u9fff]")


def _raw(names) -> pd.DataFrame:
    return pd.concat(
        [pd.read_csv(DATA_DIR / n, dtype=str, keep_default_na=False) for n in names],
        ignore_index=True,
    )


def _check_citation(zh: str, en: str, *, verified: bool, what: str) -> None:
    assert HAN.search(zh), what
    assert en and not HAN.search(en), what
    for text in (zh, en):
        assert not [m for m in SECOND_HAND if m in text], (what, text)
    if verified:
        assert any(i in zh for i in ISSUERS["zh"]), (what, zh)
        assert any(i in en for i in ISSUERS["en"]), (what, en)
    else:
        assert any(m in zh for m in NOT_VERIFIED["zh"]), (what, zh)
        assert any(m in en for m in NOT_VERIFIED["en"]), (what, en)


def test_every_shipped_set_cites_the_official_publication_in_both_languages():
    sets = load_factor_sets()
    rows = _raw(FACTOR_FILES)
    tags = rows.groupby("set_key")["verification"].agg(set)
    assert set(sets["set_key"]) >= set(rows["set_key"])
    for meta in sets.to_dict("records"):
        key = meta["set_key"]
        verified = key.startswith("GWP_") or bool(tags.get(key, set()) & {"V", "T"})
        _check_citation(meta["citation_zh"], meta["citation_en"], verified=verified, what=key)
        assert meta["retrieved_from"], key  # where the text was read is kept, apart


def test_every_factor_row_cites_its_publication_and_keeps_where_it_was_read_apart():
    rows = _raw(FACTOR_FILES)
    for row in rows.to_dict("records"):
        what = f"{row['set_key']} {row['material']} {row['parameter']} {row['gas']}"
        if row["verification"] in ("V", "T"):
            _check_citation(row["citation_zh"], row["citation_en"], verified=True, what=what)
            assert row["retrieved_from"], what
        else:
            assert HAN.search(row["citation_zh"]) and row["citation_en"], what
            for text in (row["citation_zh"], row["citation_en"]):
                assert not [m for m in SECOND_HAND if m in text], (what, text)
    assert (load_factors()["source"] == rows["citation_en"]).all()


def test_the_issue_example_cites_the_mee_nbs_announcement():
    sets = load_factor_sets().set_index("set_key")
    assert "生态环境部、国家统计局" in sets.loc["CN_elec_stat_2021", "citation_zh"]
    assert "公告2024年第12号" in sets.loc["CN_elec_stat_2021", "citation_zh"]
    assert "Announcement No. 12 of 2024" in sets.loc["CN_elec_stat_2021", "citation_en"]
    assert "163.com" in sets.loc["CN_elec_stat_2023", "retrieved_from"]


def test_unique_per_set_material_parameter_gas_region(factors):
    # the database keeps one factor per (set, material, parameter, gas, region)
    key = ["set_key", "material", "parameter", "gas", "region"]
    assert not factors.duplicated(key).any()


def test_every_unit_fits_its_parameter(factors):
    table = canonicalise(factors)
    assert table["canonical"].notna().all()


def _value(factors, **where):
    sel = np.ones(len(factors), dtype=bool)
    for k, v in where.items():
        sel &= (factors[k] == v).to_numpy()
    rows = factors[sel]
    assert len(rows) == 1, where
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("where", "value", "tag"),
    [
        ({"set_key": "CN_ETS_grid_2022", "material": "electricity_cn_ets_grid"}, 0.5703, "V"),
        ({"set_key": "CN_elec_stat_2021", "material": "electricity_cn_national"}, 0.5568, "V"),
        ({"set_key": "CN_elec_stat_2022", "material": "electricity_cn_national"}, 0.5366, "V"),
        ({"set_key": "CN_elec_stat_2023", "material": "electricity_cn_national"}, 0.5306, "V"),
        ({"set_key": "CN_elec_stat_2022", "material": "electricity_cn_east"}, 0.5617, "V"),
        ({"set_key": "CN_elec_stat_2023", "material": "electricity_cn_south"}, 0.4042, "V"),
        ({"set_key": "CN_elec_stat_2022", "material": "electricity_cn_yunnan"}, 0.1073, "V"),
        ({"set_key": "CN_heat", "material": "heat", "parameter": "ef"}, 0.11, "V"),
        (
            {"set_key": "CN_guideline_fuel_setA", "material": "natural_gas", "parameter": "ncv"},
            389.31,
            "T",
        ),
        (
            {
                "set_key": "CN_guideline_fuel_setA",
                "material": "bituminous_coal",
                "parameter": "carbon_content",
            },
            0.02618,
            "T",
        ),
        (
            {
                "set_key": "CN_MEE_power_2022",
                "material": "coal_power",
                "parameter": "carbon_content",
            },
            0.03085,
            "V",
        ),
        (
            {
                "set_key": "IPCC2006_T1_manufacturing",
                "material": "natural_gas",
                "parameter": "ef",
                "gas": "N2O",
            },
            0.1,
            "T",
        ),
        (
            {
                "set_key": "IPCC2006_T1_manufacturing",
                "material": "anthracite",
                "parameter": "ef",
                "gas": "CH4",
            },
            10,
            "T",
        ),
        (
            {
                "set_key": "IPCC2006_T1_energy",
                "material": "anthracite",
                "parameter": "ef",
                "gas": "CH4",
            },
            1,
            "T",
        ),
        (
            {
                "set_key": "IPCC2006_T1_energy",
                "material": "other_bituminous_coal",
                "parameter": "ncv",
            },
            25.8,
            "M",
        ),
        ({"set_key": "IPCC2006_T1_energy", "material": "wood", "parameter": "ncv"}, 15.6, "V"),
        ({"set_key": "IPCC2006_carbonates", "material": "limestone", "parameter": "ef"}, 0.44, "T"),
        (
            {
                "set_key": "EPA_Hub_2024",
                "material": "epa_natural_gas",
                "parameter": "ef",
                "gas": "CO2",
            },
            53.06,
            "V",
        ),
        (
            {
                "set_key": "EPA_Hub_2024",
                "material": "epa_distillate_no2",
                "parameter": "ef",
                "gas": "CO2",
            },
            73.96,
            "M",
        ),
    ],
)
def test_reference_values_and_tags(factors, where, value, tag):
    row = _value(factors, **where)
    assert row["value"] == pytest.approx(value)
    assert row["verification"] == tag


def test_gwp_sets_match_the_reference_csv():
    ref = pd.read_csv(ROOT / "calculators" / "data" / "gwp.csv")
    assert set(ref["set_key"]) == {"GWP_SAR", "GWP_AR4", "GWP_AR5", "GWP_AR6"}
    expected = {
        ("SAR", "CH4"): 21,
        ("AR4", "CH4"): 25,
        ("AR5", "CH4"): 28,
        ("AR6", "CH4"): 27.9,
        ("SAR", "N2O"): 310,
        ("AR4", "N2O"): 298,
        ("AR5", "N2O"): 265,
        ("AR6", "N2O"): 273,
        ("SAR", "SF6"): 23900,
        ("AR4", "SF6"): 22800,
        ("AR5", "SF6"): 23500,
        ("AR6", "SF6"): 25200,
        ("AR4", "NF3"): 17200,
        ("AR6", "NF3"): 17400,
        ("AR5", "HFC-134a"): 1300,
        ("AR6", "HFC-32"): 771,
        ("AR4", "CF4"): 7390,
        ("AR6", "c-C4F8"): 10200,
        ("AR6", "CH4_fossil"): 29.8,
        ("AR6", "CH4_nonfossil"): 27.0,
    }
    for (s, gas), value in expected.items():
        assert G.gwp_values(s)[gas] == pytest.approx(value), (s, gas)
    assert "NF3" not in G.gwp_values("SAR")
    for s in G.GWP_SETS:
        values = G.gwp_values(s)
        assert values["CO2"] == 1
        groups = {G.gas_group(g) for g in values}
        assert groups >= {"CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6"} | (
            {"NF3"} if s != "SAR" else set()
        )


def test_blends_sum_to_one_and_have_a_source():
    bl = G.load_blends()
    sums = bl.groupby("blend")["mass_fraction"].sum()
    assert np.allclose(sums, 1.0)
    assert (bl["source"].str.len() > 10).all()
    assert bl["verification"].isin(["V", "T", "M"]).all()
    assert G.properties(["R-410A"], "AR5").gwp[0] == pytest.approx(0.5 * 677 + 0.5 * 3170)


def test_every_demo_source_resolves_its_factors():
    """Each demo source's (method, material) finds every factor its method needs (no override)."""
    from calculators.core import engine

    ent = _enterprise()
    table = FactorTable.default()
    rows = []
    for src in ent.SOURCES:
        code, _fac, _kind, _zh, _en, material, _gases, _scope, _cat, method, unit, qty = src
        assert method in METHODS, code
        row = {
            "source": code,
            "period": "2024-06",
            "method": method,
            "material": material,
            "quantity": qty,
            "unit": unit,
        }
        if method == "refrigerant_mass_balance":
            row["method"] = "gas_release"  # the components only change the quantity
        rows.append(row)
    frame = pd.DataFrame(rows)
    result = engine.compute(frame, table, gwp_set="AR5")
    assert result["co2e"].notna().all()
    assert (result["co2e"] != 0).all()


def test_frames_from_the_database_shape_build_a_table():
    frame = load_factors().head(10).rename(columns={"set_version": "set_version"})
    frame["factor_id"] = range(100, 110)
    table = FactorTable(frame)
    assert table.table["factor_id"].tolist() == list(range(100, 110))
    assert normalise_frame(frame)["year"].dtype.kind == "f"


def test_set_digests_name_exactly_the_rows_of_each_set():
    from calculators.core.factors import set_digests

    frame = load_factors().assign(factor_id=lambda f: np.arange(len(f)))
    frame["year"] = frame["year"].astype("Int64")  # the database's nullable years
    digests = set_digests(frame)
    assert set(digests) == set(zip(frame["set_key"], frame["set_version"], strict=True))
    assert set_digests(frame.iloc[::-1]) == digests  # row order does not matter
    changed = frame.copy()
    east = (changed["material"] == "electricity_cn_east") & (
        changed["set_key"] == "CN_elec_stat_2022"
    )
    changed.loc[east, "value"] = 0.1
    after = set_digests(changed)
    assert after[("CN_elec_stat_2022", 1)] != digests[("CN_elec_stat_2022", 1)]
    assert {k: v for k, v in after.items() if k[0] != "CN_elec_stat_2022"} == {
        k: v for k, v in digests.items() if k[0] != "CN_elec_stat_2022"
    }
