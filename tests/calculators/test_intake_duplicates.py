"""Identical activity rows in one file are an error unless the row says why (8.5, issue 8.6)."""

import pandas as pd

from calculators.core import intake

from .test_intake import GOOD, only_issue, read


def test_an_exact_repeat_is_an_error_naming_both_rows():
    result = read([GOOD, {**GOOD, "period": "2024-04"}, GOOD])
    issue = only_issue(result)
    assert issue.code == "duplicate_row"
    assert issue.row == 4
    assert issue.params["first"] == 2
    assert issue.column == "note"
    assert "Row 4 repeats row 2" in str(issue)


def test_three_copies_give_two_errors_each_naming_the_first():
    result = read([GOOD, GOOD, GOOD])
    assert [(i.row, i.params["first"]) for i in result.issues] == [(3, 2), (4, 2)]


def test_a_note_or_a_data_source_says_why_and_is_accepted_but_listed_for_the_reviewer():
    rows = [
        {**GOOD, "note": "delivery 1"},
        {**GOOD, "note": "delivery 2"},
        {**GOOD, "data_source": "invoice 77"},
    ]
    result = read(rows)
    assert result.ok, [str(i) for i in result.issues]
    repeats = intake.repeated_rows(result.frame, with_reason=True)
    assert list(zip(repeats["row"], repeats["first"], strict=True)) == [(3, 2), (4, 2)]
    assert intake.repeated_rows(result.frame, with_reason=False).empty


def test_a_different_quantity_unit_facility_or_month_is_not_a_repeat():
    rows = [
        GOOD,
        {**GOOD, "quantity": 3.9},
        {**GOOD, "period": "2024-05"},
        {**GOOD, "unit": "Nm3", "quantity": 3.8},
    ]
    result = read(rows)
    assert not [i for i in result.issues if i.code == "duplicate_row"]
    assert intake.repeated_rows(result.frame, with_reason=True).empty


def test_no_repeats_in_an_empty_frame():
    assert intake.repeated_rows(pd.DataFrame(), with_reason=True).empty
