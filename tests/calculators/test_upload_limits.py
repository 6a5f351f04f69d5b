"""Activity upload against a clumsy user's and an attacker's files (issue 13 §5, §6): zip bombs
and huge sheets refused before any parser, text longer than its column, no orphan or kept file
for a refused upload, one dataset for a double click, escaped factor-library exports."""

import io
import zipfile

from django.db import DataError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest

from calculators.models import Dataset, Factor, FactorSet
from calculators.services import datasets as service
from calculators.services.datasets import SubmitError, dataset_submit, text_lengths

from .factories import DEC_2025, JAN_2025, gas_row, template_csv

SHEET_OPEN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def forged_xlsx(sheet: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


@pytest.fixture
def no_parser(monkeypatch):
    def called(*args, **kwargs):
        raise AssertionError("a spreadsheet parser ran before the guard refused the file")

    import openpyxl
    import pandas

    monkeypatch.setattr(openpyxl, "load_workbook", called)
    monkeypatch.setattr(openpyxl.reader.excel, "load_workbook", called)
    monkeypatch.setattr(pandas, "read_excel", called)


@pytest.fixture
def saved_files(monkeypatch):
    """Names of the files the dataset storage saved during the test."""
    storage = Dataset._meta.get_field("file").storage
    names = []
    real = type(storage)._save

    def spy(self, name, content):
        saved = real(self, name, content)
        names.append(saved)
        return saved

    monkeypatch.setattr(type(storage), "_save", spy)
    return storage, names


def submit(user, data, filename="data.csv"):
    return dataset_submit(
        file_bytes=data,
        filename=filename,
        user=user,
        period_start=JAN_2025,
        period_end=DEC_2025,
        notify=False,
    )


@pytest.mark.django_db
def test_a_one_cell_sheet_at_row_three_million_is_refused_before_openpyxl(
    enterprise, data_submitter, no_parser
):
    sheet = (
        SHEET_OPEN + b'<dimension ref="A1:A3000000"/><sheetData><row r="3000000">'
        b'<c r="A3000000"><v>1</v></c></row></sheetData></worksheet>'
    )
    data = forged_xlsx(sheet)
    assert len(data) < 2_000
    with translation.override("zh-hans"), pytest.raises(SubmitError) as caught:
        submit(data_submitter, data, filename="probe.xlsx")
    [error] = caught.value.errors
    assert error["column"] == "file" and error["value"] == "probe.xlsx"
    assert "3,000,000" in error["message"] and "probe.xlsx" in error["message"]
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_a_file_expanding_a_thousandfold_is_refused_before_openpyxl(
    settings, enterprise, data_submitter, no_parser
):
    settings.CEMS_UPLOAD_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
    data = forged_xlsx(SHEET_OPEN + b"</worksheet>" + b" " * (24 * 1024 * 1024))
    with pytest.raises(SubmitError) as caught:
        submit(data_submitter, data, filename="bomb.xlsx")
    assert "bomb.xlsx" in caught.value.errors[0]["message"]
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_binary_data_named_csv_is_refused(enterprise, data_submitter):
    with translation.override("en"), pytest.raises(SubmitError) as caught:
        submit(data_submitter, b"source,period\n\x1b\x07\x08binary", filename="data.csv")
    assert "binary" in caught.value.errors[0]["message"]


def test_text_lengths_come_from_the_model():
    from calculators.models import ActivityRecord

    lengths = text_lengths()
    assert lengths["data_source"] == ActivityRecord._meta.get_field("data_source").max_length
    assert lengths["material"] == ActivityRecord._meta.get_field("material").max_length
    assert "quantity" not in lengths and "note" not in lengths  # a number; unbounded text


@pytest.mark.django_db
def test_a_text_longer_than_its_column_is_a_row_error_and_nothing_is_stored(
    enterprise, data_submitter, saved_files
):
    long = "甲" * 1000
    rows = [gas_row(), gas_row(period="2025-02", data_source=long)]
    with translation.override("en"), pytest.raises(SubmitError) as caught:
        submit(data_submitter, template_csv(rows))
    [error] = caught.value.errors
    assert (error["row"], error["column"]) == (3, "data_source")
    assert error["value"].startswith("甲" * 50) and len(error["value"]) < 100
    assert "1000 characters" in error["message"] and "200" in error["message"]
    assert not Dataset.objects.exists()
    assert saved_files[1] == []


@pytest.mark.django_db
def test_a_failed_store_leaves_no_orphan_file(enterprise, data_submitter, saved_files, monkeypatch):
    def fail(*args, **kwargs):
        raise DataError("value too long for type character varying(200)")

    monkeypatch.setattr(service, "frame_insert", fail)
    with pytest.raises(DataError):
        submit(data_submitter, template_csv([gas_row()]))
    storage, names = saved_files
    assert len(names) == 1
    assert not storage.exists(names[0])
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_the_repeat_check_runs_under_the_submitters_lock_inside_the_transaction(
    enterprise, data_submitter
):
    """A double click: the second post waits for the first's transaction (the submitter's
    row lock on PostgreSQL, SQLite's IMMEDIATE transactions) and then finds its dataset."""
    data = template_csv([gas_row()])
    with CaptureQueriesContext(connection) as queries:
        first = submit(data_submitter, data)
    sql = [q["sql"] for q in queries.captured_queries]
    lock = next(i for i, s in enumerate(sql) if 'FROM "auth_user"' in s and "WHERE" in s)
    check = next(i for i, s in enumerate(sql) if '"sha256"' in s and s.startswith("SELECT"))
    insert = next(i for i, s in enumerate(sql) if s.startswith('INSERT INTO "calculators_dataset"'))
    assert lock < check < insert
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in sql[lock]
    second = submit(data_submitter, data)
    assert first.created and not second.created
    assert second.dataset.pk == first.dataset.pk
    assert Dataset.objects.count() == 1


@pytest.mark.django_db
def test_the_upload_page_keeps_no_refused_file(client, enterprise, data_submitter, monkeypatch):
    kept = []
    monkeypatch.setattr(
        "calculators.services.upload_keep.upload_keep", lambda **kw: kept.append(kw) or "token"
    )
    client.force_login(data_submitter)
    url = reverse("calculators_dataset_upload")
    bad = io.BytesIO(b"source,period\x00\x01binary")
    bad.name = "data.csv"
    response = client.post(url, {"file": bad, "period_start": "2025-01", "period_end": "2025-12"})
    assert response.status_code == 200
    assert kept == []
    too_long = io.BytesIO(template_csv([gas_row(data_source="x" * 300)]))
    too_long.name = "data.csv"
    response = client.post(
        url, {"file": too_long, "period_start": "2025-01", "period_end": "2025-12"}
    )
    assert response.status_code == 200 and kept == []
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_the_second_click_shows_the_first_dataset(client, enterprise, data_submitter):
    client.force_login(data_submitter)
    url = reverse("calculators_dataset_upload")
    locations = []
    for _ in range(2):
        upload = io.BytesIO(template_csv([gas_row()]))
        upload.name = "data.csv"
        response = client.post(
            url, {"file": upload, "period_start": "2025-01", "period_end": "2025-12"}
        )
        assert response.status_code == 302
        locations.append(response["Location"])
    assert locations[0] == locations[1]
    assert Dataset.objects.count() == 1
    page = client.get(locations[1], HTTP_ACCEPT_LANGUAGE="en")
    assert "already submitted" in page.content.decode() or "已提交" in page.content.decode()


@pytest.mark.django_db
def test_the_factor_library_export_escapes_formula_cells(admin_client):
    factor_set = FactorSet.objects.create(key="probe", version=1, name="=HYPERLINK(1)", year=2025)
    Factor.objects.create(
        factor_set=factor_set,
        material="+cmd|' /C calc'!A0",
        parameter="ef",
        value=1.0,
        unit="tCO2/t",
        note="@SUM(A1:A2)",
    )
    response = admin_client.get(
        reverse(Factor.snippet_viewset.get_url_name("list")) + "?export=csv&factor_set="
        f"{factor_set.pk}"
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'+cmd" in body and "'@SUM(A1:A2)" in body and "'=HYPERLINK(1)" in body
    sets = admin_client.get(
        reverse(FactorSet.snippet_viewset.get_url_name("list")) + "?export=csv&key=probe"
    )
    assert "'=HYPERLINK(1)" in b"".join(sets.streaming_content).decode("utf-8-sig")
