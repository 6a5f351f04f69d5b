"""The source register's scope and category survive into results and reports (6.3.1 c, issue 8.5)."""

import pandas as pd
import pytest

from calculators.core.engine import compute
from calculators.core.factors import FactorTable
from calculators.models import RunResult, RunStatus
from calculators.reports.context import category_label
from calculators.services.datasets import dataset_review, dataset_submit
from cems_registers.models import EmissionSource, Facility

from .factories import DEC_2025, JAN_2025, electricity_row, gas_row, run_2025, template_csv


def frame(**columns) -> pd.DataFrame:
    base = {
        "row": [2, 3],
        "source": ["S01", "S90"],
        "period": ["2025-01", "2025-01"],
        "method": ["fuel_cn", "fuel_cn"],
        "material": ["natural_gas", "natural_gas"],
        "quantity": [3.8, 1.0],
        "unit": ["万Nm3", "万Nm3"],
    }
    return pd.DataFrame({**base, **columns})


TABLE = FactorTable.default()


def compute_rows(activity: pd.DataFrame) -> pd.DataFrame:
    return compute(activity, TABLE, gwp_set="AR5")


def test_a_category_outside_gbt32150_is_kept_not_replaced_by_the_method_default():
    result = compute_rows(frame(scope=[1, 3], category=["fuel_combustion", "other"]))
    assert list(result["scope"]) == [1, 3]
    assert list(result["category"].astype(str)) == ["fuel_combustion", "other"]


def test_a_scope3_category_name_of_the_users_own_is_kept():
    result = compute_rows(frame(scope=[1, 3], category=["", "business_travel"]))
    # blank → the method's default; any other word is the register's and stays
    assert list(result["category"].astype(str)) == ["fuel_combustion", "business_travel"]


def test_without_a_category_column_the_method_default_applies():
    result = compute_rows(frame())
    assert list(result["category"].astype(str)) == ["fuel_combustion", "fuel_combustion"]


def test_other_has_a_label_in_both_languages(settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert category_label("other") == "其他"
    with translation.override("en"):
        assert category_label("other") == "Other"


@pytest.mark.django_db
def test_a_scope3_source_is_stored_with_its_own_scope_and_category(
    enterprise, data_submitter, data_reviewer
):
    EmissionSource.objects.create(
        code="S90",
        name="员工通勤班车",
        name_en="Staff shuttle buses",
        facility=Facility.objects.get(code="F01"),
        kind="combustion_equipment",
        material_key="natural_gas",
        scope=3,
        category="other",
    )
    rows = [gas_row(), electricity_row(), gas_row(source="S90", quantity=1.0)]
    result = dataset_submit(
        file_bytes=template_csv(rows),
        filename="scope3.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    )
    dataset_review(dataset=result.dataset, user=data_reviewer, approve=True)
    run = run_2025(data_submitter)
    assert run.status == RunStatus.DONE, run.message
    s90 = RunResult.objects.filter(run=run, source__code="S90")
    assert set(s90.values_list("scope", "category")) == {(3, "other")}
    s01 = RunResult.objects.filter(run=run, source__code="S01")
    assert set(s01.values_list("scope", "category")) == {(1, "fuel_combustion")}
