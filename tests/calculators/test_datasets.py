"""Activity-data submission: all or nothing, errors naming row/column/value, idempotent (8.5)."""

import io

from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

import openpyxl
import pytest

from calculators.demo_data import year_csv
from calculators.models import ActivityRecord, Dataset, DatasetStatus
from calculators.services.datasets import SubmitError, dataset_submit

from .factories import DEC_2025, JAN_2025, electricity_row, gas_row, template_csv

#: name → (bad row, column, value as the message shows it)
BAD_ROWS = {
    "unknown unit": (electricity_row(unit="blorp"), "unit", "blorp"),
    "wrong dimension": (electricity_row(unit="t"), "unit", "t"),
    "negative": (electricity_row(quantity=-5), "quantity", "-5"),
    "missing quantity": (electricity_row(quantity=None), "quantity", None),
    "unknown source": (electricity_row(source="S99"), "source", "S99"),
    "period outside": (electricity_row(period="2024-06"), "period", "2024-06"),
    "missing factor": (gas_row(material="unobtainium"), "material", "unobtainium"),
}


def submit(user, rows, filename="data.csv", **kwargs):
    return dataset_submit(
        file_bytes=template_csv(rows) if isinstance(rows, list) else rows,
        filename=filename,
        user=user,
        period_start=kwargs.pop("period_start", JAN_2025),
        period_end=kwargs.pop("period_end", DEC_2025),
        **kwargs,
    )


@pytest.mark.django_db
def test_good_file_is_stored_with_every_row(enterprise, data_submitter):
    result = submit(data_submitter, [gas_row(), electricity_row(period="2025-02")])
    assert result.created
    dataset = result.dataset
    assert dataset.status == DatasetStatus.SUBMITTED
    assert dataset.row_count == 2
    assert dataset.submitted_by == data_submitter
    assert len(dataset.sha256) == 64
    rows = list(ActivityRecord.objects.filter(dataset=dataset).order_by("row_number"))
    assert [r.row_number for r in rows] == [2, 3]
    gas, power = rows
    assert gas.source.code == "S01" and gas.facility.code == "F01"
    assert gas.unit == "万Nm3" and gas.quantity == 3.8
    assert gas.quantity_normalised == pytest.approx(38000.0)  # m³
    assert power.period.isoformat() == "2025-02-01"
    assert power.quantity_normalised == pytest.approx(3600.0)  # 1000 MWh in GJ
    assert power.material == "electricity_cn_east"


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_bad_row_saves_nothing_and_names_row_column_value(enterprise, data_submitter, case):
    bad, column, value = BAD_ROWS[case]
    with translation.override("en"), pytest.raises(SubmitError) as excinfo:
        submit(data_submitter, [gas_row(), bad])
    assert Dataset.objects.count() == 0
    assert ActivityRecord.objects.count() == 0
    errors = excinfo.value.errors
    assert errors, case
    error = next(e for e in errors if e["column"] == column)
    assert error["row"] == 3
    assert "3" in error["message"]
    if value is not None:
        assert str(error["value"]) == value
        assert value in error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_errors_in_chinese(enterprise, data_submitter, case):
    bad, column, value = BAD_ROWS[case]
    with translation.override("zh-hans"), pytest.raises(SubmitError) as excinfo:
        submit(data_submitter, [bad])
    error = next(e for e in excinfo.value.errors if e["column"] == column)
    assert "第" in error["message"] and "行" in error["message"], error["message"]
    if value is not None:
        assert value in error["message"]


@pytest.mark.django_db
def test_every_error_is_reported_at_once(enterprise, data_submitter):
    rows = [electricity_row(unit="furlong"), electricity_row(source="S99"), gas_row()]
    with pytest.raises(SubmitError) as excinfo:
        submit(data_submitter, rows)
    assert {(e["row"], e["column"]) for e in excinfo.value.errors} >= {(2, "unit"), (3, "source")}


@pytest.mark.django_db
def test_resubmitting_the_same_file_changes_nothing(enterprise, data_submitter):
    data = year_csv(2025)
    first = submit(data_submitter, data, filename="demo.csv")
    count = ActivityRecord.objects.count()
    second = submit(data_submitter, data, filename="demo-again.csv")
    assert not second.created
    assert second.dataset.pk == first.dataset.pk
    assert Dataset.objects.count() == 1
    assert ActivityRecord.objects.count() == count == first.dataset.row_count


@pytest.mark.django_db
def test_a_rejected_file_can_be_submitted_again(enterprise, data_submitter, data_reviewer):
    from calculators.services.datasets import dataset_review

    first = submit(data_submitter, [gas_row()])
    dataset_review(dataset=first.dataset, user=data_reviewer, approve=False)
    again = submit(data_submitter, [gas_row()])
    assert again.created
    assert again.dataset.pk != first.dataset.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("data.txt", b"source,period\n"),
        ("data.csv", b"PK\x03\x04 zip pretending to be csv"),
        ("data.csv", b"source,period\x00\x01\x02"),
        ("data.xlsx", b"source,period,method\n"),
        ("data.csv", b""),
    ],
)
def test_file_checks(enterprise, data_submitter, filename, content):
    with pytest.raises(SubmitError) as excinfo:
        submit(data_submitter, content, filename=filename)
    assert excinfo.value.errors[0]["column"] == "file"
    assert not Dataset.objects.exists()


@pytest.mark.django_db
@override_settings(CEMS_MAX_UPLOAD_BYTES=100)
def test_file_size_limit(enterprise, data_submitter):
    with pytest.raises(SubmitError) as excinfo:
        submit(data_submitter, [gas_row()] * 5)
    assert "100" in excinfo.value.errors[0]["message"]
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_gb18030_csv_and_chinese_headers(enterprise, data_submitter):
    text = "排放源编码,期间,方法,物料,数量,单位\nS01,2025-03,fuel_cn,natural_gas,2.5,万标方\n"
    result = submit(data_submitter, text.encode("gb18030"))
    record = ActivityRecord.objects.get(dataset=result.dataset)
    assert record.quantity_normalised == pytest.approx(25000.0)


@pytest.mark.django_db
def test_only_submitters_submit(enterprise, auditor, data_reviewer):
    for user in (auditor, data_reviewer):
        with pytest.raises(PermissionDenied):
            submit(user, [gas_row()])
    assert not Dataset.objects.exists()


def xlsx_bytes(rows: list[dict]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    keys = list(rows[0])
    sheet.append(keys)
    for row in rows:
        sheet.append([row[k] for k in keys])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_admin_upload_xlsx_then_review(client, enterprise, data_submitter, data_reviewer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(data_submitter)
    upload = SimpleUploadedFile("march.xlsx", xlsx_bytes([gas_row(period="2025-03")]))
    response = client.post(
        reverse("calculators_dataset_upload"),
        {"file": upload, "period_start": "2025-01", "period_end": "2025-12"},
    )
    dataset = Dataset.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("calculators_dataset_detail", args=[dataset.pk])
    assert dataset.channel == "upload"
    assert dataset.file.name.endswith(".xlsx")
    client.force_login(data_reviewer)
    client.post(reverse("calculators_dataset_review", args=[dataset.pk]), {"decision": "approve"})
    assert Dataset.objects.get().status == DatasetStatus.APPROVED


@pytest.mark.django_db
def test_admin_upload_shows_errors_and_saves_nothing(client, enterprise, data_submitter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(data_submitter)
    upload = SimpleUploadedFile("bad.csv", template_csv([electricity_row(unit="furlong")]))
    response = client.post(
        reverse("calculators_dataset_upload"),
        {"file": upload, "period_start": "2025-01", "period_end": "2025-12"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert b"upload-errors" in response.content
    assert b"furlong" in response.content
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_dataset_list_queries_are_constant(
    client, enterprise, data_submitter, data_reviewer, django_assert_max_num_queries
):
    for month in range(1, 4):
        submit(data_submitter, [gas_row(period=f"2025-{month:02d}")])
    client.force_login(data_reviewer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("calculators_dataset_list"))
    assert response.content.count(b"/admin/calculators/datasets/") >= 3


@pytest.mark.django_db
def test_upload_form_keeps_the_file_when_another_field_is_wrong(
    client, enterprise, data_submitter, make_user, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.CEMS_PRIVATE_ROOT = tmp_path
    content = template_csv([gas_row(period="2025-03")])
    client.force_login(data_submitter)
    url = reverse("calculators_dataset_upload")
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("march.csv", content),
            "period_start": "2025-12",
            "period_end": "2025-01",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and not Dataset.objects.exists()
    html = response.content.decode()
    assert "The period ends (2025-01) before it starts (2025-12)." in html
    assert "Your file march.csv is kept" in html
    token = response.context["form"].data["kept"]
    assert token and f'value="{token}"' in html
    # another user cannot use the token
    client.force_login(make_user("other", "Data submitters"))
    refused = client.post(url, {"kept": token, "period_start": "2025-01", "period_end": "2025-12"})
    assert refused.status_code == 200 and not Dataset.objects.exists()
    assert "file" in refused.context["form"].errors
    # the uploader corrects the period only: the kept file is submitted, then discarded
    client.force_login(data_submitter)
    response = client.post(url, {"kept": token, "period_start": "2025-01", "period_end": "2025-12"})
    dataset = Dataset.objects.get()
    assert response.status_code == 302
    assert dataset.filename == "march.csv" and dataset.row_count == 1
    assert dataset.file.read() == content
    assert not list((tmp_path / "calculators" / "kept").rglob("*.csv"))
    # no file at all is refused naming the field
    response = client.post(
        url, {"period_start": "2025-01", "period_end": "2025-12"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.context["form"].errors["file"] == ["Choose a file."]


@pytest.mark.django_db
def test_reviewers_and_submitter_are_told_in_their_language(
    enterprise,
    data_submitter,
    data_reviewer,
    make_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from wagtail.users.models import UserProfile

    english = make_user("rev_en", "Data reviewers")
    UserProfile.objects.create(user=english, preferred_language="en")
    make_user("rev_no_mail", "Data reviewers", email="")
    with django_capture_on_commit_callbacks(execute=True):
        dataset = submit(data_submitter, [gas_row()]).dataset
    link = f"http://testserver/admin/calculators/datasets/{dataset.pk}/"
    by_user = {m.to[0]: m for m in mailoutbox}
    assert set(by_user) == {"datareviewer@example.com", "rev_en@example.com"}
    assert by_user["rev_en@example.com"].subject == (
        f"Activity data to review: #{dataset.pk} data.csv"
    )
    assert link in by_user["rev_en@example.com"].body
    assert "1 rows of activity data for 2025-01 – 2025-12" in by_user["rev_en@example.com"].body
    chinese = by_user["datareviewer@example.com"]
    assert chinese.subject == f"待审核的活动数据：#{dataset.pk} data.csv" and link in chinese.body
    mailoutbox.clear()
    from calculators.services.datasets import dataset_review

    with django_capture_on_commit_callbacks(execute=True):
        dataset_review(dataset=dataset, user=english, approve=False, comment="meter 3 missing")
    (notice,) = mailoutbox
    assert notice.to == ["submitter@example.com"]
    assert notice.subject == f"活动数据已被驳回：#{dataset.pk} data.csv"
    assert "meter 3 missing" in notice.body and link in notice.body


@pytest.mark.django_db
def test_submitter_withdraws_own_upload_before_review(
    client, enterprise, data_submitter, data_reviewer, make_user
):
    dataset = submit(data_submitter, [gas_row()]).dataset
    url = reverse("calculators_dataset_withdraw", args=[dataset.pk])
    detail = reverse("calculators_dataset_detail", args=[dataset.pk])
    # neither another submitter nor a reviewer withdraws someone's upload before review
    for user in (make_user("other", "Data submitters"), data_reviewer):
        client.force_login(user)
        client.post(url, {"reason": "not mine"})
        assert Dataset.objects.get(pk=dataset.pk).status == DatasetStatus.SUBMITTED
    client.force_login(data_submitter)
    html = client.get(detail, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Withdraw my upload" in html
    response = client.post(url, {"reason": "wrong month"}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "Your upload is withdrawn; it will not be reviewed." in response.content.decode()
    dataset.refresh_from_db()
    assert dataset.status == DatasetStatus.WITHDRAWN
    assert dataset.withdrawn_by == data_submitter and dataset.withdraw_reason == "wrong month"
    # a withdrawn upload is not reviewed any more
    client.force_login(data_reviewer)
    client.post(reverse("calculators_dataset_review", args=[dataset.pk]), {"decision": "approve"})
    assert Dataset.objects.get(pk=dataset.pk).status == DatasetStatus.WITHDRAWN


@pytest.mark.django_db
def test_overlap_advice_to_the_submitter_names_no_box_they_cannot_see(
    client, enterprise, data_submitter, data_reviewer
):
    from calculators.services.datasets import dataset_review

    first = submit(data_submitter, [gas_row()]).dataset
    dataset_review(dataset=first, user=data_reviewer, approve=True)
    second = submit(data_submitter, [gas_row(quantity=4.0)], filename="again.csv").dataset
    detail = reverse("calculators_dataset_detail", args=[second.pk])
    client.force_login(data_submitter)
    html = client.get(detail, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "dataset-overlaps" in html and "tick the box" not in html
    assert "A data reviewer decides" in html and "Withdraw my upload" in html
    client.force_login(data_reviewer)
    html = client.get(detail, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "tick the box below before approving" in html
