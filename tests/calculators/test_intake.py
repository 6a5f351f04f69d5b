"""Intake: header spellings, file formats, normalisation, and every error naming row, column, value."""

import io

import numpy as np
import pandas as pd
import pytest

from calculators.core import intake, messages
from calculators.core.template import COLUMN_KEYS, COLUMNS, METHOD_KEYS, header_aliases

SOURCES = pd.DataFrame(
    {
        "code": ["S01", "S13", "S14", "S18"],
        "facility": ["F01", "F01", "F04", "F01"],
        "material_key": ["natural_gas", "R-410A", "HFC-134a", "electricity_cn_east"],
    }
)
FACILITIES = ["F01", "F04"]
GOOD = {
    "source": "S01",
    "period": "2024-03",
    "method": "fuel_cn",
    "material": "natural_gas",
    "quantity": 3.8,
    "unit": "万Nm3",
}


def read(rows, style="key", **kw):
    kw.setdefault("sources", SOURCES)
    kw.setdefault("facilities", FACILITIES)
    kw.setdefault("period_start", "2024-01")
    kw.setdefault("period_end", "2024-12")
    return intake.read_activity(intake.to_csv_bytes(pd.DataFrame(rows), style=style), **kw)


def only_issue(result):
    assert len(result.issues) == 1, [str(i) for i in result.issues]
    return result.issues[0]


def test_header_aliases_do_not_collide():
    aliases = header_aliases()
    for col in COLUMNS:
        for text in (col.key, col.label_zh, col.label_en):
            from calculators.core.template import normalise_header

            assert aliases[normalise_header(text)] == col.key


@pytest.mark.parametrize("style", ["key", "zh", "en", "bilingual"])
def test_every_header_style_reads(style):
    r = read([GOOD], style=style)
    assert r.ok, [str(i) for i in r.issues]
    row = r.frame.iloc[0]
    assert (row["row"], row["source"], row["facility"], row["period"], row["year"]) == (
        2,
        "S01",
        "F01",
        "2024-03",
        2024,
    )
    assert row["quantity_normalised"] == pytest.approx(38000.0)
    assert row["unit_normalised"] == "m**3"
    assert row["quantity_dim"] == "volume"
    assert set(COLUMN_KEYS) <= set(r.frame.columns)


def test_xlsx_and_gb18030_csv():
    frame = pd.DataFrame([GOOD]).rename(
        columns={k: next(c.label_zh for c in COLUMNS if c.key == k) for k in GOOD}
    )
    buf = io.BytesIO()
    frame.to_excel(buf, index=False)
    r = intake.read_activity(buf.getvalue(), filename="数据.xlsx", sources=SOURCES)
    assert r.ok and r.frame["quantity"].iloc[0] == 3.8
    gbk = frame.to_csv(index=False).encode("gb18030")
    r = intake.read_activity(gbk, filename="数据.csv", sources=SOURCES)
    assert r.ok and r.frame["material"].iloc[0] == "natural_gas"


def test_xlsx_date_cells_are_months():
    frame = pd.DataFrame([{**GOOD, "period": pd.Timestamp("2024-05-01")}])
    buf = io.BytesIO()
    frame.to_excel(buf, index=False)
    r = intake.read_activity(buf.getvalue(), filename="a.xlsx", sources=SOURCES)
    assert r.ok and r.frame["period"].iloc[0] == "2024-05"


@pytest.mark.parametrize(
    "text",
    ["2024-03", "2024-3", "2024/03", "202403", "2024年3月", "2024-03-31", "2024-03-01 00:00:00"],
)
def test_period_spellings(text):
    r = read([{**GOOD, "period": text}])
    assert r.ok and r.frame["period"].iloc[0] == "2024-03"


def test_chinese_units_thousands_and_full_width_digits():
    rows = [
        {**GOOD, "quantity": "1,234.5", "unit": "万标准立方米"},
        {
            "source": "S18",
            "period": "2024-03",
            "method": "purchased_electricity",
            "quantity": "１２",
            "unit": "万千瓦时",
        },
    ]
    r = read(rows)
    assert r.ok, [str(i) for i in r.issues]
    assert r.frame["quantity_normalised"].tolist() == pytest.approx([1234.5e4, 12e4 * 3.6e-3])
    assert r.frame["material"].tolist() == [
        "natural_gas",
        "electricity_cn_east",
    ]  # from the register


def test_blank_rows_are_skipped_and_row_numbers_kept():
    csv = "source,period,method,material,quantity,unit\nS01,2024-01,fuel_cn,natural_gas,1,万Nm3\n,,,,,\nS01,2024-13,fuel_cn,natural_gas,1,万Nm3\n"
    r = intake.read_activity(csv.encode(), sources=SOURCES)
    issue = only_issue(r)
    assert (issue.row, issue.column, issue.value) == (4, "period", "2024-13")


def test_refrigerant_mass_balance_components():
    rows = [
        {
            "source": "S14",
            "period": "2024-03",
            "method": "refrigerant_mass_balance",
            "quantity": None,
            "unit": "kg",
            "inventory_start": 100,
            "inventory_end": 90,
            "acquired": 5,
            "disbursed": 1,
            "capacity_change": 2,
        },
        {
            "source": "S14",
            "period": "2024-04",
            "method": "refrigerant_mass_balance",
            "unit": "kg",
            "inventory_start": 10,
        },
        {
            "source": "S14",
            "period": "2024-05",
            "method": "refrigerant_mass_balance",
            "unit": "kg",
            "inventory_start": 10,
            "inventory_end": 30,
        },
    ]
    r = read(rows)
    assert r.frame["quantity"].iloc[0] == pytest.approx(12.0)  # (100−90)+5−1−2
    assert r.frame["gas"].iloc[0] == "HFC-134a"  # from the source's material
    got = {(i.row, i.column, i.code) for i in r.issues}
    assert got == {(3, "inventory_end", "missing_component"), (4, "quantity", "negative_release")}
    neg = next(i for i in r.issues if i.code == "negative_release")
    assert neg.value == -20


def test_all_or_nothing_collects_every_error():
    rows = [
        {**GOOD, "source": "S99"},  # 2 unknown source
        {**GOOD, "period": "2023-12"},  # 3 outside
        {**GOOD, "method": "burn"},  # 4 unknown method
        {**GOOD, "quantity": -1},  # 5 negative
        {**GOOD, "quantity": "abc"},  # 6 not a number
        {**GOOD, "quantity": None},  # 7 missing
        {**GOOD, "unit": "furlongz"},  # 8 unknown unit
        {
            **GOOD,
            "unit": "MWh",
        },  # 9 wrong dimension for fuel_cn? (energy is allowed) → use t for electricity below
        {
            "source": "S18",
            "period": "2024-03",
            "method": "purchased_electricity",
            "quantity": 5,
            "unit": "t",
        },  # 10
        {**GOOD, "facility": "F99"},  # 11 unknown facility
        {
            "source": "S13",
            "period": "2024-03",
            "method": "gas_release",
            "gas": "R-22",
            "quantity": 1,
            "unit": "kg",
        },  # 12
        {**GOOD, "oxidation_rate": 1.2},  # 13 out of range
        {**GOOD, "ncv": 40, "ncv_unit": "GJ/MWh"},  # 14 wrong dimension of an override unit
        {**GOOD, "ncv": 40, "ncv_unit": "bogus"},  # 15 unknown override unit
        {
            "source": "S01",
            "period": "2024-03",
            "method": "carbon_mass_balance",
            "material": "pig_iron",
            "quantity": 1,
            "unit": "t",
            "direction": "up",
        },  # 16
        {
            "source": "S01",
            "period": "2024-03",
            "method": "direct_ef",
            "material": "x",
            "quantity": 1,
            "unit": "t",
            "ef_co2": 2,
        },  # 17 ef_unit required
        {**GOOD, "period": None},  # 18 period required
        {**GOOD, "unit": None},  # 19 unit required
        {**GOOD, "facility": "F04"},  # 20 S01 is F01's source
        {**GOOD, "quantity": 1e308},  # 21 would overflow
        {**GOOD, "quantity": 5e11},  # 22 5·10¹⁵ m³ once in Nm3
        {**GOOD, "ncv": 1e300, "ncv_unit": "GJ/万Nm3"},  # 23 absurd override
    ]
    r = read(rows)
    got = {(i.row, i.column, i.code) for i in r.issues}
    want = {
        (2, "source", "unknown_source"),
        (3, "period", "period_outside"),
        (4, "method", "unknown_method"),
        (5, "quantity", "negative"),
        (6, "quantity", "not_a_number"),
        (7, "quantity", "required"),
        (8, "unit", "unknown_unit"),
        (10, "unit", "wrong_dimension"),
        (11, "facility", "unknown_facility"),
        (12, "gas", "unknown_gas"),
        (13, "oxidation_rate", "out_of_range"),
        (14, "ncv_unit", "wrong_dimension"),
        (15, "ncv_unit", "unknown_unit"),
        (16, "direction", "unknown_direction"),
        (17, "ef_unit", "required"),
        (18, "period", "required"),
        (19, "unit", "required"),
        (20, "facility", "facility_mismatch"),
        (21, "quantity", "too_large"),
        (22, "quantity", "too_large"),
        (23, "ncv", "too_large"),
    }
    assert got == want
    values = {(i.row, i.column): i.value for i in r.issues}
    assert values[(2, "source")] == "S99"
    assert values[(3, "period")] == "2023-12"
    assert values[(4, "method")] == "burn"
    assert str(values[(5, "quantity")]) == "-1"  # as written in the file
    assert values[(6, "quantity")] == "abc"
    assert values[(8, "unit")] == "furlongz"
    assert values[(10, "unit")] == "t"
    assert values[(11, "facility")] == "F99"
    assert values[(12, "gas")] == "R-22"
    assert values[(14, "ncv_unit")] == "GJ/MWh"
    assert values[(16, "direction")] == "up"
    # issues are sorted by row, and each renders with its params
    assert [i.row for i in r.issues] == sorted(i.row for i in r.issues)
    for issue in r.issues:
        text = issue.message % issue.params
        assert f"Row {issue.row}" in text
        assert issue.message in vars(messages).values()


def test_wrong_dimension_names_the_method_and_expected_units():
    r = read(
        [
            {
                "source": "S18",
                "period": "2024-03",
                "method": "purchased_electricity",
                "quantity": 5,
                "unit": "t",
            }
        ]
    )
    issue = only_issue(r)
    assert issue.params["method"] == "purchased_electricity"
    assert issue.params["expected"] == "GJ, MWh, 万kWh, tce"
    assert "purchased_electricity" in str(issue)


def test_missing_factor_names_material_and_year():
    r = read([{**GOOD, "material": "moonrock", "period": "2024-02"}])
    assert {
        (i.row, i.column, i.value, i.params["parameter"], i.params["year"]) for i in r.issues
    } == {(2, "material", "moonrock", p, 2024) for p in ("ncv", "carbon_content", "oxidation_rate")}
    # a measured value in the row removes the need for that factor (6.3.1 e)
    r = read(
        [
            {
                **GOOD,
                "material": "moonrock",
                "ncv": 30,
                "carbon_content": 0.02,
                "oxidation_rate": 0.98,
            }
        ]
    )
    assert r.ok


def test_header_problems():
    r = intake.read_activity(b"source,period,method,quantity,colour\nS01,2024-01,fuel_cn,1,red\n")
    codes = {(i.code, i.column) for i in r.issues}
    assert ("missing_column", "unit") in codes
    assert ("unknown_column", "colour") in codes
    assert all(i.row == 1 for i in r.issues)
    r = intake.read_activity(
        b"source,source,period,method,quantity,unit\nS01,S01,2024-01,fuel_cn,1,t\n",
        check_factors=False,
    )
    assert ("duplicate_column", "source") in {(i.code, i.column) for i in r.issues}


def test_unreadable_and_empty_files():
    r = intake.read_activity(b"PK\x03\x04 this is not a workbook", filename="x.xlsx")
    assert only_issue(r).code == "file_unreadable"
    r = intake.read_activity(b"source,period,method,quantity,unit\n,,,,\n")
    assert only_issue(r).code == "file_empty"


def test_method_keys_are_case_insensitive_and_gases_canonical():
    r = read(
        [
            {
                "source": "S13",
                "period": "2024-03",
                "method": "Gas_Release",
                "gas": "r410a",
                "quantity": 1,
                "unit": "kg",
            }
        ]
    )
    assert r.ok, [str(i) for i in r.issues]
    assert (r.frame["method"].iloc[0], r.frame["gas"].iloc[0]) == ("gas_release", "R-410A")


def test_every_method_key_is_accepted():
    assert set(METHOD_KEYS) >= {"fuel_cn", "production_value", "measured"}
    rows = [
        {"source": "S01", "period": "2024-03", "method": m, "quantity": 1, "unit": "t"}
        for m in METHOD_KEYS
    ]
    r = read(rows, check_factors=False)
    assert not [i for i in r.issues if i.code == "unknown_method"]


def test_large_file_is_vectorised():
    n = 100_000
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "source": rng.choice(["S01", "S18"], n),
            "period": rng.choice(["2024-01", "2024-02"], n),
            "quantity": rng.permutation(n) / 1000,  # distinct: repeated rows are an error
        }
    )
    frame["method"] = np.where(frame["source"] == "S01", "fuel_cn", "purchased_electricity")
    frame["unit"] = np.where(frame["source"] == "S01", "万Nm3", "MWh")
    frame.loc[77, "unit"] = "parsec"
    r = intake.read_activity(intake.to_csv_bytes(frame), sources=SOURCES)
    issue = only_issue(r)
    assert (issue.row, issue.column, issue.value, issue.code) == (
        79,
        "unit",
        "parsec",
        "wrong_dimension",
    )
    assert len(r.frame) == n
    assert r.frame["material"].isna().sum() == 0


def test_a_frame_of_rows_from_the_api_reads_like_a_file():
    rows = pd.DataFrame(
        [{**GOOD, "oxidation_rate": 0.98}, {**GOOD, "quantity": 1e-7, "period": "2024-04"}]
    )
    r = intake.read_activity(rows, sources=SOURCES)
    assert r.ok, [str(i) for i in r.issues]
    assert r.frame["quantity_normalised"].tolist() == pytest.approx([38000.0, 0.001])
    assert r.frame["oxidation_rate"].iloc[0] == 0.98 and np.isnan(r.frame["oxidation_rate"].iloc[1])


def test_percentages_are_fractions():
    r = read([{**GOOD, "oxidation_rate": "98%"}, {**GOOD, "oxidation_rate": "99.5％"}])
    assert r.ok, [str(i) for i in r.issues]
    assert r.frame["oxidation_rate"].tolist() == pytest.approx([0.98, 0.995])


def test_too_large_and_facility_messages_name_the_limit_and_the_register():
    r = read([{**GOOD, "quantity": 5e11}, {**GOOD, "facility": "F04"}])
    big, wrong = sorted(r.issues, key=lambda i: i.row)
    assert str(big) == (
        "Row 2: quantity 500000000000 is too large; no activity record reaches 1e+08 万Nm3."
    )
    assert str(wrong) == (
        "Row 3: facility F04 is not the facility of source S01 "
        "(F01 in the emission-source register)."
    )


def test_missing_factors_are_reported_with_the_other_errors():
    r = read([{**GOOD, "method": "burn"}, {**GOOD, "material": "unobtainium"}, GOOD])
    got = {(i.row, i.column, i.code) for i in r.issues}
    assert got == {(2, "method", "unknown_method"), (3, "material", "missing_factor")}
