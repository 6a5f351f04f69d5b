"""Admin pages of the accounting part as their readers see them (8.5, 9.1, 9.2)."""

from django.urls import reverse
from django.utils import translation

import pytest

from calculators.models import Dataset, FactorSet, RunStatus
from calculators.services.datasets import dataset_submit
from calculators.services.factors import factor_sets_freeze
from cems_registers.models import EmissionSource

from .factories import DEC_2025, JAN_2025, gas_row, run_2025, template_csv


@pytest.mark.django_db
def test_auditor_reads_factor_history_and_usage(client, auditor):
    factor_set = FactorSet.objects.filter(is_builtin=True).first()
    factor = factor_set.factors.first()
    client.force_login(auditor)
    for model, pk in (("factorset", factor_set.pk), ("factor", factor.pk)):
        for view in ("history", "usage"):
            url = reverse(f"wagtailsnippets_calculators_{model}:{view}", args=[pk])
            assert client.get(url).status_code == 200, (model, view)
        edit = reverse(f"wagtailsnippets_calculators_{model}:edit", args=[pk])
        assert client.get(edit).status_code != 200  # reading is not editing


@pytest.mark.django_db
def test_factor_set_list_names_and_flags_in_the_readers_language(client, data_reviewer):
    factor_set = FactorSet.objects.get(key="CN_heat")
    factor_sets_freeze(factor_set_ids=[factor_set.pk])
    client.force_login(data_reviewer)
    url = reverse("wagtailsnippets_calculators_factorset:list")
    english = client.get(url, {"q": "CN_heat"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert factor_set.name_en in english and factor_set.name not in english
    chinese = client.get(url, {"q": "CN_heat"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert factor_set.name in chinese
    assert ">True<" not in chinese and ">False<" not in chinese


@pytest.mark.django_db
def test_dataset_rows_page_through_every_row(client, enterprise, data_submitter, data_reviewer):
    rows = [gas_row(period=f"2025-{i % 12 + 1:02d}", quantity=1.0 + i) for i in range(231)]
    dataset = dataset_submit(
        file_bytes=template_csv(rows),
        filename="many.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset
    assert dataset.row_count == 231
    client.force_login(data_reviewer)
    url = reverse("calculators_dataset_detail", args=[dataset.pk])
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Rows 1–200 of 231" in first and "?page=2" in first
    second = client.get(url, {"page": 2}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Rows 201–231 of 231" in second
    source = EmissionSource.objects.get(code="S01")
    assert source.name_en in second and source.name not in second
    response = client.post(
        reverse("calculators_dataset_review", args=[dataset.pk]),
        {"decision": "reject"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert b"Dataset rejected" in response.content
    assert Dataset.objects.get(pk=dataset.pk).status == "rejected"
    response = client.post(
        reverse("calculators_dataset_review", args=[dataset.pk]),
        {"decision": "approve"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert b"already been reviewed (Rejected)" in response.content


@pytest.mark.django_db
def test_run_detail_shows_options_in_words_and_grouped_totals(
    client, enterprise, data_submitter, data_reviewer
):
    from calculators.services.datasets import dataset_review

    dataset = dataset_submit(
        file_bytes=template_csv([gas_row(quantity=3000.0)]),
        filename="big.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset
    dataset_review(dataset=dataset, user=data_reviewer, approve=True)
    run = run_2025(data_submitter, biomass="memo")
    assert run.status == RunStatus.DONE and run.total_tco2e > 1000
    client.force_login(data_reviewer)
    with translation.override("en"):
        page = client.get(
            reverse("calculators_run_detail", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "{&#x27;biomass&#x27;" not in page and "{'biomass'" not in page
    assert (
        "Biomass combustion: Memo (GHG Protocol, ISO 14064-1): biogenic CO2 apart, "
        "CH4 and N2O counted" in page
    )
    assert f"{run.total_tco2e:,.3f}" in page
