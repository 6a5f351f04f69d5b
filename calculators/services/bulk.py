"""Bulk movement of DataFrames into and out of the database (8.5: a database that scales).

One adapter for the whole app: ``COPY`` on PostgreSQL (psycopg 3 ``cursor.copy()``), batched
``executemany`` on SQLite and other vendors. Model instances are never built per row: a
million activity rows as model instances cost more than the whole intake.
"""

import io

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

#: Rows per ``executemany`` batch (SQLite) and per COPY write.
BATCH_SIZE = 5000


def _column_lists(frame: pd.DataFrame) -> list[list]:
    """Each column as a Python list with NaN/NA turned into None; vectorised per column."""
    out = []
    for name in frame.columns:
        series = frame[name]
        if series.dtype.kind == "f":
            numbers = series.to_numpy(dtype=float)
            values = numbers.astype(object)
            values[np.isnan(numbers)] = None
            out.append(values.tolist())
        elif series.dtype.kind in "iub":
            out.append(series.to_numpy().tolist())
        else:
            out.append(series.astype(object).where(series.notna(), None).tolist())
    return out


def frame_insert(model: type[models.Model], frame: pd.DataFrame) -> int:
    """Insert every row of ``frame`` into ``model``'s table; columns are attnames (``x_id``).

    Issues ``ceil(len / BATCH_SIZE)`` statements (one COPY on PostgreSQL); returns the rows
    written. Runs in the caller's transaction.
    """
    if frame.empty:
        return 0
    table = model._meta.db_table
    fields = {f.attname: f.column for f in model._meta.concrete_fields}
    columns = [fields[name] for name in frame.columns]
    qn = connection.ops.quote_name
    column_sql = ", ".join(qn(c) for c in columns)
    if connection.vendor == "postgresql":
        _copy_in(model, columns, frame)
    else:
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {qn(table)} ({column_sql}) VALUES ({placeholders})"  # noqa: S608
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # a larger page cache keeps the indexes' pages in memory during big loads
                cursor.execute("PRAGMA cache_size = -262144")
            # Python tuples are built one batch at a time: memory stays bounded.
            for start in range(0, len(frame), BATCH_SIZE):
                chunk = frame.iloc[start : start + BATCH_SIZE]
                cursor.executemany(sql, list(zip(*_column_lists(chunk), strict=True)))
    return len(frame)


def _copy_in(model: type[models.Model], columns: list[str], frame: pd.DataFrame) -> None:
    """``COPY table FROM STDIN (FORMAT csv)``, CSV text written in chunks by pandas.

    An unquoted empty field is NULL; text columns are ``FORCE_NOT_NULL`` so that an empty
    string stays an empty string.
    """
    qn = connection.ops.quote_name
    text_types = {"CharField", "TextField", "SlugField"}
    by_column = {f.column: f for f in model._meta.concrete_fields}
    text_cols = [c for c in columns if by_column[c].get_internal_type() in text_types]
    options = "FORMAT csv"
    if text_cols:
        options += f", FORCE_NOT_NULL ({', '.join(qn(c) for c in text_cols)})"
    column_sql = ", ".join(qn(c) for c in columns)
    statement = f"COPY {qn(model._meta.db_table)} ({column_sql}) FROM STDIN WITH ({options})"
    step = BATCH_SIZE * 20
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for start in range(0, len(frame), step):
            buffer = io.StringIO()
            frame.iloc[start : start + step].to_csv(buffer, header=False, index=False, na_rep="")
            copy.write(buffer.getvalue())


def queryset_frame(
    queryset: models.QuerySet, columns: list[str], *, categorical: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Read ``queryset.values_list(*columns)`` into a DataFrame in ONE query, without models.

    PostgreSQL streams the rows with ``COPY (query) TO STDOUT`` as CSV; other vendors fetch
    in batches. Text columns come back as ``object`` (empty strings kept), numbers as
    float/int, dates as ISO strings on PostgreSQL and ``datetime.date`` on SQLite. Columns
    named in ``categorical`` (repetitive text: units, methods, codes) come back as
    categoricals, built batch by batch, which keeps a million rows small and fast.
    """
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    if connection.vendor == "postgresql":
        frame = _copy_out(queryset, sql, params, columns)
        for name in categorical:
            frame[name] = frame[name].astype(object).astype("category")
        return frame
    frames = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(BATCH_SIZE * 10):
            chunk = pd.DataFrame.from_records(rows, columns=columns)
            for name in categorical:
                chunk[name] = pd.Categorical(chunk[name].to_numpy(dtype=object))
            frames.append(chunk)
    if not frames:
        return pd.DataFrame(columns=columns)
    if len(frames) == 1:
        return frames[0]
    merged = {}
    for name in columns:
        if name in categorical:
            merged[name] = union_categoricals([f[name] for f in frames])
        else:
            merged[name] = np.concatenate([f[name].to_numpy() for f in frames])
    return pd.DataFrame(merged, columns=columns)


def _copy_out(queryset, sql: str, params, columns: list[str]) -> pd.DataFrame:
    """``COPY (sql) TO STDOUT (FORMAT csv)`` into pandas; NULL is an unquoted empty field."""
    with connection.cursor() as cursor:
        statement = cursor.cursor.mogrify(sql, params)
        if isinstance(statement, bytes):
            statement = statement.decode()
        buffer = io.BytesIO()
        with cursor.cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                buffer.write(block)
    buffer.seek(0)
    text_types = {"CharField", "TextField", "SlugField"}
    dtypes = {}
    for name in columns:
        field = _resolve_field(queryset.model, name)
        if field is not None and field.get_internal_type() in text_types:
            dtypes[name] = object
    if not buffer.getbuffer().nbytes:
        return pd.DataFrame(columns=columns)
    frame = pd.read_csv(
        buffer,
        header=None,
        names=columns,
        dtype=dtypes,
        keep_default_na=False,
        na_values={c: [""] for c in columns if c not in dtypes},
        encoding="utf-8",
    )
    return frame


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
