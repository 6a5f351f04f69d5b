"""Data completeness: which sources have approved data for which months (8.5, 9.1)."""

import datetime as dt

import pytest

from calculators.selectors import data_completeness
from calculators.services.datasets import dataset_review, dataset_submit
from cems_registers.models import EmissionSource

from .factories import DEC_2025, JAN_2025, electricity_row, gas_row, template_csv


def submit(rows, user):
    return dataset_submit(
        file_bytes=template_csv(rows),
        filename="c.csv",
        user=user,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset


@pytest.mark.django_db
def test_missing_months_are_listed_per_source_and_only_approved_data_counts(
    enterprise, data_submitter, data_reviewer, django_assert_num_queries
):
    approved = submit(
        [gas_row("2025-01"), gas_row("2025-02"), electricity_row("2025-01")], data_submitter
    )
    dataset_review(dataset=approved, user=data_reviewer, approve=True)
    submit([gas_row("2025-03", quantity=9)], data_submitter)  # submitted only: does not count
    with django_assert_num_queries(2):
        result = data_completeness(year=2025, through=dt.date(2025, 3, 1))
    by_code = {s["code"]: s for s in result["sources"]}
    assert by_code["S01"]["have"][:4] == [True, True, False, False]
    assert by_code["S01"]["missing"] == [dt.date(2025, 3, 1)]
    assert by_code["S18"]["missing"] == [dt.date(2025, 2, 1), dt.date(2025, 3, 1)]
    in_boundary = EmissionSource.objects.filter(in_boundary=True, facility__in_boundary=True)
    assert len(result["sources"]) == in_boundary.count()
    assert result["due"] == 3 * in_boundary.count()
    assert result["present"] == 3
    assert result["share"] == pytest.approx(3 / result["due"])


@pytest.mark.django_db
def test_months_after_the_last_expected_one_are_not_missing(enterprise):
    result = data_completeness(year=2025, through=dt.date(2025, 1, 1))
    assert all(len(s["missing"]) == 1 for s in result["sources"])
