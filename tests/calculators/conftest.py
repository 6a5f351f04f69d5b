"""Fixtures of the calculators' Django tests (the pure core's tests need none)."""

import pytest

from calculators.demo_data import year_csv
from calculators.services.datasets import dataset_review, dataset_submit
from cems_registers.demo import accounting_registers

from .factories import DEC_2025, JAN_2025, run_2025


@pytest.fixture
def enterprise(db):
    """The demo enterprise's facilities and emission sources."""
    return accounting_registers()


@pytest.fixture
def approved_year(enterprise, data_submitter, data_reviewer):
    result = dataset_submit(
        file_bytes=year_csv(2025),
        filename="demo-2025.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    )
    dataset_review(dataset=result.dataset, user=data_reviewer, approve=True)
    return result.dataset


@pytest.fixture
def done_run(approved_year, data_submitter):
    """The 2025 demo year accounted (done, not approved)."""
    return run_2025(data_submitter, biomass="memo")
