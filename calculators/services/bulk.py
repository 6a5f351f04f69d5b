"""Bulk movement of DataFrames into and out of the database (8.5: a database that scales).

One adapter for the whole app. Model instances are never built per row: a million activity
rows as model instances cost more than the whole intake.

* **Writes** (:func:`frame_insert`): PostgreSQL streams the rows into ``COPY … FROM STDIN
  (FORMAT binary)`` through psycopg 3's ``copy.write_row`` (formatted in C, no CSV text is
  built); SQLite runs one prepared ``INSERT`` by ``executemany`` on plain tuples, with its
  page cache and temporary store raised for the load only. The rows are turned into Python
  values one chunk of :data:`CHUNK_ROWS` at a time (memory stays bounded) and per distinct
  value for text and dates. A column NULL on every row is left out of the statement (NULL
  is what the database stores for it anyway); on SQLite a column holding one integer or
  text on every row (the dataset id, a blank override unit) is written as a literal of the
  statement instead of a parameter per row.
* **Reads** (:func:`queryset_frame`): PostgreSQL ``COPY (query) TO STDOUT (FORMAT csv)``
  parsed by pandas' C reader while the server still writes (the stream is read as a file);
  other vendors fetch in batches.

The chunked helpers (:func:`frame_chunks`) let a caller hold one slice of a large frame at a
time (10 M-row intakes and runs, issue 13 §1).
"""

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import OperationalError, connection, models

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

#: Rows turned into Python values at a time (per COPY write loop or ``executemany``).
CHUNK_ROWS = 50_000
#: Rows fetched per round trip when reading on vendors without COPY.
FETCH_ROWS = 50_000
_TEXT_TYPES = {"CharField", "TextField", "SlugField"}
#: PostgreSQL column types (``Field.db_type`` prefixes) → psycopg binary COPY type names.
_PG_BINARY = (
    ("bigint", "int8"),
    ("bigserial", "int8"),
    ("integer", "int4"),
    ("serial", "int4"),
    ("smallint", "int2"),
    ("smallserial", "int2"),
    ("double precision", "float8"),
    ("date", "date"),
    ("varchar", "text"),
    ("text", "text"),
    ("boolean", "bool"),
)
#: SQLite pragmas raised for the duration of a bulk write (restored after): a 256 MB page
#: cache keeps the indexes' pages in memory, temporary b-trees stay in memory.
SQLITE_LOAD_PRAGMAS = {"cache_size": -262144, "temp_store": 2}


@dataclass(frozen=True)
class _Column:
    """One column of a bulk write: frame column (attname), table column, kind, binary type."""

    name: str
    column: str
    kind: str  # int, float, text, date, bool or other
    pg_type: str | None
    nullable: bool


def _columns(model: type[models.Model], frame: pd.DataFrame) -> list[_Column]:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    out = []
    for name in frame.columns:
        field = fields[name]
        internal = field.get_internal_type()
        if internal in _TEXT_TYPES:
            kind = "text"
        elif internal == "DateField":
            kind = "date"
        elif internal == "FloatField":
            kind = "float"
        elif internal == "BooleanField":
            kind = "bool"
        elif internal.endswith(("IntegerField", "AutoField")) or field.is_relation:
            kind = "int"
        else:
            kind = "other"
        pg_type = None
        if connection.vendor == "postgresql":
            db_type = (field.db_type(connection) or "").lower()
            pg_type = next((t for prefix, t in _PG_BINARY if db_type.startswith(prefix)), None)
        out.append(_Column(name, field.column, kind, pg_type, field.null))
    return out


def frame_chunks(frame: pd.DataFrame, rows: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    """Consecutive slices of ``frame`` of at most ``rows`` rows (views, no copy)."""
    for start in range(0, len(frame), rows):
        yield frame.iloc[start : start + rows]


def _per_distinct(series: pd.Series, convert, missing=None) -> list:
    """``convert`` applied once per distinct value, spread back to the rows (a missing value
    becomes ``missing``)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        uniques = series.cat.categories
    else:
        codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    lookup = np.empty(len(uniques) + 1, dtype=object)
    lookup[:-1] = [convert(v) for v in uniques]
    lookup[-1] = missing  # code −1
    return lookup[codes].tolist()


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return pd.Timestamp(value).date()


def _python_values(series: pd.Series, column: _Column, *, binary: bool) -> list:
    """One chunk of a column as the Python values the driver binds; NaN/NA → None.

    Text and dates are converted per distinct value. For PostgreSQL (``binary``) a missing
    text is "" (stored text columns are NOT NULL; the earlier CSV path forced the same) and a
    date is a ``datetime.date``; for SQLite a date is its ISO text, as Django stores it.
    """
    kind = column.kind
    if kind == "float" or (kind == "int" and series.dtype.kind == "f"):
        numbers = series.to_numpy(dtype=float, na_value=np.nan)
        missing = np.isnan(numbers)
        values = numbers if kind == "float" else np.where(missing, 0, numbers).astype(np.int64)
        out = values.astype(object)
        out[missing] = None
        return out.tolist()
    if kind in ("int", "bool") and series.dtype.kind in "iub":
        return series.to_numpy().tolist()
    if kind == "text":
        return _per_distinct(series, str, "" if binary else None)
    if kind == "date":
        return _per_distinct(series, _as_date if binary else lambda v: _as_date(v).isoformat())
    return series.astype(object).where(series.notna(), None).tolist()


def _constant(series: pd.Series, column: _Column):
    """("null", None), ("value", v) when every row holds the same int or text v, else None."""
    if not len(series):
        return None
    missing = series.isna().to_numpy()
    if missing.all():
        return ("null", None) if column.nullable else None
    if missing.any() or column.kind not in ("int", "text"):
        return None
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        if (codes != codes[0]).any():
            return None
        value = series.cat.categories[codes[0]]
    else:
        array = series.to_numpy()
        if (array != array[0]).any():
            return None
        value = array[0]
    if column.kind == "int" and isinstance(value, (int, np.integer)):
        return ("value", int(value))
    # no NUL (C strings) and no "%" (Django's SQLite wrapper rewrites "%s" placeholders)
    if column.kind == "text" and isinstance(value, str) and not {"\x00", "%"} & set(value):
        return ("value", value)
    return None


def frame_insert(model: type[models.Model], frame: pd.DataFrame) -> int:
    """Insert every row of ``frame`` into ``model``'s table; columns are attnames (``x_id``).

    One ``COPY`` on PostgreSQL, one prepared ``INSERT`` run by ``executemany`` per chunk
    elsewhere; rows keep the frame's order (ids ascend with it). Returns the rows written.
    Runs in the caller's transaction.
    """
    if frame.empty:
        return 0
    columns = _columns(model, frame)
    constants = {c.name: _constant(frame[c.name], c) for c in columns}
    # a column NULL on every row is left out: the table stores NULL for it without being sent
    sent = [c for c in columns if constants[c.name] != ("null", None)]
    if connection.vendor == "postgresql":
        _copy_in(model, sent, frame)
    else:
        _execute_many(model, sent, frame, constants)
    return len(frame)


def _copy_in(model: type[models.Model], columns: list[_Column], frame: pd.DataFrame) -> None:
    """``COPY table (…) FROM STDIN (FORMAT binary)``, rows formatted by psycopg's C writer.

    Binary needs each column's exact type; a column of another type (none of the bulk
    tables has one) switches the copy to text format, where psycopg adapts each value.
    """
    qn = connection.ops.quote_name
    binary = all(c.pg_type is not None for c in columns)
    column_sql = ", ".join(qn(c.column) for c in columns)
    statement = f"COPY {qn(model._meta.db_table)} ({column_sql}) FROM STDIN"
    if binary:
        statement += " (FORMAT binary)"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        if binary:
            copy.set_types([c.pg_type for c in columns])
        write = copy.write_row
        for chunk in frame_chunks(frame):
            values = [_python_values(chunk[c.name], c, binary=binary) for c in columns]
            for row in zip(*values, strict=True):
                write(row)


def _sql_literal(value) -> str:
    """An int or a text as an SQLite literal (quotes doubled); only what :func:`_constant` keeps."""
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


def _execute_many(
    model: type[models.Model], columns: list[_Column], frame: pd.DataFrame, constants: dict
) -> None:
    """One prepared ``INSERT`` run by ``executemany`` on tuples, chunk by chunk."""
    qn = connection.ops.quote_name
    sqlite = connection.vendor == "sqlite"
    # the first column is always bound: executemany needs one parameter tuple per row
    literal = {c.name for c in columns[1:] if sqlite and constants[c.name] is not None}
    bound = [c for c in columns if c.name not in literal]
    values_sql = ", ".join(
        _sql_literal(constants[c.name][1]) if c.name in literal else "%s" for c in columns
    )
    column_sql = ", ".join(qn(c.column) for c in columns)
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({column_sql}) VALUES ({values_sql})"  # noqa: S608
    with connection.cursor() as cursor, _load_pragmas(cursor):
        for chunk in frame_chunks(frame):
            values = [_python_values(chunk[c.name], c, binary=False) for c in bound]
            cursor.executemany(sql, zip(*values, strict=True))


@contextmanager
def _load_pragmas(cursor):
    """SQLite: :data:`SQLITE_LOAD_PRAGMAS` for the load, the connection's own values after."""
    if connection.vendor != "sqlite":
        yield
        return
    before = {}
    for name, value in SQLITE_LOAD_PRAGMAS.items():
        cursor.execute(f"PRAGMA {name}")
        current = cursor.fetchone()[0]
        try:
            cursor.execute(f"PRAGMA {name} = {int(value)}")
        except OperationalError:  # temp_store, once the transaction used temporary storage
            continue
        before[name] = current
    try:
        yield
    finally:
        for name, value in before.items():
            cursor.execute(f"PRAGMA {name} = {int(value)}")


def queryset_frame(
    queryset: models.QuerySet, columns: list[str], *, categorical: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Read ``queryset.values_list(*columns)`` into a DataFrame in ONE query, without models.

    PostgreSQL streams the rows with ``COPY (query) TO STDOUT`` as CSV into pandas' parser;
    other vendors fetch in batches. Text columns come back as ``object`` (empty strings
    kept), numbers as float/int, dates as ISO strings on PostgreSQL and ``datetime.date`` on
    SQLite. Columns named in ``categorical`` (repetitive text: units, methods, codes) come
    back as categoricals, built batch by batch, which keeps a million rows small and fast.
    """
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    if connection.vendor == "postgresql":
        return _copy_out(queryset, sql, params, columns, categorical)
    frames = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            chunk = pd.DataFrame.from_records(rows, columns=columns)
            for name in categorical:
                chunk[name] = pd.Categorical(chunk[name].to_numpy(dtype=object))
            frames.append(chunk)
    if not frames:  # no row: the same columns and dtypes as PostgreSQL's path gives
        frame = pd.DataFrame(columns=columns)
        for name in categorical:
            frame[name] = frame[name].astype(object).astype("category")
        return frame
    if len(frames) == 1:
        return frames[0]
    merged = {}
    for name in columns:
        if name in categorical:
            merged[name] = union_categoricals([f[name] for f in frames])
        else:
            merged[name] = np.concatenate([f[name].to_numpy() for f in frames])
    return pd.DataFrame(merged, columns=columns)


class _CopyStream(io.RawIOBase):
    """A psycopg ``COPY … TO STDOUT`` as a readable binary file, so that pandas parses the
    rows while the server still sends them (no buffer of the whole result)."""

    def __init__(self, copy):
        self._blocks = iter(copy)
        self._pending = memoryview(b"")
        self.received = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            block = next(self._blocks, None)
            if block is None:
                return 0
            self._pending = memoryview(block)
            self.received += len(block)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _copy_out(
    queryset, sql: str, params, columns: list[str], categorical: tuple[str, ...]
) -> pd.DataFrame:
    """``COPY (sql) TO STDOUT (FORMAT csv)`` parsed as it streams; NULL is an unquoted empty
    field. Text columns named in ``categorical`` are parsed straight into categoricals."""
    text = {name for name in columns if _is_text(queryset.model, name)}
    dtypes = {name: ("category" if name in categorical else object) for name in text}
    with connection.cursor() as cursor:
        statement = cursor.cursor.mogrify(sql, params)
        if isinstance(statement, bytes):
            statement = statement.decode()
        with cursor.cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
            stream = io.BufferedReader(_CopyStream(copy), buffer_size=1 << 20)
            try:
                frame = pd.read_csv(
                    stream,
                    header=None,
                    names=columns,
                    dtype=dtypes,
                    keep_default_na=False,
                    na_values={c: [""] for c in columns if c not in text},
                    encoding="utf-8",
                )
            except pd.errors.EmptyDataError:  # no row at all
                frame = pd.DataFrame(columns=columns)
            for _rest in copy:  # the stream must be read to its end before the cursor is reused
                pass
    for name in categorical:
        if not isinstance(frame[name].dtype, pd.CategoricalDtype):
            frame[name] = frame[name].astype(object).astype("category")
    return frame


def _is_text(model, path: str) -> bool:
    field = _resolve_field(model, path)
    return field is not None and field.get_internal_type() in _TEXT_TYPES


def _resolve_field(model, path: str):
    """The concrete field a ``values_list`` path such as ``source__code`` reads, or None."""
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if field.is_relation:
            model = field.related_model
    if field is not None and field.is_relation:
        return field.target_field
    return field
