"""Rows that repeat another but say why are accepted and listed for the reviewer (8.5)."""

import datetime as dt

import pytest

from calculators.selectors import dataset_repeats
from calculators.services.datasets import dataset_submit

from .factories import DEC_2025, JAN_2025, electricity_row, gas_row, template_csv


@pytest.mark.django_db
def test_repeats_with_a_reason_are_listed_with_their_reasons(enterprise, data_submitter):
    rows = [
        gas_row(note="第一车"),
        gas_row(note="第二车"),
        electricity_row(),
        gas_row(period="2025-02"),
        electricity_row(data_source="电费发票 2"),
    ]
    dataset = dataset_submit(
        file_bytes=template_csv(rows),
        filename="repeats.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset
    repeats = dataset_repeats(dataset)
    assert [(g["source"], g["first"], g["rows"]) for g in repeats] == [
        ("S01", 2, [3]),
        ("S18", 4, [6]),
    ]
    assert repeats[0]["period"] == dt.date(2025, 1, 1)
    assert repeats[0]["reasons"] == [(2, "", "第一车"), (3, "", "第二车")]
    assert repeats[1]["reasons"][1] == (6, "电费发票 2", "")


@pytest.mark.django_db
def test_a_dataset_without_repeats_lists_none_in_one_query(
    enterprise, data_submitter, django_assert_num_queries
):
    dataset = dataset_submit(
        file_bytes=template_csv([gas_row(), electricity_row()]),
        filename="plain.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset
    with django_assert_num_queries(1):
        assert dataset_repeats(dataset) == []


@pytest.mark.django_db
def test_the_reviewer_sees_the_repeats_highlighted(
    enterprise, data_submitter, data_reviewer, client
):
    dataset = dataset_submit(
        file_bytes=template_csv([gas_row(note="第一车"), gas_row(note="第二车")]),
        filename="repeats.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset
    client.force_login(data_reviewer)
    body = client.get(
        f"/admin/calculators/datasets/{dataset.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert 'id="dataset-repeats"' in body
    assert "第一车" in body and "第二车" in body
    assert body.count('class="cems-repeated"') == 2
