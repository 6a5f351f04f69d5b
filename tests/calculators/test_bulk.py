"""The bulk adapter (calculators/services/bulk.py, 8.5; issue 13 §1): what ``frame_insert``
stores is what the ORM would store, in the frame's order, whatever the column dtypes; the
load-scoped SQLite pragmas are put back; ``queryset_frame`` reads the same frame in one query,
batched or streamed. Runs on SQLite and PostgreSQL (each vendor's branch in its own pass)."""

import datetime as dt
import math

from django.db import connection
from django.test.utils import CaptureQueriesContext

import numpy as np
import pandas as pd
import pytest

from calculators.models import ActivityRecord, Dataset, DatasetStatus
from calculators.services import bulk
from calculators.services.bulk import frame_insert, queryset_frame

from ..users import role_user

pytestmark = pytest.mark.django_db

STORED = [f.attname for f in ActivityRecord._meta.concrete_fields if f.attname != "id"]
#: Text columns: NOT NULL without a database default, so every bulk frame carries them.
TEXTS = [
    f.attname
    for f in ActivityRecord._meta.concrete_fields
    if f.get_internal_type() in ("CharField", "TextField")
]


@pytest.fixture
def dataset():
    user = role_user("bulk_submitter")
    return Dataset.objects.create(
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        filename="bulk.csv",
        sha256="0" * 64,
        rows_hash="0" * 64,
        submitted_by=user,
    )


def records(dataset_id: int, n: int) -> pd.DataFrame:
    """``n`` activity rows with every dtype the intake hands over: categoricals, object text
    with blanks, floats with NaN, an all-NaN column, ISO dates, quotes, a "%" and Chinese."""
    rng = np.random.default_rng(1)
    units = pd.Categorical.from_codes(rng.integers(0, 3, n), ["t", "万Nm3", "MWh"])
    notes = np.array([f"批次 {i}, \"quoted\" 'x' 50%" if i % 3 else "" for i in range(n)], object)
    frame = pd.DataFrame(
        {
            "dataset_id": dataset_id,
            "row_number": np.arange(2, n + 2, dtype=np.int64),
            "source_id": rng.integers(1, 9, n),
            "facility_id": np.int64(3),
            "period": [f"2025-{1 + i % 12:02d}-01" for i in range(n)],
            "method": pd.Categorical(["fuel_cn"] * n),
            "material": np.where(np.arange(n) % 2, "natural_gas", ""),
            "gas": pd.Series([""] * n, dtype=object),
            "quantity": np.where(np.arange(n) % 5 == 0, np.nan, rng.uniform(0, 1e6, n)),
            "unit": units,
            "quantity_normalised": rng.uniform(0, 1e6, n),
            "unit_normalised": pd.Categorical(["t"] * n),
            "oxidation_rate": np.full(n, np.nan),
            "ncv": np.where(np.arange(n) % 7 == 0, 389.31, np.nan),
            "ncv_unit": np.where(np.arange(n) % 7 == 0, "GJ/万Nm3", ""),
            "note": notes,
        }
    )
    return frame.assign(**{name: "" for name in TEXTS if name not in frame})


def stored(dataset_id: int) -> list[tuple]:
    rows = ActivityRecord.objects.filter(dataset_id=dataset_id).order_by("id")
    return [
        tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
        for row in rows.values_list(*STORED)
    ]


def orm_rows(frame: pd.DataFrame) -> list[tuple]:
    """What the ORM stores for the same rows (model instances, bulk_create): the reference."""
    objects = []
    for row in frame.astype(object).to_dict("records"):
        values = {
            k: (None if (isinstance(v, float) and math.isnan(v)) or v is None else v)
            for k, v in row.items()
        }
        for text in TEXTS:
            values[text] = values[text] or ""
        values["period"] = dt.date.fromisoformat(values["period"])
        objects.append(ActivityRecord(**values))
    return objects


def test_frame_insert_stores_what_the_orm_stores_in_the_frame_order(dataset, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 7)  # several chunks
    frame = records(dataset.pk, 40)
    other = Dataset.objects.create(
        period_start=dataset.period_start,
        period_end=dataset.period_end,
        filename="orm.csv",
        sha256="1" * 64,
        rows_hash="1" * 64,
        submitted_by=dataset.submitted_by,
    )
    assert frame_insert(ActivityRecord, frame) == 40
    ActivityRecord.objects.bulk_create(orm_rows(frame.assign(dataset_id=other.pk)))
    mine, reference = stored(dataset.pk), stored(other.pk)
    assert len(mine) == 40
    dataset_column = STORED.index("dataset_id")
    strip = [tuple(v for i, v in enumerate(r) if i != dataset_column) for r in mine]
    assert strip == [tuple(v for i, v in enumerate(r) if i != dataset_column) for r in reference]
    # ids ascend with the frame's order
    assert [r[STORED.index("row_number")] for r in mine] == list(range(2, 42))
    first = ActivityRecord.objects.filter(dataset=dataset).order_by("id").first()
    assert first.note == "" and first.gas == "" and first.oxidation_rate is None
    assert ActivityRecord.objects.filter(dataset=dataset, note__contains='"quoted"').count() == 26


def test_dates_and_integers_in_other_dtypes(dataset):
    frame = records(dataset.pk, 4)
    frame["period"] = [
        dt.date(2025, 2, 1),
        dt.datetime(2025, 3, 1, 0, 0),
        pd.Timestamp("2025-04-01"),
        np.datetime64("2025-05-01"),
    ]
    frame["source_id"] = np.array([1.0, 2.0, 3.0, 4.0])  # integers read back as floats
    frame_insert(ActivityRecord, frame)
    rows = ActivityRecord.objects.filter(dataset=dataset).order_by("id")
    assert [r.period for r in rows] == [dt.date(2025, m, 1) for m in (2, 3, 4, 5)]
    assert [r.source_id for r in rows] == [1, 2, 3, 4]


def test_an_empty_frame_writes_nothing(dataset):
    with CaptureQueriesContext(connection) as queries:
        assert frame_insert(ActivityRecord, records(dataset.pk, 0)) == 0
    assert len(queries) == 0
    assert not ActivityRecord.objects.filter(dataset=dataset).exists()


def test_constant_columns_and_literals(dataset):
    """Constant columns (literals on SQLite) and a constant text needing quotes doubled."""
    frame = records(dataset.pk, 5).assign(material="it's", method="m%s", data_source="电表")
    frame_insert(ActivityRecord, frame)
    rows = ActivityRecord.objects.filter(dataset=dataset)
    assert {(r.material, r.method, r.data_source) for r in rows} == {("it's", "m%s", "电表")}


def test_a_frame_of_constants(dataset):
    frame = records(dataset.pk, 3).assign(row_number=5, source_id=1, quantity=2.0, note="n")
    frame_insert(ActivityRecord, frame)
    assert ActivityRecord.objects.filter(dataset=dataset, row_number=5, note="n").count() == 3


def test_constant_detection():
    column = bulk._Column("x", "x", "int", None, True)
    assert bulk._constant(pd.Series([np.nan, np.nan]), column) == ("null", None)
    assert bulk._constant(pd.Series([1, 1]), column) == ("value", 1)
    assert bulk._constant(pd.Series([1, 2]), column) is None
    assert bulk._constant(pd.Series([], dtype=float), column) is None
    text = bulk._Column("t", "t", "text", None, False)
    assert bulk._constant(pd.Series([None, None], dtype=object), text) is None  # NOT NULL
    assert bulk._constant(pd.Series(["a", None]), text) is None
    assert bulk._constant(pd.Series(pd.Categorical(["a", "b"])), text) is None
    assert bulk._constant(pd.Series(pd.Categorical(["a", "a"])), text) == ("value", "a")
    assert bulk._constant(pd.Series(["a\x00"] * 2), text) is None
    assert bulk._constant(pd.Series([1.5, 1.5]), bulk._Column("f", "f", "float", None, 1)) is None


def test_other_column_types_go_through_the_driver(dataset):
    """A column the binary COPY does not know (a timestamp) switches to the text format."""
    when = dt.datetime(2025, 6, 1, 8, 30, tzinfo=dt.UTC)
    frame = pd.DataFrame(
        {
            "period_start": [dt.date(2025, 1, 1)],
            "period_end": [dt.date(2025, 2, 1)],
            "filename": ["other.csv"],
            "file": [""],
            "sha256": ["2" * 64],
            "rows_hash": ["2" * 64],
            "row_count": [3],
            "facilities": ["F1"],
            "channel": ["command"],
            "status": [DatasetStatus.SUBMITTED.value],
            "submitted_by_id": [dataset.submitted_by_id],
            "submitted_at": pd.Series([when], dtype=object),
            "review_comment": [""],
            "adds_to_approved": [True],
            "withdraw_reason": [""],
        }
    )
    frame_insert(Dataset, frame)
    row = Dataset.objects.get(sha256="2" * 64)
    assert row.submitted_at == when and row.adds_to_approved is True and row.row_count == 3


def test_sqlite_pragmas_are_put_back_after_the_load(dataset):
    def pragmas():
        if connection.vendor != "sqlite":
            return {}
        with connection.cursor() as cursor:
            out = {}
            for name in bulk.SQLITE_LOAD_PRAGMAS:
                cursor.execute(f"PRAGMA {name}")
                out[name] = cursor.fetchone()[0]
            return out

    before = pragmas()
    frame_insert(ActivityRecord, records(dataset.pk, 3))
    assert pragmas() == before
    assert ActivityRecord.objects.filter(dataset=dataset).count() == 3
    if connection.vendor == "sqlite":
        assert before != bulk.SQLITE_LOAD_PRAGMAS  # the load really changes them


@pytest.mark.parametrize("batch", [3, 1000])
def test_queryset_frame_reads_the_rows_back_in_one_query(dataset, monkeypatch, batch):
    monkeypatch.setattr(bulk, "FETCH_ROWS", batch)
    frame_insert(ActivityRecord, records(dataset.pk, 25))
    queryset = ActivityRecord.objects.filter(dataset=dataset).order_by("id")
    columns = ["row_number", "unit", "quantity", "note", "dataset__filename", "dataset__row_count"]
    with CaptureQueriesContext(connection) as queries:
        frame = queryset_frame(queryset, columns, categorical=("unit",))
    if connection.vendor != "postgresql":  # COPY bypasses Django's cursor wrapper
        assert len(queries) == 1
    assert list(frame.columns) == columns
    assert len(frame) == 25
    assert isinstance(frame["unit"].dtype, pd.CategoricalDtype)
    expected = list(queryset.values_list("row_number", "unit", "quantity", "note"))
    got = [
        (int(r), str(u), None if math.isnan(q) else q, n)
        for r, u, q, n in zip(
            frame["row_number"], frame["unit"], frame["quantity"], frame["note"], strict=True
        )
    ]
    assert got == expected
    assert "" in set(frame["note"])  # blank text stays blank, not NaN
    assert set(frame["dataset__filename"]) == {"bulk.csv"}
    assert set(frame["dataset__row_count"]) == {0}


def test_fields_behind_a_path():
    assert bulk._is_text(ActivityRecord, "dataset__filename")
    assert not bulk._is_text(ActivityRecord, "dataset__row_count")
    assert bulk._resolve_field(ActivityRecord, "source").name == "id"  # a relation: its key
    assert bulk._resolve_field(ActivityRecord, "period_ym") is None  # an annotation


def test_queryset_frame_of_no_rows(dataset):
    frame = queryset_frame(
        ActivityRecord.objects.filter(dataset=dataset),
        ["row_number", "unit"],
        categorical=("unit",),
    )
    assert list(frame.columns) == ["row_number", "unit"] and frame.empty
    assert isinstance(frame["unit"].dtype, pd.CategoricalDtype)


def test_copy_stream_reads_across_blocks():
    stream = bulk._CopyStream([b"ab", b"", b"cde", b"f"])
    buffer = bytearray(4)
    parts = []
    while size := stream.readinto(buffer):
        parts.append(bytes(buffer[:size]))
    assert b"".join(parts) == b"abcdef" and stream.received == 6 and stream.readable()


def test_frame_chunks_cover_the_frame_once():
    frame = pd.DataFrame({"a": range(10)})
    chunks = list(bulk.frame_chunks(frame, 4))
    assert [len(c) for c in chunks] == [4, 4, 2]
    assert pd.concat(chunks)["a"].tolist() == list(range(10))


def test_a_load_after_temporary_storage_was_used_in_the_transaction(dataset):
    """SQLite refuses to change ``temp_store`` once the transaction holds a temporary table:
    the load goes on with the setting it has."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bulk_scratch (a integer)")
        cursor.execute("INSERT INTO bulk_scratch VALUES (1)")
    frame_insert(ActivityRecord, records(dataset.pk, 4))
    assert ActivityRecord.objects.filter(dataset=dataset).count() == 4
