"""Accounting runs end to end: demo year → dataset → approval → run → recompute (6.3.1, 6.3.2)."""

import datetime as dt

from django.core.management import call_command
from django.utils import translation

import numpy as np
import pytest

from calculators.demo_data import year_csv
from calculators.models import (
    AccountingRun,
    DatasetStatus,
    FactorSet,
    GwpSet,
    RunResult,
    RunStatus,
)
from calculators.services.datasets import dataset_submit
from calculators.services.runs import run_approve, run_create, run_recompute
from cems_registers.roles import Role

from .factories import builtin_sets, run_2025

JAN = dt.date(2025, 1, 1)
DEC = dt.date(2025, 12, 1)


@pytest.mark.django_db
def test_run_computes_through_the_task_queue(done_run, approved_year):
    run = done_run
    assert run.status == RunStatus.DONE, run.message
    assert run.progress == 100
    assert run.input_rows == approved_year.row_count
    assert run.dataset_ids == [approved_year.pk]
    assert len(run.input_hash) == 64
    assert run.code_version.startswith("cems ")
    assert run.started_at and run.finished_at
    results = RunResult.objects.filter(run=run)
    total = sum(results.values_list("tco2e", flat=True))
    assert total == pytest.approx(run.total_tco2e, rel=1e-9)
    assert run.total_tco2e > 0
    assert set(results.values_list("gas_group", flat=True)) >= {"CO2", "CH4", "N2O", "HFCs", "SF6"}
    # biogenic CO2 is a memo, outside the total (GB/T 32150)
    assert run.biogenic_co2_t > 0
    biomass = results.filter(method="biomass", gas_group="CO2")
    assert all(t == 0 for t in biomass.values_list("tco2e", flat=True))
    # exports are deductions
    assert all(
        t < 0 for t in results.filter(method="exported_electricity").values_list("tco2e", flat=True)
    )
    # every result names its factors
    assert not results.filter(method="purchased_electricity", factors="").exists()
    assert run.intensity["per_t"]["intensity"] == pytest.approx(
        run.total_tco2e / run.intensity["per_t"]["production"]
    )


@pytest.mark.django_db
def test_only_approved_data_counts(enterprise, data_submitter):
    dataset_submit(
        file_bytes=year_csv(2025),
        filename="demo-2025.csv",
        user=data_submitter,
        period_start=JAN,
        period_end=DEC,
    )
    run = run_2025(data_submitter)
    assert run.status == RunStatus.FAILED  # nothing approved: nothing to account, nor approve
    assert run.input_rows == 0
    assert not RunResult.objects.filter(run=run).exists()
    with translation.override("en"):
        assert run.display_message == (
            "No approved activity data from 2025-01 to 2025-12 in this boundary: "
            "nothing to account."
        )
    with translation.override("zh-hans"):
        assert "2025-01" in run.display_message and "No approved" not in run.display_message


@pytest.mark.django_db
def test_a_failed_run_explains_itself_in_the_readers_language(approved_year, data_submitter):
    # a run whose factor sets lack the fuels' factors fails, naming rows in either language
    run = run_create(
        user=data_submitter,
        period_start=JAN,
        period_end=DEC,
        factor_sets=[FactorSet.objects.get(key="CN_heat")],
        gwp_set=GwpSet.objects.get(key="AR5"),
    )
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.problems and {"message", "params"} <= set(run.problems[0])
    with translation.override("en"):
        english = run.display_message
    with translation.override("zh-hans"):
        chinese = run.display_message
    assert english.startswith("Row ") and "more problems" in english
    assert "Material" in english and "net calorific value (ncv)" in english  # names, not keys
    assert chinese.startswith("第 ") and "Row " not in chinese
    assert "物料代码（material）" in chinese or "（material）" in chinese


@pytest.mark.django_db
def test_recompute_of_inputs_that_no_longer_compute_is_an_error(done_run):
    from django.core.management.base import CommandError

    from calculators.models import Factor

    used = [entry["id"] for entry in done_run.factor_set_versions]
    # the run froze its sets; a database from before that rule could still lose factors
    FactorSet.objects.filter(pk__in=used).update(frozen=False)
    Factor.objects.filter(factor_set_id__in=used, material="natural_gas").delete()
    with pytest.raises(CommandError, match="cannot be recomputed"):
        call_command("cems_recompute", str(done_run.pk))


@pytest.mark.django_db
def test_recompute_is_identical(done_run, capsys):
    report = run_recompute(run=done_run)
    assert report.identical
    assert report.input_hash_same
    assert report.differing_rows == 0
    assert report.recomputed_total == pytest.approx(report.stored_total, rel=1e-12)
    call_command("cems_recompute", str(done_run.pk))
    assert "identical" in capsys.readouterr().out


@pytest.mark.django_db
def test_recompute_reports_a_difference(done_run):
    first = RunResult.objects.filter(run=done_run).order_by("id").first()
    RunResult.objects.filter(pk=first.pk).update(tco2e=first.tco2e + 1.0)
    report = run_recompute(run=done_run)
    assert not report.identical
    assert report.differing_rows == 1
    with pytest.raises(SystemExit) as excinfo:
        call_command("cems_recompute", str(done_run.pk))
    assert excinfo.value.code == 1


@pytest.mark.django_db
def test_approved_run_freezes_its_factor_sets(done_run, make_user):
    checker = make_user("checker", Role.DATA_REVIEWERS)
    run_approve(run=done_run, user=checker)
    used = [entry["id"] for entry in done_run.factor_set_versions]
    assert FactorSet.objects.filter(pk__in=used, frozen=False).count() == 0
    from django.core.exceptions import ValidationError

    factor = FactorSet.objects.get(pk=used[0]).factors.first()
    factor.value = 123.0
    with pytest.raises(ValidationError):
        factor.save()


@pytest.mark.django_db
def test_gwp_set_changes_the_result(approved_year, data_submitter):
    totals = {}
    for key in ("SAR", "AR6"):
        run = run_create(
            user=data_submitter,
            period_start=JAN,
            period_end=DEC,
            factor_sets=builtin_sets(),
            gwp_set=GwpSet.objects.get(key=key),
        )
        run.refresh_from_db()
        totals[key] = run.total_tco2e
        hfc = RunResult.objects.filter(run=run, gas_group="SF6").first()
        assert hfc.gwp == {"SAR": 23900.0, "AR6": 25200.0}[key]
    assert totals["SAR"] != totals["AR6"]
    assert np.isfinite(list(totals.values())).all()


@pytest.mark.django_db
def test_cems_run_command(approved_year, data_reviewer, capsys):
    call_command(
        "cems_run", "--year", "2025", "--gwp", "AR5", "--approve-as", data_reviewer.username
    )
    run = AccountingRun.objects.get()
    assert run.status == RunStatus.APPROVED
    assert run.approved_by == data_reviewer
    assert f"run {run.pk}" in capsys.readouterr().out
    # the rules are stored as the run form stores them (GB/T 32150 exclude by default)
    assert run.options == {"biomass": "exclude", "ch4": "auto", "electricity": "calorific"}


@pytest.mark.django_db
def test_run_reads_a_fixed_number_of_queries(done_run, django_assert_max_num_queries):
    from calculators.run_adapter import run_inputs

    run = AccountingRun.objects.select_related("gwp_set").get(pk=done_run.pk)
    with django_assert_max_num_queries(7):
        inputs = run_inputs(run)
    assert len(inputs.activity) == done_run.input_rows
    assert approved_status(done_run)


def approved_status(run) -> bool:
    from calculators.models import Dataset

    return all(
        status == DatasetStatus.APPROVED
        for status in Dataset.objects.filter(pk__in=run.dataset_ids).values_list(
            "status", flat=True
        )
    )


@pytest.mark.django_db
def test_admin_run_create_progress_and_list(
    client, approved_year, data_submitter, django_assert_max_num_queries
):
    from django.urls import reverse

    client.force_login(data_submitter)
    sets = builtin_sets()
    response = client.post(
        reverse("calculators_run_create"),
        {
            "name": "FY2025",
            "period_start": "2025-01",
            "period_end": "2025-12",
            "factor_sets": [fs.pk for fs in sets],
            "gwp_set": GwpSet.objects.get(key="AR5").pk,
            "biomass": "memo",
        },
    )
    run = AccountingRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("calculators_run_detail", args=[run.pk])
    assert run.status == RunStatus.DONE
    assert run.options == {"biomass": "memo", "ch4": "auto", "electricity": "calorific"}
    status = client.get(reverse("calculators_run_status", args=[run.pk])).json()
    assert status["progress"] == 100
    assert status["total_tco2e"] == pytest.approx(run.total_tco2e)
    detail = client.get(reverse("calculators_run_detail", args=[run.pk]))
    assert reverse("calculators_run_results", args=[run.pk]).encode() in detail.content
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("calculators_run_list"))
    assert b"FY2025" in listing.content


@pytest.mark.django_db
def test_admin_run_create_rejects_reversed_period(client, approved_year, data_submitter):
    from django.urls import reverse

    client.force_login(data_submitter)
    response = client.post(
        reverse("calculators_run_create"),
        {
            "period_start": "2025-12",
            "period_end": "2025-01",
            "factor_sets": [builtin_sets()[0].pk],
            "gwp_set": GwpSet.objects.get(key="AR5").pk,
            "biomass": "memo",
        },
    )
    assert response.status_code == 200
    assert not AccountingRun.objects.exists()


@pytest.mark.django_db
def test_run_precedence_user_sets_then_library_priority(data_submitter):
    from .factories import FactorSetFactory

    own = FactorSetFactory()
    run = run_create(
        user=data_submitter,
        period_start=JAN,
        period_end=DEC,
        factor_sets=[*builtin_sets(), own],  # alphabetical, user set last
        gwp_set=GwpSet.objects.get(key="AR5"),
        enqueue=False,
    )
    keys = [entry["key"] for entry in run.factor_set_versions]
    assert keys[0] == own.key
    assert keys.index("CN_guideline_fuel_setA") < keys.index("CN_MEE_power_2022")
    assert keys.index("CN_elec_stat_2023") < keys.index("CN_ETS_grid_2022")


def _approve_url(run):
    from django.urls import reverse

    return reverse("calculators_run_approve", args=[run.pk])


def _detail(client, run, language="en") -> str:
    from django.urls import reverse

    url = reverse("calculators_run_detail", args=[run.pk])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.mark.django_db
def test_approval_asks_for_confirmation_and_a_comment_which_the_run_keeps(
    client, make_user, data_reviewer
):
    run = _plain_run(make_user("maker", Role.DATA_SUBMITTERS))
    client.force_login(data_reviewer)
    html = _detail(client, run)
    assert 'name="confirm"' in html and 'name="comment"' in html
    assert "CN_heat v1 stay frozen" in html  # says what approval freezes
    # without confirmation nothing happens, and the comment typed is kept on the page
    response = client.post(_approve_url(run), {"comment": "totals match the meters"})
    assert response.status_code == 200
    assert "totals match the meters" in response.content.decode()
    assert AccountingRun.objects.get(pk=run.pk).status == RunStatus.DONE
    # without a comment neither
    client.post(_approve_url(run), {"comment": "  ", "confirm": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert AccountingRun.objects.get(pk=run.pk).status == RunStatus.DONE
    response = client.post(
        _approve_url(run), {"comment": "totals match the meters", "confirm": "on"}
    )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    assert run.approval_comment == "totals match the meters"
    assert "totals match the meters" in _detail(client, run)


def _plain_run(user) -> AccountingRun:
    """A done run without results (approval needs none), using CN_heat v1."""
    heat = FactorSet.objects.get(key="CN_heat", version=1)
    run = AccountingRun.objects.create(
        period_start=JAN,
        period_end=DEC,
        gwp_set=GwpSet.objects.get(key="AR5"),
        created_by=user,
        status=RunStatus.DONE,
        factor_set_versions=[{"id": heat.pk, "key": heat.key, "version": heat.version}],
    )
    run.factor_sets.set([heat])
    return run


@pytest.mark.django_db
def test_a_run_of_the_only_data_reviewer_says_why_it_waits_and_who_can_approve(
    client, make_user, data_reviewer
):
    run = _plain_run(data_reviewer)
    client.force_login(data_reviewer)
    html = _detail(client, run)
    assert 'name="confirm"' not in html
    assert "You created this run, so you may not approve it yourself" in html
    assert "Nobody may approve it yet" in html
    chinese = _detail(client, run, "zh-hans")
    assert "此核算批次由您创建" in chinese and "暂无人可以批准" in chinese
    make_user("rev2", Role.DATA_REVIEWERS, first_name="Li", last_name="Na")
    html = _detail(client, run)
    assert "Who may approve it: Li Na" in html and "Nobody may approve it yet" not in html
    # the submitter who created a run reads who will approve it
    maker = make_user("maker", Role.DATA_SUBMITTERS)
    other = _plain_run(maker)
    client.force_login(maker)
    html = _detail(client, other)
    assert "Waits for approval by a data reviewer other than maker" in html
    assert "Who may approve it: datareviewer, Li Na" in html
