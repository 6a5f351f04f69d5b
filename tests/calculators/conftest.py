"""Fixtures of the calculators' Django tests (the pure core's tests need none)."""

import pytest

from calculators.demo_data import year_csv
from calculators.models import GwpSet
from calculators.services.datasets import dataset_review, dataset_submit
from calculators.services.runs import run_create

from .factories import DEC_2025, JAN_2025, builtin_sets, enterprise_registers


@pytest.fixture
def enterprise(db):
    """The demo enterprise's facilities and emission sources."""
    return enterprise_registers()


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
    run = run_create(
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
        factor_sets=builtin_sets(),
        gwp_set=GwpSet.objects.get(key="AR5"),
        options={"biomass": "memo"},
    )
    run.refresh_from_db()
    return run
