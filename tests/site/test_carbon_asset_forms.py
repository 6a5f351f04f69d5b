"""The admin forms of carbon assets refuse runs that do not fit (3, 6.3, 6.5): a compliance
period's runs must be approved and within its years; a neutrality statement's runs within its
year and of one boundary. The refusal is on the runs field, in the user's language."""

import pytest

from cems_registers.models import Facility
from cems_site.carbon_assets.forms import CompliancePeriodForm, NeutralityStatementForm
from cems_site.carbon_assets.models import CompliancePeriod, NeutralityStatement

from .test_carbon_assets import english, make_run  # noqa: F401 — fixture

pytestmark = pytest.mark.django_db


class PeriodForm(CompliancePeriodForm):
    class Meta:
        model = CompliancePeriod
        fields = ["name", "first_year", "last_year", "runs"]


class StatementForm(NeutralityStatementForm):
    class Meta:
        model = NeutralityStatement
        fields = ["title", "year", "runs"]


def test_a_period_refuses_a_run_outside_its_years_on_the_runs_field():
    run_2024 = make_run(100, year=2024)
    form = PeriodForm(
        data={
            "name": "全国碳市场 2025",
            "first_year": 2025,
            "last_year": 2025,
            "runs": [run_2024.pk],
        }
    )
    assert not form.is_valid()
    assert form.errors["runs"] == [
        f"Run #{run_2024.pk} covers 2024-01 to 2024-12, outside 2025–2025."
    ]


def test_a_period_takes_an_approved_run_of_its_year():
    run = make_run(100, year=2025)
    form = PeriodForm(
        data={"name": "全国碳市场 2025", "first_year": 2025, "last_year": 2025, "runs": [run.pk]}
    )
    assert "runs" not in form.errors


def test_a_statement_refuses_a_run_of_another_year_and_runs_of_two_boundaries():
    run_2024 = make_run(100, year=2024)
    form = StatementForm(data={"title": "2025 年度碳中和声明", "year": 2025, "runs": [run_2024.pk]})
    assert not form.is_valid()
    assert "outside 2025–2025" in form.errors["runs"][0]

    plant = Facility.objects.create(code="F01", name="总厂")
    one, other = make_run(100), make_run(50)
    one.facilities.set([plant])  # the other covers every facility
    form = StatementForm(data={"title": "2025", "year": 2025, "runs": [one.pk, other.pk]})
    assert not form.is_valid()
    assert form.errors["runs"] == [
        "The runs have different boundaries: a statement covers one boundary."
    ]


def test_a_statement_without_runs_or_year_is_left_to_the_required_fields():
    form = StatementForm(data={"title": "2025", "runs": []})
    assert not form.is_valid()
    assert "year" in form.errors
    assert "runs" not in form.errors or "boundar" not in " ".join(form.errors["runs"])
