"""No month counted twice: approval refuses overlapping data, withdrawal replaces it (8.5, 9.1)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

import pytest

from calculators.models import AccountingRun, Dataset, DatasetStatus, RunStatus
from calculators.services.datasets import (
    dataset_overlaps,
    dataset_review,
    dataset_submit,
    dataset_withdraw,
)
from calculators.services.runs import run_approve, run_recompute
from cems_registers.roles import Role

from .factories import (
    DEC_2025,
    JAN_2025,
    electricity_row,
    gas_row,
    run_2025,
    template_csv,
)


def submit(user, rows, filename="data.csv"):
    return dataset_submit(
        file_bytes=template_csv(rows),
        filename=filename,
        user=user,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset


def new_run(user) -> AccountingRun:
    run = run_2025(user)
    assert run.status == RunStatus.DONE, run.message
    return run


@pytest.fixture
def first(enterprise, data_submitter, data_reviewer):
    """An approved dataset: gas (S01) and electricity (S18) in January and February."""
    rows = [gas_row(), electricity_row(), gas_row(period="2025-02"), electricity_row("2025-02")]
    dataset = submit(data_submitter, rows, "first.csv")
    return dataset_review(dataset=dataset, user=data_reviewer, approve=True)


@pytest.mark.django_db
def test_overlaps_name_row_source_month_and_the_other_dataset(first, data_submitter):
    # rows 2–3 new months, row 4 (S18, 2025-02) is already approved, row 5 repeats it
    second = submit(
        data_submitter,
        [
            gas_row(period="2025-03"),
            electricity_row("2025-03"),
            electricity_row("2025-02", quantity=900.0),
            electricity_row("2025-02", quantity=5.0),
        ],
        "second.csv",
    )
    overlaps = dataset_overlaps(second)
    assert [(o.row, o.source, o.month, o.other_id) for o in overlaps] == [
        (4, "S18", "2025-02", first.pk)
    ]
    with translation.override("en"):
        assert overlaps[0].message == (
            f"Row 4: source S18, month 2025-02 is already in approved dataset #{first.pk} "
            "(first.csv)."
        )
    with translation.override("zh-hans"):
        message = overlaps[0].message
    assert "第 4 行" in message and "S18" in message and "2025-02" in message


@pytest.mark.django_db
def test_approval_is_refused_while_data_overlaps(first, data_submitter, data_reviewer):
    second = submit(data_submitter, [electricity_row(quantity=900.0)], "second.csv")
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        dataset_review(dataset=second, user=data_reviewer, approve=True)
    assert {e.code for e in excinfo.value.error_list} == {"overlap"}
    text = " ".join(excinfo.value.messages)
    assert (
        "1 source and month of this dataset" in text and "Row 2: source S18, month 2025-01" in text
    )
    second.refresh_from_db()
    assert second.status == DatasetStatus.SUBMITTED
    assert second.reviewed_by is None


@pytest.mark.django_db
def test_rows_confirmed_as_additional_are_approved(first, data_submitter, data_reviewer):
    late_invoice = submit(data_submitter, [electricity_row(quantity=12.0)], "late.csv")
    approved = dataset_review(
        dataset=late_invoice, user=data_reviewer, approve=True, adds_to_approved=True
    )
    assert approved.status == DatasetStatus.APPROVED and approved.adds_to_approved
    run = new_run(data_submitter)
    assert sorted(run.dataset_ids) == [first.pk, late_invoice.pk]
    assert run.input_rows == 5


@pytest.mark.django_db
def test_withdraw_then_approve_the_replacement(first, data_submitter, data_reviewer, make_user):
    old_run = new_run(data_submitter)
    assert old_run.dataset_ids == [first.pk]
    replacement = submit(
        data_submitter,
        [gas_row(quantity=4.0), electricity_row(quantity=1100.0)],
        "corrected.csv",
    )
    runs = dataset_withdraw(dataset=first, user=data_reviewer, reason="Meter M-12 misread")
    assert [r.pk for r in runs] == [old_run.pk]
    first.refresh_from_db()
    assert first.status == DatasetStatus.WITHDRAWN
    assert first.withdrawn_by == data_reviewer and first.withdrawn_at
    assert first.withdraw_reason == "Meter M-12 misread"
    assert dataset_overlaps(replacement) == []
    dataset_review(dataset=replacement, user=data_reviewer, approve=True)
    # new runs leave the withdrawn data out
    new = new_run(data_submitter)
    assert new.dataset_ids == [replacement.pk]
    assert new.input_rows == 2
    # the old run still recomputes from the data it used
    report = run_recompute(run=old_run)
    assert report.identical
    # and can no longer be approved
    checker = make_user("checker", Role.DATA_REVIEWERS)
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        run_approve(run=old_run, user=checker)
    assert f"#{first.pk}" in " ".join(excinfo.value.messages)
    assert AccountingRun.objects.get(pk=old_run.pk).status == RunStatus.DONE
    run_approve(run=new, user=checker)


@pytest.mark.django_db
def test_withdrawal_rules(first, data_submitter, data_reviewer, auditor):
    with pytest.raises(PermissionDenied):
        dataset_withdraw(dataset=first, user=data_submitter, reason="x")
    with pytest.raises(PermissionDenied):
        dataset_withdraw(dataset=first, user=auditor, reason="x")
    with pytest.raises(ValidationError):
        dataset_withdraw(dataset=first, user=data_reviewer, reason="  ")
    submitted = submit(data_submitter, [gas_row(period="2025-05")])
    with pytest.raises(ValidationError):
        dataset_withdraw(dataset=submitted, user=data_reviewer, reason="wrong")
    assert Dataset.objects.get(pk=first.pk).status == DatasetStatus.APPROVED
    dataset_withdraw(dataset=first, user=data_reviewer, reason="wrong")
    with pytest.raises(ValidationError):  # only once
        dataset_withdraw(dataset=first, user=data_reviewer, reason="again")


@pytest.mark.django_db
def test_a_withdrawn_file_can_be_submitted_again(first, data_submitter, data_reviewer):
    dataset_withdraw(dataset=first, user=data_reviewer, reason="sent to the wrong period")
    rows = [gas_row(), electricity_row(), gas_row(period="2025-02"), electricity_row("2025-02")]
    again = dataset_submit(
        file_bytes=template_csv(rows),
        filename="first.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    )
    assert again.created and again.dataset.pk != first.pk


@pytest.mark.django_db
def test_admin_review_shows_overlaps_and_withdraw_form(
    client, first, data_submitter, data_reviewer
):
    second = submit(data_submitter, [electricity_row(quantity=900.0)], "second.csv")
    client.force_login(data_reviewer)
    page = client.get(
        reverse("calculators_dataset_detail", args=[second.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert b'id="dataset-overlaps"' in page.content
    assert b"Row 2: source S18, month 2025-01" in page.content
    response = client.post(
        reverse("calculators_dataset_review", args=[second.pk]),
        {"decision": "approve", "comment": "checked against meter M-12"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert b"already in approved data" in response.content
    assert b"checked against meter M-12" in response.content  # what the reviewer typed stays
    assert Dataset.objects.get(pk=second.pk).status == DatasetStatus.SUBMITTED
    page = client.get(reverse("calculators_dataset_detail", args=[first.pk]))
    assert b'id="dataset-withdraw"' in page.content
    client.post(
        reverse("calculators_dataset_withdraw", args=[first.pk]), {"reason": "Meter misread"}
    )
    assert Dataset.objects.get(pk=first.pk).status == DatasetStatus.WITHDRAWN
    page = client.get(reverse("calculators_dataset_detail", args=[first.pk]))
    assert b"Meter misread" in page.content and b'id="dataset-withdraw"' not in page.content
    client.post(reverse("calculators_dataset_review", args=[second.pk]), {"decision": "approve"})
    assert Dataset.objects.get(pk=second.pk).status == DatasetStatus.APPROVED


@pytest.mark.django_db
def test_run_page_warns_of_withdrawn_data(client, first, data_submitter, data_reviewer):
    run = new_run(data_submitter)
    dataset_withdraw(dataset=first, user=data_reviewer, reason="Meter misread")
    client.force_login(data_reviewer)
    page = client.get(reverse("calculators_run_detail", args=[run.pk]))
    assert b'id="run-withdrawn-data"' in page.content
    assert b"Meter misread" in page.content
    assert reverse("calculators_run_approve", args=[run.pk]).encode() not in page.content
    results = client.get(reverse("calculators_run_results", args=[run.pk]))
    assert b'id="results-withdrawn-data"' in results.content and b"Meter misread" in results.content
    listing = client.get(reverse("calculators_run_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert b"Data withdrawn" in listing.content
    from calculators.reports import report_context

    context = report_context(run, "en")
    assert [d["id"] for d in context["withdrawn_datasets"]] == [first.pk]


@pytest.mark.django_db
def test_submitter_cannot_withdraw_through_the_admin(client, first, data_submitter):
    client.force_login(data_submitter)
    page = client.get(reverse("calculators_dataset_detail", args=[first.pk]))
    assert b'id="dataset-withdraw"' not in page.content
    client.post(reverse("calculators_dataset_withdraw", args=[first.pk]), {"reason": "mine"})
    assert Dataset.objects.get(pk=first.pk).status == DatasetStatus.APPROVED


@pytest.mark.django_db
def test_the_submitter_sees_overlaps_after_upload(client, first, data_submitter):
    second = submit(data_submitter, [electricity_row(quantity=900.0)], "second.csv")
    client.force_login(data_submitter)
    page = client.get(
        reverse("calculators_dataset_detail", args=[second.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert b'id="dataset-overlaps"' in page.content
    assert reverse("calculators_dataset_review", args=[second.pk]).encode() not in page.content
