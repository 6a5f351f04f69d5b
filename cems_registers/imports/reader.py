"""Read an uploaded XLSX or CSV into a DataFrame of strings, after checking what it is.

Checks, before any parser sees the file (:mod:`cems_registers.upload_guard`): extension
(``.xlsx`` or ``.csv``), size (``CEMS_MAX_UPLOAD_BYTES``), content (an XLSX is a zip holding
``xl/workbook.xml``, within the zip and sheet limits; a CSV is text in UTF-8 or GB18030
without NUL or control bytes), and at most ``CEMS_IMPORT_MAX_ROWS`` data rows per sheet.
"""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import pandas as pd

from ..upload_guard import UNREADABLE_ZIP, limit
from ..upload_guard import check_upload as guard_upload
from .xlsx import ET, lxml_etree, read_sheets  # ET: defusedxml's, for its ParseError

ALLOWED_EXTENSIONS = (".xlsx", ".csv")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
#: Data rows one sheet of an import may hold, unless ``CEMS_IMPORT_MAX_ROWS`` says otherwise.
DEFAULT_MAX_ROWS = 20_000


def max_upload_bytes() -> int:
    return limit("CEMS_MAX_UPLOAD_BYTES")


def max_rows() -> int:
    """The most data rows one sheet of an import may hold (``CEMS_IMPORT_MAX_ROWS``)."""
    return int(getattr(settings, "CEMS_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def check_upload(*, name: str, data: bytes) -> str:
    """Validate name, size and content (:mod:`cems_registers.upload_guard`: zip bombs,
    declared dimensions, rows and columns, DTDs); return the format (``xlsx`` or ``csv``)."""
    kind = guard_upload(name=name, data=data, max_rows=max_rows())
    if kind == "csv" and decode_csv(data) is None:
        raise ValidationError(
            _("%(name)s is not encoded in UTF-8 or GB18030."),
            params={"name": name},
            code="encoding",
        )
    return kind


def too_many_rows(rows: int, *, name: str) -> ValidationError:
    """The refusal of a sheet with more than :func:`max_rows` data rows (``name``: the
    file's, or the sheet's)."""
    return ValidationError(
        _(
            "%(name)s has more than %(limit)s data rows in one sheet; import at most "
            "%(limit)s rows at a time (split the file)."
        ),
        params={"name": name, "limit": f"{max_rows():,}", "rows": rows},
        code="rows",
    )


def decode_csv(data: bytes) -> str | None:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _frame(rows: list[list[str]]) -> pd.DataFrame:
    width = max((len(row) for row in rows), default=0)
    header = [str(h).strip() for h in rows[0]] if rows else []
    header += [""] * (width - len(header))
    header = [h or f"Unnamed: {i}" for i, h in enumerate(header)]
    body = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=str)


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(c).strip() for c in frame.columns]
    # Drop rows that are entirely empty (trailing formatting in spreadsheets).
    frame = frame.fillna("").astype(str)
    if frame.empty:
        return frame
    non_empty = frame.apply(lambda col: col.str.strip() != "").any(axis=1)
    return frame[non_empty]


def _csv_rows(name: str, data: bytes) -> list[list[str]]:
    """The rows of a CSV as the ``csv`` module reads text opened with ``newline=""``: a line
    break (CR, LF or CRLF) inside a quoted cell stays in the cell. At most :func:`max_rows`
    data rows are read; one more refuses the file."""
    cap = max_rows()
    rows = []
    reader = csv.reader(io.StringIO(decode_csv(data), newline=""), skipinitialspace=True)
    try:
        for row in reader:
            if len(rows) > cap:
                raise too_many_rows(cap + 1, name=name)
            rows.append(row)
    except csv.Error as exc:
        raise ValidationError(
            _("%(name)s cannot be read as CSV near line %(line)s: %(detail)s"),
            params={"name": name, "line": reader.line_num, "detail": str(exc)},
            code="damaged",
        ) from exc
    return rows


#: What the streaming reader, pandas and openpyxl raise on a damaged workbook.
UNREADABLE_XLSX = (KeyError, IndexError, TypeError, ET.ParseError, *UNREADABLE_ZIP)
if lxml_etree is not None:
    UNREADABLE_XLSX += (lxml_etree.LxmlError,)


def _xlsx_sheets(name: str, data: bytes) -> list[tuple[str, pd.DataFrame]]:
    try:
        return [(sheet, _frame(rows)) for sheet, rows in read_sheets(io.BytesIO(data))]
    except UNREADABLE_XLSX:
        pass  # the strict reader gives up on what openpyxl may still read
    try:
        book = pd.read_excel(
            io.BytesIO(data), sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl"
        )
    except UNREADABLE_XLSX as exc:
        raise ValidationError(
            _("%(name)s is damaged and cannot be read (%(detail)s)."),
            params={"name": name, "detail": type(exc).__name__},
            code="damaged",
        ) from exc
    return list(book.items())


def read_workbook(*, name: str, data: bytes) -> list[tuple[str, pd.DataFrame]]:
    """Every sheet as ``(sheet name, frame of strings)``; a CSV is one sheet without a name.

    Empty cells are ``""``; the header is in row 1; rows left entirely empty are dropped.
    Raises :class:`ValidationError` (in the active language, naming the file) on a file that
    is refused (see :func:`check_upload`), damaged, or longer than :func:`max_rows` rows.
    """
    kind = check_upload(name=name, data=data)
    sheets = [("", _frame(_csv_rows(name, data)))] if kind == "csv" else _xlsx_sheets(name, data)
    for _sheet, frame in sheets:
        if len(frame) > max_rows():
            raise too_many_rows(len(frame), name=name)
    return [(sheet, _clean(frame)) for sheet, frame in sheets]


def read_table(*, name: str, data: bytes) -> pd.DataFrame:
    """The first sheet (or the CSV) as strings, empty cells as ``""``; header in row 1."""
    return read_workbook(name=name, data=data)[0][1]
