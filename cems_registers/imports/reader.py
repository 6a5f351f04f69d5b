"""Read an uploaded XLSX or CSV into a DataFrame of strings, after checking what it is.

Checks: extension (``.xlsx`` or ``.csv``), size (``settings.CEMS_MAX_UPLOAD_BYTES``) and
content (an XLSX is a zip holding ``xl/workbook.xml``; a CSV is text in UTF-8 or GB18030
without NUL bytes), so a renamed file is refused before pandas sees it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

import pandas as pd

from .xlsx import ET, read_sheets  # ET: defusedxml's, for its ParseError

ALLOWED_EXTENSIONS = (".xlsx", ".csv")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


def max_upload_bytes() -> int:
    return int(getattr(settings, "CEMS_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))


def check_upload(*, name: str, data: bytes) -> str:
    """Validate name, size and content; return the format (``xlsx`` or ``csv``)."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("%(name)s: only .xlsx and .csv files can be imported."),
            params={"name": name},
            code="extension",
        )
    limit = max_upload_bytes()
    if len(data) > limit:
        raise ValidationError(
            _("%(name)s is %(size)s; the largest file accepted is %(limit)s."),
            params={
                "name": name,
                "size": filesizeformat(len(data)),
                "limit": filesizeformat(limit),
            },
            code="size",
        )
    if not data:
        raise ValidationError(_("%(name)s is empty."), params={"name": name}, code="empty")
    if suffix == ".xlsx":
        if not data.startswith(b"PK\x03\x04"):
            raise ValidationError(
                _("%(name)s is not an Excel workbook (.xlsx)."),
                params={"name": name},
                code="content",
            )
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        if "xl/workbook.xml" not in names:
            raise ValidationError(
                _("%(name)s is not an Excel workbook (.xlsx)."),
                params={"name": name},
                code="content",
            )
        return "xlsx"
    if b"\x00" in data[:65536]:
        raise ValidationError(
            _("%(name)s is not a text CSV file."), params={"name": name}, code="content"
        )
    if decode_csv(data) is None:
        raise ValidationError(
            _("%(name)s is not encoded in UTF-8 or GB18030."),
            params={"name": name},
            code="encoding",
        )
    return "csv"


def decode_csv(data: bytes) -> str | None:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _frame(rows: list[list[str]]) -> pd.DataFrame:
    header = [str(h).strip() for h in rows[0]] if rows else []
    header = [h or f"Unnamed: {i}" for i, h in enumerate(header)]
    return pd.DataFrame(rows[1:], columns=header, dtype=str)


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(c).strip() for c in frame.columns]
    # Drop rows that are entirely empty (trailing formatting in spreadsheets).
    frame = frame.fillna("").astype(str)
    if frame.empty:
        return frame
    non_empty = frame.apply(lambda col: col.str.strip() != "").any(axis=1)
    return frame[non_empty]


def read_workbook(*, name: str, data: bytes) -> list[tuple[str, pd.DataFrame]]:
    """Every sheet as ``(sheet name, frame of strings)``; a CSV is one sheet without a name.

    Empty cells are ``""``; the header is in row 1; rows left entirely empty are dropped.
    """
    kind = check_upload(name=name, data=data)
    if kind == "csv":
        frame = pd.read_csv(
            io.StringIO(decode_csv(data)), dtype=str, keep_default_na=False, skipinitialspace=True
        )
        return [("", _clean(frame))]
    try:
        sheets = [(sheet, _frame(rows)) for sheet, rows in read_sheets(io.BytesIO(data))]
    except (ValueError, KeyError, IndexError, ET.ParseError):
        book = pd.read_excel(
            io.BytesIO(data), sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl"
        )
        sheets = list(book.items())
    return [(sheet, _clean(frame)) for sheet, frame in sheets]


def read_table(*, name: str, data: bytes) -> pd.DataFrame:
    """The first sheet (or the CSV) as strings, empty cells as ``""``; header in row 1."""
    return read_workbook(name=name, data=data)[0][1]
