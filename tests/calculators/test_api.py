"""The calculators' API: authentication required, same service as the upload (8.5, 9.1)."""

import base64

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from calculators.models import ActivityRecord, Dataset

from .factories import electricity_row, gas_row, template_csv

URL = "/api/calculators/datasets/"


def basic(user, password="pw") -> dict:
    token = base64.b64encode(f"{user.username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def payload(rows, name="data.csv") -> dict:
    return {
        "file": SimpleUploadedFile(name, template_csv(rows)),
        "period_start": "2025-01",
        "period_end": "2025-12",
    }


@pytest.mark.django_db
def test_anonymous_gets_401_and_no_data(client, enterprise, data_submitter):
    from calculators.services.datasets import dataset_submit

    from .factories import DEC_2025, JAN_2025

    dataset = dataset_submit(
        file_bytes=template_csv([gas_row()]),
        filename="secret.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset
    for response in (
        client.get(URL),
        client.get(f"{URL}{dataset.pk}/"),
        client.post(URL, payload([gas_row()])),
    ):
        assert response.status_code == 401
        assert b"secret" not in response.content
        assert "WWW-Authenticate" in response
    assert Dataset.objects.count() == 1


@pytest.mark.django_db
def test_wrong_password_is_401(client, enterprise, data_submitter):
    response = client.post(URL, payload([gas_row()]), **basic(data_submitter, "nope"))
    assert response.status_code == 401
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_submitter_posts_with_basic_auth(client, enterprise, data_submitter):
    response = client.post(URL, payload([gas_row(), electricity_row()]), **basic(data_submitter))
    assert response.status_code == 201, response.content
    body = response.json()
    dataset = Dataset.objects.get(pk=body["id"])
    assert body["rows"] == 2 == dataset.row_count
    assert body["status"] == "submitted"
    assert body["created"] is True
    assert dataset.channel == "api"
    again = client.post(URL, payload([gas_row(), electricity_row()]), **basic(data_submitter))
    assert again.status_code == 200
    assert again.json()["id"] == dataset.pk
    assert again.json()["created"] is False
    assert ActivityRecord.objects.count() == 2


@pytest.mark.django_db
def test_errors_come_back_as_a_list_in_the_requested_language(client, enterprise, data_submitter):
    response = client.post(
        URL,
        payload([gas_row(), electricity_row(source="S99")]),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
        **basic(data_submitter),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["row"] == 3
    assert errors[0]["column"] == "source"
    assert errors[0]["value"] == "S99"
    assert "第 3 行" in errors[0]["message"]
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_missing_file_and_bad_period(client, enterprise, data_submitter):
    response = client.post(URL, {"period_start": "2025-13"}, **basic(data_submitter))
    assert response.status_code == 400
    columns = {e["column"] for e in response.json()["errors"]}
    assert columns == {"file", "period_start", "period_end"}


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["data_reviewer", "auditor", "register_keeper", "editor"])
def test_other_roles_cannot_submit(client, enterprise, request, fixture):
    user = request.getfixturevalue(fixture)
    response = client.post(URL, payload([gas_row()]), **basic(user))
    assert response.status_code == 403
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_listing_shows_only_what_the_user_may_see(
    client, enterprise, data_submitter, editor, auditor
):
    client.post(URL, payload([gas_row()]), **basic(data_submitter))
    assert len(client.get(URL, **basic(auditor)).json()["results"]) == 1
    assert client.get(URL, **basic(editor)).json()["results"] == []
    dataset = Dataset.objects.get()
    assert client.get(f"{URL}{dataset.pk}/", **basic(editor)).status_code == 404
    detail = client.get(f"{URL}{dataset.pk}/", **basic(auditor)).json()
    assert detail["submitted_by"] == data_submitter.username


@pytest.mark.django_db
def test_session_auth_needs_csrf(enterprise, data_submitter):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(data_submitter)
    assert csrf_client.post(URL, payload([gas_row()])).status_code == 403
    assert not Dataset.objects.exists()
    assert csrf_client.get(URL).status_code == 200
