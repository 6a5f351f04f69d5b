"""A run's factors stay what it computed with (6.3.2): finished runs freeze their sets,
approval refuses a run whose factors changed since, and every approved run recomputes
exactly (issue 8 B)."""

import io

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

import pytest

from calculators.core.factors import set_digests
from calculators.models import AccountingRun, Factor, FactorSet, RunStatus
from calculators.services.factors import factor_set_new_version, factor_sets_changed
from calculators.services.runs import run_approve
from cems_registers.roles import Role

pytestmark = pytest.mark.django_db

EAST_GRID = {"material": "electricity_cn_east", "parameter": "ef", "gas": "CO2"}


def _east_grid_factor(run: AccountingRun) -> Factor:
    """The factor of the issue's example (华东 0.5617 tCO2/MWh) in the run's sets."""
    ids = [entry["id"] for entry in run.factor_set_versions]
    return Factor.objects.get(
        factor_set_id__in=ids, factor_set__key="CN_elec_stat_2022", **EAST_GRID
    )


def test_a_finished_run_freezes_its_sets_at_once(done_run):
    assert done_run.status == RunStatus.DONE
    used = [entry["id"] for entry in done_run.factor_set_versions]
    assert used
    assert not FactorSet.objects.filter(pk__in=used, frozen=False).exists()
    factor = _east_grid_factor(done_run)
    assert factor.value == pytest.approx(0.5617)
    factor.value = 0.1
    with pytest.raises(ValidationError) as excinfo:
        factor.save()
    assert excinfo.value.code == "frozen"
    factor.refresh_from_db()
    assert factor.value == pytest.approx(0.5617)


def test_every_set_entry_keeps_the_digest_of_the_rows_it_computed_with(done_run):
    from calculators import selectors

    ids = [entry["id"] for entry in done_run.factor_set_versions]
    digests = set_digests(selectors.factor_frame(ids))
    for entry in done_run.factor_set_versions:
        assert entry["sha256"] == digests[(entry["key"], entry["version"])]
    assert factor_sets_changed(entries=done_run.factor_set_versions) == []


def test_edits_go_to_a_new_version_that_the_done_run_does_not_see(done_run, make_user):
    admin = make_user("admin", superuser=True)
    factor = _east_grid_factor(done_run)
    new = factor_set_new_version(factor_set=factor.factor_set, user=admin)
    copy = new.factors.get(**EAST_GRID)
    copy.value = 0.1
    copy.save()
    checker = make_user("checker", Role.DATA_REVIEWERS)
    approved = run_approve(run=done_run, user=checker)
    assert approved.status == RunStatus.APPROVED
    out = io.StringIO()
    call_command("cems_recompute", str(done_run.pk), stdout=out)
    assert "input hash same" in out.getvalue() and "identical" in out.getvalue()


def test_approval_refuses_a_run_whose_factors_changed_since_it_computed(done_run, make_user):
    factor = _east_grid_factor(done_run)
    # a write that bypasses the model's guard (queryset update, a legacy database)
    Factor.objects.filter(pk=factor.pk).update(value=0.1)
    checker = make_user("checker", Role.DATA_REVIEWERS)
    with pytest.raises(ValidationError) as excinfo:
        run_approve(run=done_run, user=checker)
    assert excinfo.value.code == "factors_changed"
    label = f"CN_elec_stat_2022 v{factor.factor_set.version}"
    assert label in excinfo.value.messages[0]
    done_run.refresh_from_db()
    assert done_run.status == RunStatus.DONE and done_run.approved_by is None


def test_approval_page_says_why_it_refused(client, done_run, make_user):
    factor = _east_grid_factor(done_run)
    Factor.objects.filter(pk=factor.pk).update(value=0.1)
    checker = make_user("checker", Role.DATA_REVIEWERS)
    client.force_login(checker)
    response = client.post(
        reverse("calculators_run_approve", args=[done_run.pk]),
        {"comment": "checked", "confirm": "on"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "CN_elec_stat_2022" in response.content.decode()
    assert "changed after this run was computed" in response.content.decode()
    done_run.refresh_from_db()
    assert done_run.status == RunStatus.DONE


@pytest.mark.parametrize("changed", [False, True])
def test_a_run_without_set_digests_is_checked_by_its_whole_input_hash(done_run, make_user, changed):
    legacy = [{k: v for k, v in e.items() if k != "sha256"} for e in done_run.factor_set_versions]
    AccountingRun.objects.filter(pk=done_run.pk).update(factor_set_versions=legacy)
    if changed:
        Factor.objects.filter(pk=_east_grid_factor(done_run).pk).update(value=0.1)
    checker = make_user("checker", Role.DATA_REVIEWERS)
    if changed:
        with pytest.raises(ValidationError) as excinfo:
            run_approve(run=done_run, user=checker)
        assert excinfo.value.code == "inputs_changed"
    else:
        assert run_approve(run=done_run, user=checker).status == RunStatus.APPROVED


@pytest.mark.slow
def test_every_approved_run_of_the_demo_recomputes_exactly(
    enterprise, data_submitter, data_reviewer, auditor, make_user
):
    from calculators.demo import load_demo

    users = {"submitter": data_submitter, "datareviewer": data_reviewer, "auditor": auditor}
    load_demo(users=users, stdout=io.StringIO())
    finished = list(AccountingRun.objects.filter(status__in=[RunStatus.DONE, RunStatus.APPROVED]))
    assert finished
    # the path: a data reviewer edits a factor that finished runs used, then approves
    ids = [entry["id"] for entry in finished[0].factor_set_versions]
    factor = Factor.objects.filter(factor_set_id__in=ids, material="electricity_cn_east").first()
    factor.value = 0.1
    with pytest.raises(ValidationError):
        factor.save()
    checker = make_user("checker", Role.DATA_REVIEWERS)
    for run in finished:
        if run.status == RunStatus.DONE:
            run_approve(run=run, user=checker)
    approved = AccountingRun.objects.filter(status=RunStatus.APPROVED)
    assert approved.count() == len(finished)
    for run in approved:
        out = io.StringIO()
        call_command("cems_recompute", str(run.pk), stdout=out)
        assert "input hash same" in out.getvalue(), out.getvalue()
        assert "identical" in out.getvalue()
