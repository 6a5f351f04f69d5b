"""The upload guard (issue 13 §5, §6): zip bombs, huge sheets, DTDs and content sniffing are
refused before any spreadsheet parser runs, with a message naming the file in the user's
language; codes are normalised (NFKC, no invisible characters). No database."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest
from openpyxl import Workbook

from cems_registers import upload_guard
from cems_registers.upload_guard import check_upload, normalise_code, sniff


def workbook_bytes(cells: dict[str, str]) -> bytes:
    workbook = Workbook()
    for ref, value in cells.items():
        workbook.active[ref] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def forged_xlsx(sheet: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal workbook zip whose first sheet is ``sheet`` (XML bytes as given)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="worksheet"/>'
            "</Relationships>",
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


SHEET_OPEN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


@pytest.fixture
def no_parser(monkeypatch):
    """Every spreadsheet parser fails the test if called: the guard must refuse first."""

    def called(*args, **kwargs):
        raise AssertionError("a spreadsheet parser ran before the guard refused the file")

    import openpyxl
    import pandas

    from cems_registers.imports import reader

    monkeypatch.setattr(openpyxl, "load_workbook", called)
    monkeypatch.setattr(openpyxl.reader.excel, "load_workbook", called)
    monkeypatch.setattr(pandas, "read_excel", called)
    monkeypatch.setattr(reader, "read_sheets", called)
    monkeypatch.setattr(reader.pd, "read_excel", called)


def refusal(name: str, data: bytes, language: str = "en", **kwargs) -> ValidationError:
    """The guard's refusal; ``texts``: its messages in ``language``."""
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            check_upload(name=name, data=data, **kwargs)
        caught.value.texts = caught.value.messages
    return caught.value


def test_one_cell_at_row_three_million_is_refused_by_its_dimension(no_parser):
    sheet = (
        SHEET_OPEN + b'<dimension ref="A1:A3000000"/><sheetData><row r="1"><c r="A1"><v>1</v></c>'
        b'</row><row r="3000000"><c r="A3000000"><v>1</v></c></row></sheetData></worksheet>'
    )
    data = forged_xlsx(sheet)
    assert len(data) < 2_000
    error = refusal("probe.xlsx", data)
    assert error.code == "rows"
    assert "probe.xlsx" in error.texts[0] and "3,000,000" in error.texts[0]
    zh = refusal("probe.xlsx", data, "zh-hans")
    assert "3,000,000" in zh.texts[0] and "行" in zh.texts[0]


def test_a_far_cell_written_by_openpyxl_is_refused_under_the_import_cap(no_parser):
    data = workbook_bytes({"A1": "code", "A1000000": "x"})
    assert len(data) < 10_000
    error = refusal("far.xlsx", data, max_rows=20_000)
    assert error.code == "rows" and "20,000" in error.texts[0]


def test_a_lying_dimension_does_not_hide_the_last_row(no_parser):
    sheet = (
        SHEET_OPEN + b'<dimension ref="A1:A2"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        b'<row r="2500000"><c r="A2500000"><v>1</v></c></row></sheetData></worksheet>'
    )
    assert refusal("lie.xlsx", forged_xlsx(sheet)).code == "rows"


def test_rows_without_numbers_are_counted(no_parser):
    rows = b"<row><c><v>1</v></c></row>" * 12
    sheet = SHEET_OPEN + b"<sheetData>" + rows + b"</sheetData></worksheet>"
    assert refusal("many.xlsx", forged_xlsx(sheet), max_rows=10).code == "rows"
    assert check_upload(name="many.xlsx", data=forged_xlsx(sheet), max_rows=11) == "xlsx"


def test_a_far_column_is_refused(no_parser):
    data = workbook_bytes({"A1": "code", "XFD1": "x"})
    error = refusal("wide.xlsx", data)
    assert error.code == "columns" and "16384" in error.texts[0]


def test_a_highly_compressible_member_is_refused_by_its_ratio(settings, no_parser):
    settings.CEMS_UPLOAD_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
    padding = b" " * (24 * 1024 * 1024)  # 24 MiB of spaces deflate to about 24 KiB
    data = forged_xlsx(SHEET_OPEN + b"<sheetData></sheetData></worksheet>" + padding)
    assert len(data) < 200_000
    error = refusal("bomb.xlsx", data)
    assert error.code == "zip_ratio" and "bomb.xlsx" in error.texts[0]


def test_the_declared_total_size_is_bounded(settings, no_parser):
    settings.CEMS_UPLOAD_MAX_UNZIPPED_BYTES = 1024 * 1024
    data = forged_xlsx(SHEET_OPEN + b"</worksheet>" + b"<!-- x -->" * 200_000)
    assert refusal("big.xlsx", data).code == "zip_size"


def test_too_many_members(settings, no_parser):
    settings.CEMS_UPLOAD_MAX_ZIP_MEMBERS = 10
    extra = {f"xl/media/image{i}.png": b"x" for i in range(20)}
    assert refusal("parts.xlsx", forged_xlsx(SHEET_OPEN + b"</worksheet>", extra=extra)).code == (
        "zip_members"
    )


def test_billion_laughs_is_refused(no_parser):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    sheet = laughs + SHEET_OPEN + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;'
    sheet += b"</t></is></c></row></sheetData></worksheet>"
    error = refusal("laughs.xlsx", forged_xlsx(sheet))
    assert error.code == "dtd" and "xl/worksheets/sheet1.xml" in error.texts[0]
    shared = forged_xlsx(SHEET_OPEN + b"</worksheet>", extra={"xl/sharedStrings.xml": laughs})
    assert refusal("laughs.xlsx", shared).code == "dtd"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("data.xlsx", b"code,name\nS01,x\n", "content"),  # a CSV renamed .xlsx
        ("data.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "content"),  # .xls
        ("data.csv", b"code,name\x00\x01", "content"),  # binary
        ("data.csv", b"code,name\n\x1b[31mS01\n", "content"),  # control bytes
        ("data.xlsx", b"PK\x03\x04 broken", "content"),  # not a zip after all
        ("data.pdf", b"%PDF-1.4", "extension"),
        ("data.csv", b"", "empty"),
    ],
)
def test_content_not_name(name, data, code):
    assert refusal(name, data).code == code


def test_a_zip_that_is_no_workbook_and_an_old_xls_are_named_as_such():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    message = refusal("data.xlsx", out.getvalue()).texts[0]
    assert "zip archive" in message
    xls = refusal("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100).texts[0]
    assert ".xls" in xls and "old.xlsx" in xls
    assert sniff(out.getvalue()) == "zip"


def test_a_damaged_archive_is_a_clear_refusal(no_parser):
    data = bytearray(workbook_bytes({"A1": "code"}))
    position = data.find(b"xl/worksheets/sheet1.xml") + 40  # inside the member's data
    data[position : position + 20] = b"\xff" * 20
    error = refusal("damaged.xlsx", bytes(data))
    assert error.code in {"damaged", "content"}
    assert "damaged.xlsx" in error.texts[0]


def test_an_ordinary_workbook_and_csv_pass():
    assert check_upload(name="ok.xlsx", data=workbook_bytes({"A1": "code", "A2": "S01"})) == "xlsx"
    assert check_upload(name="ok.csv", data="编码,名称\r\nS01,锅炉\r\n".encode("gb18030")) == "csv"


def test_limits_are_settings_with_defaults(settings):
    assert upload_guard.limit("CEMS_UPLOAD_MAX_ROWS") == 1_048_576
    settings.CEMS_UPLOAD_MAX_ROWS = 5
    assert upload_guard.limit("CEMS_UPLOAD_MAX_ROWS") == 5


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("ＥＳ０１", "ES01"),  # full-width letters and digits
        ("ES\u200b01", "ES01"),  # zero-width space
        ("\ufeffES01\u200d", "ES01"),  # BOM and zero-width joiner
        ("E\u00adS01", "ES01"),  # soft hyphen
        ("  ES01 ", "ES01"),
        (None, None),
    ],
)
def test_normalise_code(typed, code):
    assert normalise_code(typed) == code
