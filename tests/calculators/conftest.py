"""Fixtures of the calculators' Django tests (the pure core's tests need none).

The demo enterprise, its approved 2025 data and the 2025 run are fixture layers
(tests/layers.py): built once per module, rolled back to a savepoint when a test needs less.
"""

from calculators.demo_data import year_csv
from calculators.services.datasets import dataset_review, dataset_submit
from cems_registers.demo import accounting_registers
from cems_registers.models import EmissionSource, Facility
from cems_registers.roles import Role

from ..layers import layer
from ..users import role_user
from .factories import DEC_2025, JAN_2025, run_2025


def _fresh_enterprise(value: dict) -> dict:
    facilities = Facility.objects.in_bulk([f.pk for f in value["facilities"].values()])
    sources = EmissionSource.objects.in_bulk([s.pk for s in value["sources"].values()])
    return {
        "facilities": {code: facilities[f.pk] for code, f in value["facilities"].items()},
        "sources": {code: sources[s.pk] for code, s in value["sources"].items()},
    }


def _fresh(instance):
    return type(instance).objects.get(pk=instance.pk)


@layer("enterprise", fresh=_fresh_enterprise)
def enterprise(built):
    """The demo enterprise's facilities and emission sources."""
    return accounting_registers()


@layer("approved_year", requires=("enterprise",), fresh=_fresh)
def approved_year(built):
    """The demo's 2025 activity data, submitted by ``submitter`` and approved by ``datareviewer``."""
    result = dataset_submit(
        file_bytes=year_csv(2025),
        filename="demo-2025.csv",
        user=role_user("submitter", Role.DATA_SUBMITTERS),
        period_start=JAN_2025,
        period_end=DEC_2025,
    )
    reviewer = role_user("datareviewer", Role.DATA_REVIEWERS)
    dataset_review(dataset=result.dataset, user=reviewer, approve=True)
    return result.dataset


@layer("done_run", requires=("approved_year",), fresh=_fresh)
def done_run(built):
    """The 2025 demo year accounted (done, not approved)."""
    return run_2025(role_user("submitter", Role.DATA_SUBMITTERS), biomass="memo")
