"""Datasets and runs as Wagtail model viewsets: filters, pages, menu, policy, queries (8.5, 9.1)."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser, Permission
from django.urls import reverse

from wagtail.admin.menu import admin_menu
from wagtail.permissions import policy_registry

import pytest

from calculators.models import AccountingRun, Dataset, DatasetStatus, FactorSet, GwpSet, RunStatus
from cems_registers.roles import Role

pytestmark = pytest.mark.django_db

LEGACY_NAMES = [
    ("calculators_dataset_list", "calculators_dataset:index", ()),
    ("calculators_dataset_upload", "calculators_dataset:add", ()),
    ("calculators_dataset_template", "calculators_dataset:template", ("xlsx",)),
    ("calculators_dataset_detail", "calculators_dataset:inspect", (7,)),
    ("calculators_dataset_review", "calculators_dataset:review", (7,)),
    ("calculators_dataset_withdraw", "calculators_dataset:withdraw", (7,)),
    ("calculators_dataset_file", "calculators_dataset:file", (7,)),
    ("calculators_run_list", "calculators_run:index", ()),
    ("calculators_run_create", "calculators_run:add", ()),
    ("calculators_run_detail", "calculators_run:inspect", (7,)),
    ("calculators_run_status", "calculators_run:status", (7,)),
    ("calculators_run_approve", "calculators_run:approve", (7,)),
    ("calculators_run_results", "calculators_run:results", (7,)),
    ("calculators_run_report", "calculators_run:report", (7, "pdf")),
]


def dataset(user, *, year=2025, status=DatasetStatus.SUBMITTED, name="a.csv") -> Dataset:
    return Dataset.objects.create(
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 1),
        filename=name,
        sha256=f"{name:0>64}"[-64:],
        rows_hash=f"{name:0>64}"[-64:],
        submitted_by=user,
        status=status,
    )


def run(user, *, year=2025, status=RunStatus.DONE, name="") -> AccountingRun:
    return AccountingRun.objects.create(
        name=name,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 1),
        gwp_set=GwpSet.objects.get(key="AR5"),
        created_by=user,
        status=status,
        total_tco2e=1.0,
        factor_set_versions=[
            {"id": fs.pk, "key": fs.key, "version": fs.version}
            for fs in FactorSet.objects.filter(key="CN_heat")
        ],
    )


@pytest.mark.parametrize(("legacy", "name", "args"), LEGACY_NAMES)
def test_urls_keep_their_paths_and_old_names(legacy, name, args):
    """E-mails, the work queue and other apps reverse the names the pages had (8.5)."""
    assert reverse(legacy, args=args) == reverse(name, args=args)
    assert reverse(name, args=args).startswith(
        ("/admin/calculators/datasets/", "/admin/calculators/runs/")
    )


def test_dataset_list_filters_by_status_year_and_submitter(client, data_reviewer, make_user):
    first = make_user("first", Role.DATA_SUBMITTERS)
    second = make_user("second", Role.DATA_SUBMITTERS)
    dataset(first, year=2024, status=DatasetStatus.APPROVED, name="old-approved.csv")
    dataset(first, year=2025, name="new-pending.csv")
    dataset(second, year=2025, status=DatasetStatus.REJECTED, name="rejected.csv")
    client.force_login(data_reviewer)
    url = reverse("calculators_dataset:index")

    def files(**params):
        page = client.get(url, params).content.decode()
        return {n for n in ("old-approved.csv", "new-pending.csv", "rejected.csv") if n in page}

    assert files() == {"old-approved.csv", "new-pending.csv", "rejected.csv"}
    assert files(status="submitted") == {"new-pending.csv"}
    assert files(year=2024) == {"old-approved.csv"}
    assert files(submitted_by=second.pk) == {"rejected.csv"}
    assert files(year=2025, submitted_by=first.pk) == {"new-pending.csv"}


def test_dataset_list_pages_instead_of_a_cap(client, data_submitter, data_reviewer):
    for number in range(25):
        dataset(data_submitter, name=f"file-{number:02d}.csv")
    client.force_login(data_reviewer)
    url = reverse("calculators_dataset:index")
    first = client.get(url).content.decode()
    second = client.get(url, {"p": 2}).content.decode()
    shown = [n for n in range(25) if f"file-{n:02d}.csv" in first]
    rest = [n for n in range(25) if f"file-{n:02d}.csv" in second]
    assert len(shown) == 20 and len(rest) == 5 and not set(shown) & set(rest)


def test_a_submitter_lists_and_opens_only_their_own_uploads(client, data_submitter, make_user):
    """Submitters without the view permission see what they submitted (8.5)."""
    submitter_only = make_user("upload-only")
    submitter_only.user_permissions.add(
        *Permission.objects.filter(codename__in=("add_dataset", "access_admin"))
    )
    own = dataset(submitter_only, name="mine.csv")
    foreign = dataset(data_submitter, name="theirs.csv")
    client.force_login(submitter_only)
    page = client.get(reverse("calculators_dataset:index")).content.decode()
    assert "mine.csv" in page and "theirs.csv" not in page
    assert client.get(reverse("calculators_dataset:inspect", args=[own.pk])).status_code == 200
    assert client.get(reverse("calculators_dataset:inspect", args=[foreign.pk])).status_code == 404


def test_run_list_filters_and_marks_withdrawn_data(client, data_submitter, data_reviewer):
    old = run(data_submitter, year=2024, status=RunStatus.APPROVED, name="FY2024")
    new = run(data_reviewer, year=2025, name="FY2025")
    withdrawn = dataset(data_submitter, status=DatasetStatus.WITHDRAWN)
    new.dataset_ids = [withdrawn.pk]
    new.save()
    client.force_login(data_reviewer)
    url = reverse("calculators_run:index")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "FY2024" in page and "FY2025" in page and "Data withdrawn" in page
    assert "New accounting run" in page
    assert "FY2024" not in client.get(url, {"year": 2025}).content.decode()
    assert "FY2025" not in client.get(url, {"status": "approved"}).content.decode()
    by_creator = client.get(url, {"created_by": data_submitter.pk}).content.decode()
    assert "FY2024" in by_creator and "FY2025" not in by_creator
    assert old.pk != new.pk


def test_the_group_gives_the_menu_by_role(rf, make_user):
    """One "Carbon accounting" menu from the viewset group; items by the policy (5.3)."""

    def labels(user):
        request = rf.get("/admin/")
        request.user = user
        items = {item.name: item for item in admin_menu.menu_items_for_request(request)}
        group = items.get("carbon_accounting")
        if group is None:
            return set()
        return {str(item.label) for item in group.menu.menu_items_for_request(request)}

    from django.utils import translation

    with translation.override("en"):
        submitter = labels(make_user("s", Role.DATA_SUBMITTERS))
        auditor = labels(make_user("a", Role.AUDITORS))
        editor = labels(make_user("e", Role.EDITORS))
        nobody = labels(AnonymousUser())
    assert {"Activity data", "Accounting runs"} <= submitter
    assert {"Activity data", "Accounting runs"} <= auditor
    assert "Activity data" not in editor and "Accounting runs" in editor
    assert nobody == set()


def test_policy_keeps_maker_and_checker_apart(make_user):
    submitter = make_user("maker", Role.DATA_SUBMITTERS)
    reviewer = make_user("checker", Role.DATA_REVIEWERS)
    other_reviewer = make_user("checker2", Role.DATA_REVIEWERS)
    datasets = policy_registry.get_by_type(Dataset)
    runs = policy_registry.get_by_type(AccountingRun)
    pending = dataset(submitter)
    assert datasets.user_has_permission_for_instance(reviewer, "review", pending)
    assert not datasets.user_has_permission_for_instance(submitter, "review", pending)
    assert datasets.user_has_permission_for_instance(submitter, "withdraw", pending)
    assert not datasets.user_has_permission_for_instance(reviewer, "withdraw", pending)
    own_upload = dataset(reviewer, name="reviewer-own.csv")
    assert not datasets.user_has_permission_for_instance(reviewer, "review", own_upload)
    computed = run(reviewer)
    assert not runs.user_has_permission_for_instance(reviewer, "approve", computed)
    assert runs.user_has_permission_for_instance(other_reviewer, "approve", computed)
    assert not runs.user_has_permission_for_instance(submitter, "approve", computed)
    queued = run(submitter, status=RunStatus.QUEUED)
    assert not runs.user_has_permission_for_instance(other_reviewer, "approve", queued)


#: Session, user, permissions (2), user profile, count, locales, page and collection
#: permissions (menu), the submitters of the filter, the page of datasets (people joined):
#: two more than the capped list before the viewset (the count that pages, the filter's people).
DATASET_LIST_QUERIES = 11
#: The same with the withdrawn datasets' ids and the creators of the filter.
RUN_LIST_QUERIES = 12


@pytest.mark.parametrize("size", [3, 30])
def test_list_queries_do_not_grow(
    client, data_submitter, data_reviewer, size, django_assert_num_queries
):
    for number in range(size):
        dataset(data_submitter, name=f"q-{number}.csv")
        run(data_submitter, name=f"run {number}")
    client.force_login(data_reviewer)
    client.get(reverse("calculators_dataset:index"))  # warm caches (content types, site)
    with django_assert_num_queries(DATASET_LIST_QUERIES):
        assert client.get(reverse("calculators_dataset:index")).status_code == 200
    with django_assert_num_queries(RUN_LIST_QUERIES):
        assert client.get(reverse("calculators_run:index")).status_code == 200


#: Session, user, permissions (2), profile, the dataset with people joined, a page of rows
#: (count and rows, sources and facilities joined), repeated rows, overlaps with approved data,
#: menu (3): the same as before the viewset, whatever the number of rows.
DATASET_PAGE_QUERIES = 13
#: Session, user, permissions (2), profile, the run with people joined, who may approve it,
#: menu (3): as before the viewset (its withdrawn datasets read none when it used none); plus
#: the monitoring plans in force (1; with a plan 6 in all, docs/monitoring_plan.md).
RUN_PAGE_QUERIES = 11


@pytest.mark.parametrize("size", [3, 30])
def test_record_pages_queries_do_not_grow(
    client, enterprise, data_submitter, data_reviewer, size, django_assert_num_queries
):
    from calculators.services.datasets import dataset_submit

    from .factories import DEC_2025, JAN_2025, gas_row, template_csv

    rows = [gas_row(period=f"2025-{n % 12 + 1:02d}", quantity=1.0 + n) for n in range(size)]
    submitted = dataset_submit(
        file_bytes=template_csv(rows),
        filename="rows.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset
    computed = run(data_submitter)
    client.force_login(data_reviewer)
    dataset_page = reverse("calculators_dataset:inspect", args=[submitted.pk])
    run_page = reverse("calculators_run:inspect", args=[computed.pk])
    client.get(dataset_page)  # warm caches
    with django_assert_num_queries(DATASET_PAGE_QUERIES):
        assert client.get(dataset_page).status_code == 200
    with django_assert_num_queries(RUN_PAGE_QUERIES):
        assert client.get(run_page).status_code == 200
