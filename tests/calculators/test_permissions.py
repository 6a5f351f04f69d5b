"""Every role's allowed and denied actions on submission, review and runs (5.3, 8.5)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from calculators.models import (
    AccountingRun,
    Dataset,
    DatasetStatus,
    FactorSet,
    GwpSet,
    RunStatus,
)
from calculators.services.datasets import dataset_review
from calculators.services.runs import run_approve
from cems_registers.roles import Role

from ..refusals import assert_denied_in_admin

ROLES = list(Role)

#: What the roles that read the accounting without doing it hold (5.1, 5.3, 9.5).
READS_ACCOUNTING = {
    "add_dataset": False,
    "review_dataset": False,
    "view_dataset": True,
    "add_accountingrun": False,
    "approve_accountingrun": False,
    "view_accountingrun": True,
    "view_runresult": True,
    "change_factor": False,
    "view_factor": True,
}

#: role → permission → allowed
EXPECTED = {
    Role.DATA_SUBMITTERS: {
        "add_dataset": True,
        "review_dataset": False,
        "view_dataset": True,
        "add_accountingrun": True,
        "approve_accountingrun": False,
        "view_accountingrun": True,
        "change_factor": False,
        "view_factor": True,
    },
    Role.DATA_REVIEWERS: {
        "add_dataset": False,
        "review_dataset": True,
        "view_dataset": True,
        "add_accountingrun": True,
        "approve_accountingrun": True,
        "view_accountingrun": True,
        "change_factor": True,
        "view_factor": True,
    },
    Role.AUDITORS: {
        "add_dataset": False,
        "review_dataset": False,
        "view_dataset": True,
        "add_accountingrun": False,
        "approve_accountingrun": False,
        "view_accountingrun": True,
        "change_factor": False,
        "view_factor": True,
    },
    Role.REGISTER_KEEPERS: {
        "add_dataset": False,
        "review_dataset": False,
        "view_dataset": True,
        "add_accountingrun": False,
        "approve_accountingrun": False,
        "view_accountingrun": True,
        "change_factor": False,
        "view_factor": True,
    },
    # Editors write the public disclosure from the results (7.4), not from raw activity data
    Role.EDITORS: {**READS_ACCOUNTING, "view_dataset": False},
    Role.TOP_MANAGEMENT: READS_ACCOUNTING,
    Role.MANAGEMENT_REPRESENTATIVE: READS_ACCOUNTING,
    Role.REVIEWERS: READS_ACCOUNTING,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_role_permissions(make_user, role):
    user = make_user(f"u_{role.name.lower()}", role)
    got = {perm: user.has_perm(f"calculators.{perm}") for perm in EXPECTED[role]}
    assert got == EXPECTED[role]


def make_dataset(user, status=DatasetStatus.SUBMITTED) -> Dataset:
    return Dataset.objects.create(
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        filename="a.csv",
        sha256="0" * 64,
        rows_hash="0" * 64,
        submitted_by=user,
        status=status,
    )


def make_run(user, status=RunStatus.DONE) -> AccountingRun:
    run = AccountingRun.objects.create(
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        gwp_set=GwpSet.objects.get(key="AR5"),
        created_by=user,
        status=status,
        factor_set_versions=[
            {"id": fs.pk, "key": fs.key, "version": fs.version}
            for fs in FactorSet.objects.filter(key="CN_heat")
        ],
    )
    run.factor_sets.set(FactorSet.objects.filter(key="CN_heat"))
    return run


@pytest.mark.django_db
def test_reviewer_approves_a_dataset(data_submitter, data_reviewer):
    dataset = make_dataset(data_submitter)
    dataset_review(dataset=dataset, user=data_reviewer, approve=True)
    dataset.refresh_from_db()
    assert dataset.status == DatasetStatus.APPROVED
    assert dataset.reviewed_by == data_reviewer
    with pytest.raises(ValidationError):  # only once
        dataset_review(dataset=dataset, user=data_reviewer, approve=False)


@pytest.mark.django_db
def test_submitter_cannot_approve_own_dataset_even_as_reviewer(make_user):
    both = make_user("both", Role.DATA_SUBMITTERS, Role.DATA_REVIEWERS)
    dataset = make_dataset(both)
    with pytest.raises(ValidationError) as excinfo:
        dataset_review(dataset=dataset, user=both, approve=True)
    assert excinfo.value.code == "own_dataset"
    assert Dataset.objects.get(pk=dataset.pk).status == DatasetStatus.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.DATA_SUBMITTERS, Role.AUDITORS, Role.REGISTER_KEEPERS])
def test_other_roles_cannot_review(make_user, data_submitter, role):
    user = make_user("other", role)
    dataset = make_dataset(data_submitter)
    with pytest.raises(PermissionDenied):
        dataset_review(dataset=dataset, user=user, approve=True)
    assert Dataset.objects.get(pk=dataset.pk).status == DatasetStatus.SUBMITTED


@pytest.mark.django_db
def test_review_view_http(client, data_submitter, data_reviewer, auditor):
    dataset = make_dataset(data_submitter)
    url = reverse("calculators_dataset_review", args=[dataset.pk])
    client.force_login(auditor)
    client.post(url, {"decision": "approve"})
    assert Dataset.objects.get(pk=dataset.pk).status == DatasetStatus.SUBMITTED
    client.force_login(data_submitter)
    client.post(url, {"decision": "approve"})
    assert Dataset.objects.get(pk=dataset.pk).status == DatasetStatus.SUBMITTED
    client.force_login(data_reviewer)
    detail = client.get(reverse("calculators_dataset_detail", args=[dataset.pk]))
    assert b'value="approve"' in detail.content
    client.post(url, {"decision": "reject", "comment": "wrong meter"})
    dataset.refresh_from_db()
    assert dataset.status == DatasetStatus.REJECTED
    assert dataset.review_comment == "wrong meter"


@pytest.mark.django_db
def test_run_approval_maker_checker(make_user, data_reviewer):
    other_reviewer = make_user("rev2", Role.DATA_REVIEWERS)
    run = make_run(data_reviewer)
    with pytest.raises(ValidationError) as excinfo:
        run_approve(run=run, user=data_reviewer)
    assert excinfo.value.code == "own_run"
    run_approve(run=run, user=other_reviewer)
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    assert run.approved_by == other_reviewer
    assert FactorSet.objects.get(key="CN_heat").frozen


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.DATA_SUBMITTERS, Role.AUDITORS, Role.REGISTER_KEEPERS])
def test_other_roles_cannot_approve_runs(make_user, data_reviewer, role):
    run = make_run(data_reviewer)
    with pytest.raises(PermissionDenied):
        run_approve(run=run, user=make_user("x", role))
    assert AccountingRun.objects.get(pk=run.pk).status == RunStatus.DONE


@pytest.mark.django_db
def test_unfinished_run_cannot_be_approved(make_user, data_submitter):
    run = make_run(data_submitter, status=RunStatus.RUNNING)
    with pytest.raises(ValidationError):
        run_approve(run=run, user=make_user("rev3", Role.DATA_REVIEWERS))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fixture", "upload", "run_create", "run_list"),
    [
        ("data_submitter", 200, 200, 200),
        ("data_reviewer", "denied", 200, 200),
        ("auditor", "denied", "denied", 200),
        ("register_keeper", "denied", "denied", 200),
    ],
)
def test_admin_views_by_role(client, request, fixture, upload, run_create, run_list):
    user = request.getfixturevalue(fixture)
    client.force_login(user)

    def status(name):
        response = client.get(reverse(name))
        if response.status_code == 200:
            return 200
        # Wagtail turns PermissionDenied into a redirect to the dashboard
        assert_denied_in_admin(response)
        return "denied"

    assert status("calculators_dataset_upload") == upload
    assert status("calculators_run_create") == run_create
    assert status("calculators_run_list") == run_list
    assert status("calculators_dataset_list") == 200


@pytest.mark.django_db
def test_approve_view_http(client, data_submitter, data_reviewer, auditor):
    run = make_run(data_submitter)
    url = reverse("calculators_run_approve", args=[run.pk])
    client.force_login(auditor)
    assert url.encode() not in client.get(reverse("calculators_run_detail", args=[run.pk])).content
    client.post(url)
    assert AccountingRun.objects.get(pk=run.pk).status == RunStatus.DONE
    client.force_login(data_reviewer)
    detail = client.get(reverse("calculators_run_detail", args=[run.pk]))
    assert url.encode() in detail.content
    client.post(url, {"comment": "totals checked", "confirm": "on"})
    assert AccountingRun.objects.get(pk=run.pk).status == RunStatus.APPROVED
    assert AccountingRun.objects.get(pk=run.pk).approval_comment == "totals checked"
    status = client.get(reverse("calculators_run_status", args=[run.pk])).json()
    assert status["status"] == "approved"


def _denied(client, url) -> bool:
    """Wagtail's refusal: back to the dashboard with its message, in the admin's language
    (the "对不起，你没有权限访问。" of the issue)."""
    from django.contrib.messages import get_messages
    from django.utils import translation

    with translation.override("zh-hans"):
        denied = translation.gettext("Sorry, you do not have permission to access this area.")
    response = client.get(url)
    return (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
        and denied in [str(m).strip() for m in get_messages(response.wsgi_request)]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fixture", "reads_data"),
    [
        ("top_manager", True),
        ("management_representative", True),
        ("reviewer", True),
        ("editor", False),
    ],
)
def test_results_readers_open_runs_results_and_reports(
    client, request, done_run, fixture, reads_data
):
    """Top management reviews performance (5.1, 9.5): every page of a run opens for them."""
    client.force_login(request.getfixturevalue(fixture))
    for url in (
        reverse("calculators_run_list"),
        reverse("calculators_run_detail", args=[done_run.pk]),
        reverse("calculators_run_results", args=[done_run.pk]),
    ):
        assert client.get(url).status_code == 200, url
    report = client.get(reverse("calculators_run_report", args=[done_run.pk, "xlsx"]))
    assert report.status_code == 200
    assert report["Content-Disposition"].startswith("attachment")
    dataset_id = done_run.dataset_ids[0]
    dataset_page = reverse("calculators_dataset_detail", args=[dataset_id])
    if reads_data:
        assert client.get(dataset_page).status_code == 200
    else:
        assert _denied(client, reverse("calculators_dataset_list"))
        assert client.get(dataset_page).status_code == 404
    # reading is not approving or starting runs
    assert _denied(client, reverse("calculators_run_create"))
    client.post(
        reverse("calculators_run_approve", args=[done_run.pk]), {"comment": "ok", "confirm": "on"}
    )
    assert AccountingRun.objects.get(pk=done_run.pk).status == RunStatus.DONE


@pytest.mark.django_db
def test_user_without_a_role_is_refused_the_results(client, make_user, done_run):
    from django.contrib.auth.models import Permission

    nobody = make_user("nobody")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert _denied(client, reverse("calculators_run_list"))
    assert _denied(client, reverse("calculators_run_results", args=[done_run.pk]))
