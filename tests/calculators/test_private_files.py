"""Internal files are never public: activity files and documents need a login (7.5, 8.5)."""

from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from calculators.models import Dataset
from calculators.services.datasets import dataset_submit

from ..refusals import assert_denied_in_admin
from .factories import DEC_2025, JAN_2025, gas_row, template_csv


@pytest.fixture
def stored_dataset(enterprise, data_submitter):
    return dataset_submit(
        file_bytes=template_csv([gas_row()]),
        filename="march.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    ).dataset


@pytest.mark.django_db
def test_activity_files_live_outside_the_media_root(stored_dataset):
    path = Path(stored_dataset.file.path).resolve()
    assert path.is_relative_to(Path(settings.CEMS_PRIVATE_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):  # no URL: nothing serves the storage directly
        stored_dataset.file.url  # noqa: B018


@pytest.mark.django_db
def test_activity_file_download_checks_who_asks(
    client, stored_dataset, data_submitter, data_reviewer, editor
):
    url = reverse("calculators_dataset_file", args=[stored_dataset.pk])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(editor)  # neither the submitter nor a reader of activity data
    assert client.get(url).status_code in (403, 404)
    for user in (data_submitter, data_reviewer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == template_csv([gas_row()])
        assert 'filename="march.csv"' in response["Content-Disposition"]
    page = client.get(reverse("calculators_dataset_detail", args=[stored_dataset.pk]))
    assert url.encode() in page.content
    assert Dataset.objects.count() == 1


@pytest.mark.django_db
def test_documents_need_a_login(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # documents on disk, as in production
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = get_document_model().objects.create(
        title="Calibration certificate", file=ContentFile(b"%PDF-1.4 evidence", name="cert.pdf")
    )
    url = document.url
    assert url.startswith("/documents/")
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"


@pytest.mark.django_db
def test_dataset_list_is_for_activity_data_roles(client, editor, data_submitter, auditor):
    url = reverse("calculators_dataset_list")
    client.force_login(editor)
    response = client.get(url)
    assert_denied_in_admin(response)
    for user in (data_submitter, auditor):
        client.force_login(user)
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_template_downloads_and_reads_back_clean(client, enterprise, data_submitter, fmt):
    from calculators.core import intake
    from calculators.services.template_file import EXAMPLES

    client.force_login(data_submitter)
    page = client.get(reverse("calculators_dataset_upload"))
    url = reverse("calculators_dataset_template", args=[fmt])
    assert url.encode() in page.content
    response = client.get(url)
    assert response.status_code == 200
    assert f"cems-activity-template.{fmt}" in response["Content-Disposition"]
    sources = ["S01", "S13", "S18"]
    parsed = intake.read_activity(
        response.content,
        filename=f"template.{fmt}",
        sources=sources,
        period_start="2025-01",
        period_end="2025-12",
    )
    assert parsed.issues == []
    assert len(parsed.frame) == len(EXAMPLES)


@pytest.mark.django_db
def test_template_guides_every_column_and_method(client, data_submitter):
    import io

    import openpyxl

    from calculators.core import template

    client.force_login(data_submitter)
    body = client.get(reverse("calculators_dataset_template", args=["xlsx"])).content
    book = openpyxl.load_workbook(io.BytesIO(body))
    data, columns, methods = book.worksheets
    assert [c.value for c in data[1]] == [template.header(k) for k in template.COLUMN_KEYS]
    assert {r[0].value for r in columns.iter_rows(min_row=2)} == set(template.COLUMN_KEYS)
    assert {r[0].value for r in methods.iter_rows(min_row=2)} == set(template.METHODS)
    chinese = {r[0].value: r[1].value for r in methods.iter_rows(min_row=2)}
    assert chinese["fuel_cn"] != template.METHODS["fuel_cn"].label  # translated


@pytest.mark.django_db
def test_template_is_for_activity_data_roles(client, editor):
    client.force_login(editor)
    response = client.get(reverse("calculators_dataset_template", args=["xlsx"]))
    assert_denied_in_admin(response)
