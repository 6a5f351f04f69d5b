"""What every uploaded spreadsheet passes before any parser sees it (8.5, 9.1; issue 13 §5, §6).

One guard for both apps: the register import (``cems_registers.imports``) and the activity
upload (``calculators.services.datasets``), whatever the channel (admin, API, command).

* **Content, not name.** :func:`sniff` tells an XLSX (a zip holding ``xl/workbook.xml``), an
  old binary Excel file, another zip, text and binary data apart by their bytes; a file whose
  content does not match its extension is refused.
* **Zip bombs.** Before one byte is decompressed: the number of members, the total declared
  uncompressed size and the expansion ratio. Python's ``zipfile`` never inflates a member
  beyond its declared size (it fails its CRC check instead), so these bounds hold for every
  reader that uses it, openpyxl included.
* **Huge sheets.** Each worksheet's declared ``<dimension ref>`` and then the sheet itself,
  streamed in chunks of :data:`CHUNK` bytes (memory stays bounded): its last row number and
  its widest column. A one-cell file whose cell sits at row 3,000,000 is refused here instead
  of expanding to millions of empty rows in pandas.
* **Entity expansion.** Spreadsheet XML never declares a DTD; a part that does (the "billion
  laughs") is refused.

Every refusal is a :class:`django.core.exceptions.ValidationError` whose message names the file
and the value, in the active language. Limits are settings (defaults in :data:`DEFAULTS`).
Issues no query.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: Limits and their defaults; each can be set in the settings (or the environment, see
#: ``settings/base.py``).
DEFAULTS = {
    # bytes of the uploaded file itself
    "CEMS_MAX_UPLOAD_BYTES": 200 * 1024 * 1024,
    # bytes all members of an XLSX declare once decompressed
    "CEMS_UPLOAD_MAX_UNZIPPED_BYTES": 1024 * 1024 * 1024,
    # declared uncompressed / compressed, over the whole archive
    "CEMS_UPLOAD_MAX_ZIP_RATIO": 100,
    # members of an XLSX (a workbook of a few sheets has about 10 to 30)
    "CEMS_UPLOAD_MAX_ZIP_MEMBERS": 1000,
    # rows of a sheet, header included (Excel's own limit is 1,048,576)
    "CEMS_UPLOAD_MAX_ROWS": 1_048_576,
    # columns of a sheet (the templates have fewer than 40)
    "CEMS_UPLOAD_MAX_COLUMNS": 500,
}
#: Below this many declared bytes, the ratio is not checked (tiny parts compress very well).
RATIO_FLOOR = 10 * 1024 * 1024
#: Bytes read from a member at a time.
CHUNK = 1024 * 1024

XLSX = "xlsx"
CSV = "csv"
XLS = "xls"
ZIP = "zip"
TEXT = "text"
BINARY = "binary"

#: What ``zipfile`` raises on a damaged, encrypted or oddly compressed archive.
UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    ValueError,
    OSError,
    RuntimeError,
    NotImplementedError,
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DIMENSION = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?\bref="([^"]*)"')
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
# Cells in columns AAA and beyond (703+) are rare: only they are looked at one by one.
_WIDE_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br="([A-Z]{3,})\d+"')
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_REF = re.compile(r"\$?([A-Z]+)\$?(\d+)")
_CSV_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def limit(name: str) -> int:
    """The limit ``name`` (one of :data:`DEFAULTS`) in force."""
    return int(getattr(settings, name, DEFAULTS[name]))


def sniff(data: bytes) -> str:
    """What ``data`` is by its bytes: ``xlsx``, ``xls``, ``zip``, ``text`` or ``binary``."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return BINARY
        return XLSX if "xl/workbook.xml" in names else ZIP
    if data.startswith(_OLE2):
        return XLS
    head = data[:65536]
    if b"\x00" in head or _CSV_CONTROL.search(head):
        return BINARY
    return TEXT


def _refuse(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def check_upload(
    *, name: str, data: bytes, extensions=(".xlsx", ".csv"), max_rows: int | None = None
) -> str:
    """Check an upload by name, size and content; return ``xlsx`` or ``csv``.

    ``max_rows``: the most data rows a sheet may hold (default: ``CEMS_UPLOAD_MAX_ROWS``
    less the header). Raises :class:`ValidationError` naming the file; reads the archive in
    bounded memory and never calls a spreadsheet parser.
    """
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in extensions:
        raise _refuse(
            _("%(name)s: only %(allowed)s files are accepted."),
            "extension",
            name=name,
            allowed=", ".join(extensions),
        )
    size_limit = limit("CEMS_MAX_UPLOAD_BYTES")
    if len(data) > size_limit:
        raise _refuse(
            _("%(name)s is %(size)s; the largest file accepted is %(limit)s."),
            "size",
            name=name,
            size=filesizeformat(len(data)),
            limit=filesizeformat(size_limit),
        )
    if not data:
        raise _refuse(_("%(name)s is empty."), "empty", name=name)
    kind = sniff(data)
    if suffix == ".xlsx":
        if kind != XLSX:
            raise _not_xlsx(name, kind)
        check_xlsx(name=name, data=data, max_rows=max_rows)
        return XLSX
    if kind != TEXT:
        raise _refuse(
            _("%(name)s is not a text CSV file: its content is %(kind)s."),
            "content",
            name=name,
            kind=_kind_label(kind),
        )
    return CSV


def _kind_label(kind: str):
    return {
        XLSX: pgettext_lazy("file content", "an Excel workbook (.xlsx)"),
        XLS: pgettext_lazy("file content", "an old Excel workbook (.xls)"),
        ZIP: pgettext_lazy("file content", "a zip archive"),
        TEXT: pgettext_lazy("file content", "text"),
        BINARY: pgettext_lazy("file content", "binary data"),
    }[kind]


def _not_xlsx(name: str, kind: str) -> ValidationError:
    if kind == XLS:
        return _refuse(
            _("%(name)s is an old Excel workbook (.xls); save it as .xlsx and upload it again."),
            "content",
            name=name,
        )
    return _refuse(
        _("%(name)s is not an Excel workbook (.xlsx): its content is %(kind)s."),
        "content",
        name=name,
        kind=_kind_label(kind),
    )


def check_xlsx(*, name: str, data: bytes, max_rows: int | None = None) -> None:
    """Refuse a zip bomb, a DTD, or a sheet beyond the row and column limits (see above)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            _check_archive(name, members)
            rows_limit = (limit("CEMS_UPLOAD_MAX_ROWS") - 1) if max_rows is None else max_rows
            for info in members:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    _check_member(archive, info, name=name, max_rows=rows_limit)
    except UNREADABLE_ZIP as exc:
        raise _refuse(
            _("%(name)s is damaged and cannot be read (%(detail)s)."),
            "damaged",
            name=name,
            detail=type(exc).__name__,
        ) from exc


def _check_archive(name: str, members: list[zipfile.ZipInfo]) -> None:
    count_limit = limit("CEMS_UPLOAD_MAX_ZIP_MEMBERS")
    if len(members) > count_limit:
        raise _refuse(
            _("%(name)s holds %(count)s parts; a workbook may hold at most %(limit)s."),
            "zip_members",
            name=name,
            count=len(members),
            limit=count_limit,
        )
    declared = sum(info.file_size for info in members)
    compressed = sum(info.compress_size for info in members) or 1
    size_limit = limit("CEMS_UPLOAD_MAX_UNZIPPED_BYTES")
    if declared > size_limit:
        raise _refuse(
            _("%(name)s expands to %(size)s once unpacked; at most %(limit)s is accepted."),
            "zip_size",
            name=name,
            size=filesizeformat(declared),
            limit=filesizeformat(size_limit),
        )
    ratio_limit = limit("CEMS_UPLOAD_MAX_ZIP_RATIO")
    if declared > RATIO_FLOOR and declared / compressed > ratio_limit:
        raise _refuse(
            _(
                "%(name)s expands %(ratio)s times once unpacked (to %(size)s); at most "
                "%(limit)s times is accepted: it looks like a zip bomb."
            ),
            "zip_ratio",
            name=name,
            ratio=int(declared / compressed),
            size=filesizeformat(declared),
            limit=ratio_limit,
        )


def column_number(letters: str) -> int:
    """``A`` → 1, ``Z`` → 26, ``AA`` → 27."""
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - 64)
    return number


def _check_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, name: str, max_rows):
    """Stream one XML part: no DTD in its prolog; a worksheet within the limits."""
    sheet = info.filename.startswith("xl/worksheets/")
    scan = _SheetScan(name=name, part=info.filename, max_rows=max_rows)
    prolog = True
    carry = b""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            text = carry + chunk
            if prolog:
                root = _ROOT_START.search(text)
                if _DTD.search(text, 0, root.start() if root else len(text)):
                    raise _refuse(
                        _(
                            "%(name)s declares XML entities (part %(part)s), which spreadsheets "
                            "never do; it is refused as an entity-expansion attack."
                        ),
                        "dtd",
                        name=name,
                        part=info.filename,
                    )
                prolog = root is None
            if not sheet:
                if not prolog:
                    return
                carry = text[-64:]
                continue
            cut = text.rfind(b"<")
            if cut <= 0 or len(text) - cut > CHUNK:
                cut = len(text)
            scan.feed(text[:cut])
            carry = text[cut:]
    if sheet:
        scan.feed(carry)
        scan.finish()


class _SheetScan:
    """Row count, last row number and widest column of a worksheet, fed in whole tags."""

    def __init__(self, *, name: str, part: str, max_rows: int):
        self.name, self.part = name, part
        self.max_rows = max_rows
        self.max_columns = limit("CEMS_UPLOAD_MAX_COLUMNS")
        self.rows = 0  # <row> elements seen
        self.last = 0  # highest row number seen (rows without r= count on from the last)
        self.checked_dimension = False

    def feed(self, text: bytes) -> None:
        if not self.checked_dimension:
            match = _DIMENSION.search(text)
            if match is not None or _ROW.search(text):
                self.checked_dimension = True
            if match is not None:
                self._dimension(match.group(1).decode("ascii", "replace"))
        for match in _ROW.finditer(text):
            number = _ROW_NUMBER.search(match.group(1))
            self.rows += 1
            self.last = int(number.group(1)) if number else self.last + 1
            if self.last - 1 > self.max_rows:
                self._too_many_rows(self.last)
        for match in _WIDE_CELL.finditer(text):
            self._columns(column_number(match.group(1).decode("ascii")))

    def finish(self) -> None:
        if self.rows - 1 > self.max_rows:
            self._too_many_rows(self.rows)

    def _dimension(self, ref: str) -> None:
        corners = [_REF.fullmatch(part.strip()) for part in ref.split(":")]
        if not all(corners):
            return  # an odd dimension is harmless: the rows themselves are checked
        last_row = max(int(c.group(2)) for c in corners)
        if last_row - 1 > self.max_rows:
            self._too_many_rows(last_row)
        self._columns(max(column_number(c.group(1)) for c in corners))

    def _too_many_rows(self, rows: int):
        raise _refuse(
            _(
                "%(name)s: a sheet (%(part)s) reaches row %(rows)s; at most %(limit)s data rows "
                "(after the header row) are accepted in one file. Split the file."
            ),
            "rows",
            name=self.name,
            part=self.part,
            rows=f"{rows:,}",
            limit=f"{self.max_rows:,}",
        )

    def _columns(self, columns: int) -> None:
        if columns > self.max_columns:
            raise _refuse(
                _(
                    "%(name)s: a sheet (%(part)s) reaches column %(columns)s; at most %(limit)s "
                    "columns are accepted."
                ),
                "columns",
                name=self.name,
                part=self.part,
                columns=columns,
                limit=self.max_columns,
            )


#: Characters removed from codes: format characters (Cf: zero-width space and joiners, BOM,
#: direction marks, soft hyphen) and other invisible ones Unicode does not class as Cf.
_INVISIBLE_EXTRA = {"\u115f", "\u1160", "\u3164", "\uffa0"}


def normalise_code(value):
    """A code as people mean it: NFKC (full-width ``ＥＳ０１`` is ``ES01``), without invisible
    characters (zero-width space, BOM, direction marks), trimmed. ``None`` stays ``None``.

    The one rule for codes typed in the admin forms and read from imported files, so a
    look-alike cannot become a second record (issue 13 §6).
    """
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value))
    text = "".join(
        ch for ch in text if unicodedata.category(ch) != "Cf" and ch not in _INVISIBLE_EXTRA
    )
    return text.strip()


def is_code_field(field) -> bool:
    """Whether a model field holds a code (``code``, ``credit_code`` …): text that names a
    record and is normalised by :func:`normalise_code`."""
    name = getattr(field, "name", "") or ""
    return field.get_internal_type() == "CharField" and (name == "code" or name.endswith("_code"))


def normalising_codes(form_class):
    """``form_class`` whose code fields (:func:`is_code_field`) are cleaned by
    :func:`normalise_code` before the model's uniqueness check; the class itself when the
    form has none. Used by every register's edit and create form. Not cached: Wagtail builds
    a new form class per call too."""
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    if model is None:
        return form_class
    names = [
        field.name
        for field in model._meta.concrete_fields
        if is_code_field(field) and field.name in form_class.base_fields
    ]
    if not names:
        return form_class

    def clean(self):
        cleaned = super(subclass, self).clean()
        for name in names:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = normalise_code(cleaned[name])
        return cleaned

    subclass = type(form_class.__name__, (form_class,), {"clean": clean})
    subclass.__module__ = form_class.__module__
    return subclass
