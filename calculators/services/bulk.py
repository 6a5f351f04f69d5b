"""Bulk movement of DataFrames into and out of the database (8.5: a database that scales).

One adapter for the whole app: ``COPY`` on PostgreSQL (psycopg 3 ``cursor.copy()``), batched
``executemany`` on SQLite and other vendors. Model instances are never built per row: a
million activity rows as model instances cost more than the whole intake.
"""

import io

from django.db import connection, models

import numpy as np
import pandas as pd

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
        rows = list(zip(*_column_lists(frame), strict=True))
        with connection.cursor() as cursor:
            for start in range(0, len(rows), BATCH_SIZE):
                cursor.executemany(sql, rows[start : start + BATCH_SIZE])
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
            frame.iloc[start : start + step].to_csv(
                buffer, header=False, index=False, na_rep="", float_format="%.17g"
            )
            copy.write(buffer.getvalue())


def queryset_frame(queryset: models.QuerySet, columns: list[str]) -> pd.DataFrame:
    """Read ``queryset.values_list(*columns)`` into a DataFrame in ONE query, without models."""
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=columns)
