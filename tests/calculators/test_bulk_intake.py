"""A large CSV taken piece by piece (calculators/services/datasets.py, 8.5; issue 13 §1): the
same dataset, stored rows, hashes and error messages (with the file's row numbers) as the file
taken in one go, all or nothing in one transaction. The piece size is made tiny here."""

from django.utils import translation

import pytest

from calculators.demo_data import year_csv
from calculators.models import ActivityRecord, Dataset
from calculators.services import datasets as service
from calculators.services.datasets import SubmitError, csv_pieces, dataset_submit, in_pieces

from .factories import DEC_2025, JAN_2025, electricity_row, gas_row, template_csv

pytestmark = pytest.mark.django_db

STORED = [f.attname for f in ActivityRecord._meta.concrete_fields if f.attname not in ("id",)]


def submit(user, data: bytes, filename: str = "big.csv"):
    return dataset_submit(
        file_bytes=data,
        filename=filename,
        user=user,
        period_start=JAN_2025,
        period_end=DEC_2025,
        store_file=False,
        notify=False,
    )


def rows_of(dataset) -> list[tuple]:
    names = [n for n in STORED if n != "dataset_id"]
    return list(ActivityRecord.objects.filter(dataset=dataset).order_by("id").values_list(*names))


@pytest.fixture
def pieces_of(monkeypatch):
    def set_rows(rows: int):
        monkeypatch.setattr(service, "INTAKE_PIECE_ROWS", rows)

    return set_rows


def errors(user, data: bytes) -> list[dict]:
    with translation.override("en"), pytest.raises(SubmitError) as caught:
        submit(user, data)
    return caught.value.errors


def test_pieces_store_what_one_go_stores(enterprise, data_submitter, pieces_of):
    data = year_csv(2025)
    pieces_of(10**9)
    assert not in_pieces(data, "big.csv")
    whole = submit(data_submitter, data).dataset
    one_go = (whole.rows_hash, whole.row_count, whole.facilities, rows_of(whole))
    Dataset.objects.filter(pk=whole.pk).delete()

    pieces_of(7)
    assert in_pieces(data, "big.csv") and not in_pieces(data, "big.xlsx")
    timings = {}
    result = dataset_submit(
        file_bytes=data,
        filename="big.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
        store_file=False,
        notify=False,
        timings=timings,
    )
    dataset = result.dataset
    assert result.created
    assert (dataset.rows_hash, dataset.row_count, dataset.facilities, rows_of(dataset)) == one_go
    assert dataset.sha256 == whole.sha256
    assert set(timings) == {"parse_validate", "store"} and all(v >= 0 for v in timings.values())
    # the same file again, in one go: found by its hashes, nothing written
    pieces_of(10**9)
    again = submit(data_submitter, data)
    assert not again.created and again.dataset.pk == dataset.pk
    # and in pieces
    pieces_of(7)
    again = submit(data_submitter, data)
    assert not again.created and again.dataset.pk == dataset.pk
    assert Dataset.objects.count() == 1


def test_errors_of_every_piece_with_the_file_row_numbers(enterprise, data_submitter, pieces_of):
    rows = [gas_row(period=f"2025-{m:02d}") for m in range(1, 13)]
    rows += [electricity_row(period=f"2025-{m:02d}") for m in range(1, 13)]
    rows[2]["quantity"] = "many"  # piece 1
    rows[14]["unit"] = "parsec"  # piece 3
    rows.append(dict(rows[0]))  # repeats row 2, across pieces
    rows.append(dict(rows[20]))  # repeats row 22, across pieces
    rows.append(gas_row(period="2025-13"))
    data = template_csv(rows)
    pieces_of(10**9)
    one_go = errors(data_submitter, data)
    pieces_of(5)
    assert len(csv_pieces(data, 5)) > 3
    in_pieces_errors = errors(data_submitter, data)
    assert in_pieces_errors == one_go
    assert {e["row"] for e in one_go} == {4, 16, 26, 27, 28}
    repeats = [e for e in one_go if e["column"] == "note"]
    assert [e["row"] for e in repeats] == [26, 27]
    assert "Row 26 repeats row 2 " in repeats[0]["message"]
    assert "Row 27 repeats row 22 " in repeats[1]["message"]
    assert not Dataset.objects.exists() and not ActivityRecord.objects.exists()


def test_header_issues_once_and_a_missing_column_stops(enterprise, data_submitter, pieces_of):
    rows = [gas_row(period=f"2025-{m:02d}") for m in range(1, 13)]
    lines = template_csv(rows).rstrip(b"\n").split(b"\n")
    data = b"\n".join([lines[0] + b",extra", *(line + b",x" for line in lines[1:])]) + b"\n"
    pieces_of(10**9)
    one_go = errors(data_submitter, data)
    pieces_of(3)
    assert errors(data_submitter, data) == one_go
    assert [(e["row"], e["value"]) for e in one_go] == [(1, "extra")]

    missing = template_csv([{k: v for k, v in row.items() if k != "source"} for row in rows])
    pieces_of(10**9)
    one_go = errors(data_submitter, missing)
    pieces_of(3)
    assert errors(data_submitter, missing) == one_go
    assert [e["column"] for e in one_go] == ["source"]
    assert not Dataset.objects.exists()


def test_quoted_line_breaks_are_never_cut(enterprise, data_submitter, pieces_of):
    rows = [gas_row(period=f"2025-{m:02d}", note=f"meter\nread {m}") for m in range(1, 13)]
    data = template_csv(rows)
    for start, end in csv_pieces(data, 1):
        assert data.count(b'"', start, end) % 2 == 0
        assert data[end - 1 : end] == b"\n"
    pieces_of(10**9)
    whole = submit(data_submitter, data).dataset
    one_go = rows_of(whole)
    Dataset.objects.filter(pk=whole.pk).delete()
    pieces_of(1)
    dataset = submit(data_submitter, data).dataset
    assert rows_of(dataset) == one_go and dataset.row_count == 12
    assert ActivityRecord.objects.filter(dataset=dataset, note="meter\nread 12").exists()


def test_a_gb18030_file_in_pieces(enterprise, data_submitter, pieces_of):
    rows = [gas_row(period=f"2025-{m:02d}", note="燃气表读数") for m in range(1, 13)]
    data = template_csv(rows).decode().encode("gb18030")
    pieces_of(4)
    dataset = submit(data_submitter, data).dataset
    assert dataset.row_count == 12
    assert set(ActivityRecord.objects.filter(dataset=dataset).values_list("note", flat=True)) == {
        "燃气表读数"
    }


def test_blank_lines_and_an_empty_file(enterprise, data_submitter, pieces_of):
    rows = [gas_row(period=f"2025-{m:02d}") for m in range(1, 13)]
    data = template_csv(rows)
    header, body = data.split(b"\n", 1)
    blank = b",,,,,\n" * 6
    with_blanks = header + b"\n" + blank + body
    pieces_of(10**9)
    whole = submit(data_submitter, with_blanks).dataset
    one_go = rows_of(whole)
    Dataset.objects.filter(pk=whole.pk).delete()
    pieces_of(4)
    assert rows_of(submit(data_submitter, with_blanks).dataset) == one_go

    only_blanks = header + b"\n" + blank
    pieces_of(10**9)
    one_go = errors(data_submitter, only_blanks)
    pieces_of(2)
    assert errors(data_submitter, only_blanks) == one_go
