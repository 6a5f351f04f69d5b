"""Two reviewers approving the same dataset, run, objective or plan: exactly one approval
happens and the other is told who approved it and when (8.5, 9.1, 5.1; issue 13 §4).

The stale cases (the second reviewer's page loaded before the first approved) run in the
test's transaction on either database. The races run two threads released together by a
barrier, each on its own connection, so they need committed rows: those tests are
transactional and reload the migrated data (``serialized_rollback``) around their flush.
"""

import threading
import time

from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.urls import reverse

import pytest

from calculators.demo_data import year_csv
from calculators.models import AccountingRun, Dataset, DatasetStatus, RunStatus
from calculators.services.datasets import dataset_review, dataset_submit
from calculators.services.runs import run_approve
from cems_registers import models as m
from cems_registers.concurrency import claim_status, when_text
from cems_registers.demo import accounting_registers
from cems_registers.people import person_name
from cems_registers.roles import Role
from cems_registers.services.monitoring_plans import monitoring_plan_approve
from cems_registers.services.objectives import objective_approve

from ..cems_registers import factories as rf
from .factories import DEC_2025, JAN_2025, run_2025


@pytest.fixture
def reviewers(make_user):
    first = make_user("reviewer_zhao", Role.DATA_REVIEWERS)
    first.first_name, first.last_name = "敏", "赵"
    first.save()
    return first, make_user("reviewer_qian", Role.DATA_REVIEWERS)


def _submitted(user) -> Dataset:
    return dataset_submit(
        file_bytes=year_csv(2025),
        filename="race-2025.csv",
        user=user,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset


# --- the stale case: the second reviewer's page was loaded before the first approved ------


def test_second_review_of_a_dataset_names_who_approved_it(enterprise, data_submitter, reviewers):
    first, second = reviewers
    dataset = _submitted(data_submitter)
    stale = Dataset.objects.get(pk=dataset.pk)  # what the second reviewer's page holds
    dataset_review(dataset=dataset, user=first, approve=True)
    with pytest.raises(ValidationError) as refused:
        dataset_review(dataset=stale, user=second, approve=True)
    dataset.refresh_from_db()
    assert refused.value.code == "reviewed"
    message = " ".join(refused.value.messages)
    assert person_name(first) in message and when_text(dataset.reviewed_at) in message
    assert (dataset.status, dataset.reviewed_by) == (DatasetStatus.APPROVED, first)


def test_second_review_through_the_admin_in_both_languages(
    client, enterprise, data_submitter, reviewers
):
    first, second = reviewers
    dataset = _submitted(data_submitter)
    url = reverse("calculators_dataset_review", args=[dataset.pk])
    client.force_login(first)
    response = client.post(url, {"decision": "approve"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert b"approved" in response.content.lower()
    client.force_login(second)
    for language, expected in (
        ("en", "was already approved by 赵敏 at"),
        ("zh-hans", "已由 赵敏 于"),
    ):
        response = client.post(
            url, {"decision": "approve"}, follow=True, HTTP_ACCEPT_LANGUAGE=language
        )
        assert expected in response.content.decode(), language
    dataset.refresh_from_db()
    assert dataset.reviewed_by == first


def test_second_approval_of_a_run_names_who_approved_it(done_run, reviewers):
    first, second = reviewers
    stale = AccountingRun.objects.get(pk=done_run.pk)
    run_approve(run=done_run, user=first)
    with pytest.raises(ValidationError) as refused:
        run_approve(run=stale, user=second)
    run = AccountingRun.objects.get(pk=done_run.pk)
    assert refused.value.code == "approved"
    assert person_name(first) in refused.value.messages[0]
    assert when_text(run.approved_at) in refused.value.messages[0]
    assert (run.status, run.approved_by) == (RunStatus.APPROVED, first)


def test_second_top_manager_approving_an_objective(client, make_user):
    objective = rf.IndicatorFactory().objective
    ceo = make_user("ceo_sun", Role.TOP_MANAGEMENT)
    deputy = make_user("ceo_zhou", Role.TOP_MANAGEMENT)
    url = reverse("wagtailsnippets_cems_registers_objective:approve", args=[objective.pk])
    client.force_login(ceo)
    assert client.post(url).status_code == 302
    client.force_login(deputy)
    response = client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    objective.refresh_from_db()
    assert f"was already approved by ceo_sun at {when_text(objective.approved_at)}" in (
        response.content.decode()
    )
    assert objective.approved_by == ceo


def test_second_approval_of_a_monitoring_plan(make_user):
    plan = m.MonitoringPlan.objects.create(
        code="MP-R",
        title="监测计划",
        boundary=rf.FacilityFactory(),
        effective_from=JAN_2025,
        status=m.MonitoringPlanStatus.SUBMITTED,
    )
    ceo = make_user("ceo_wu", Role.TOP_MANAGEMENT)
    monitoring_plan_approve(plan=plan, user=ceo)
    with pytest.raises(ValidationError) as refused:
        monitoring_plan_approve(plan=plan, user=make_user("ceo_zheng", Role.TOP_MANAGEMENT))
    assert refused.value.code == "approved"
    assert "ceo_wu" in refused.value.messages[0]


def test_objective_service_refuses_a_second_approval(make_user):
    objective = rf.IndicatorFactory().objective
    objective_approve(objective=objective, user=make_user("ceo_a", Role.TOP_MANAGEMENT))
    with pytest.raises(ValidationError):
        objective_approve(objective=objective, user=make_user("ceo_b", Role.TOP_MANAGEMENT))


# --- races: two threads released together ----------------------------------------------


def race(*calls):
    """Run ``calls`` in threads released by one barrier; each outcome is ("ok", value),
    ("refused", ValidationError) or ("error", exception). Every thread closes its connection."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            outcomes[index] = ("ok", call(barrier))
        except ValidationError as exc:
            outcomes[index] = ("refused", exc)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion
            outcomes[index] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert all(not thread.is_alive() for thread in threads)
    return outcomes


@pytest.fixture(scope="module")
def _reload_migrated_data(django_db_blocker):
    """The transactional tests end with a flush; the migrated data (role groups, factor
    library, root page) is put back for whatever runs next on this database, a later
    ``--reuse-db`` run included."""
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents:
                connections[alias].creation.deserialize_db_from_string(contents)


def _reviewing(dataset_id, user):
    def call(barrier):
        barrier.wait(timeout=60)
        return dataset_review(dataset=Dataset(pk=dataset_id), user=user, approve=True)

    return call


def _approving(run_id, user):
    def call(barrier):
        barrier.wait(timeout=60)
        return run_approve(run=AccountingRun(pk=run_id), user=user)

    return call


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_at_once_one_approval(make_user, _reload_migrated_data):
    """Dataset, then run: of two reviewers released together exactly one approves, the other
    is told who did; one status change, one reviewer recorded."""
    accounting_registers()
    submitter = make_user("submitter", Role.DATA_SUBMITTERS)
    first = make_user("race_a", Role.DATA_REVIEWERS)
    second = make_user("race_b", Role.DATA_REVIEWERS)
    dataset = _submitted(submitter)

    outcomes = race(_reviewing(dataset.pk, first), _reviewing(dataset.pk, second))
    kinds = sorted(kind for kind, _value in outcomes)
    assert kinds == ["ok", "refused"], outcomes
    dataset.refresh_from_db()
    winner = first if outcomes[0][0] == "ok" else second
    refusal = next(value for kind, value in outcomes if kind == "refused")
    assert (dataset.status, dataset.reviewed_by) == (DatasetStatus.APPROVED, winner)
    assert person_name(winner) in refusal.messages[0]

    run = run_2025(submitter)
    assert run.status == RunStatus.DONE
    outcomes = race(_approving(run.pk, first), _approving(run.pk, second))
    assert sorted(kind for kind, _value in outcomes) == ["ok", "refused"], outcomes
    run.refresh_from_db()
    winner = first if outcomes[0][0] == "ok" else second
    assert (run.status, run.approved_by) == (RunStatus.APPROVED, winner)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_conditional_update_lets_one_of_two_readers_through(_reload_migrated_data):
    """Both transactions read the record as submitted before either writes; the conditional
    UPDATE still matches for one only (PostgreSQL re-checks the row after the first commits).
    SQLite serialises writers at ``BEGIN IMMEDIATE``, so there the barrier comes before."""
    facility = rf.FacilityFactory()
    plan = m.MonitoringPlan.objects.create(
        code="MP-C",
        title="监测计划",
        boundary=facility,
        effective_from=JAN_2025,
        status=m.MonitoringPlanStatus.SUBMITTED,
    )
    in_transaction = connection.vendor == "postgresql"

    def claim(barrier):
        if not in_transaction:
            barrier.wait(timeout=60)
        with transaction.atomic():
            seen = m.MonitoringPlan.objects.get(pk=plan.pk).status
            if in_transaction:
                barrier.wait(timeout=60)
            claimed = claim_status(
                m.MonitoringPlan,
                plan.pk,
                expected=m.MonitoringPlanStatus.SUBMITTED,
                status=m.MonitoringPlanStatus.APPROVED,
            )
            time.sleep(0.3)  # hold the row while the other waits
        return seen, claimed

    outcomes = race(claim, claim)
    assert [kind for kind, _value in outcomes] == ["ok", "ok"], outcomes
    claims = sorted(value[1] for _kind, value in outcomes)
    assert claims == [False, True]
    if in_transaction:
        assert [value[0] for _kind, value in outcomes] == ["submitted", "submitted"]
    assert m.MonitoringPlan.objects.get(pk=plan.pk).status == m.MonitoringPlanStatus.APPROVED
