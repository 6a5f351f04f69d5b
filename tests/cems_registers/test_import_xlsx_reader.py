"""The fast XLSX reader of the register imports (7.5.3; cems_registers/imports/xlsx.py): shared
and inline strings, gaps, sheet targets absolute or relative, both XML parsers, and the
malformed workbooks it refuses with ``ValueError`` (the caller then falls back to openpyxl)."""

import io
import zipfile

import pytest

from cems_registers.imports import xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _workbook(sheets, *, shared=None, targets=None) -> io.BytesIO:
    """A minimal XLSX: ``sheets`` is ``[(name, sheet XML rows)]``; ``targets`` overrides the
    relationship target of each sheet (``None``: no relationship for it)."""
    targets = targets or [f"worksheets/sheet{i + 1}.xml" for i in range(len(sheets))]
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, (name, _rows) in enumerate(sheets)
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Target="{target}" Type="worksheet"/>'
        for i, target in enumerate(targets)
        if target is not None
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{entries}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>'
        )
        for i, (_name, rows) in enumerate(sheets):
            path = f"xl/worksheets/sheet{i + 1}.xml"
            archive.writestr(
                path, f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
            )
        if shared is not None:
            items = "".join(f"<si><t>{text}</t></si>" for text in shared)
            archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{items}</sst>')
    out.seek(0)
    return out


ROWS = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>行内</t></is></c></row>'
    '<row r="3"><c r="B3"><v>42.5</v></c><c r="C3" t="s"><v>1</v></c><c r="D3"/></row>'
)
EXPECTED = [["代码", "", "行内"], ["", "", ""], ["", "42.5", "设施"]]


@pytest.fixture(params=["lxml", "elementtree"])
def parser(request, monkeypatch):
    if request.param == "elementtree":
        monkeypatch.setattr(xlsx, "lxml_etree", None)
    return request.param


def test_cells_gaps_and_strings(parser):
    data = _workbook([("登记", ROWS)], shared=["代码", "设施"])
    assert xlsx.read_first_sheet(data) == EXPECTED


def test_every_sheet_in_order_with_absolute_and_relative_targets(parser):
    data = _workbook(
        [("一", ROWS), ("二", '<row r="1"><c r="A1"><v>7</v></c></row>'), ("空", "")],
        shared=["代码", "设施"],
        targets=["/xl/worksheets/sheet1.xml", "worksheets/sheet2.xml", "./worksheets/sheet3.xml"],
    )
    assert xlsx.read_sheets(data) == [("一", EXPECTED), ("二", [["7"]]), ("空", [])]


def test_a_workbook_without_shared_strings_reads_its_numbers(parser):
    data = _workbook([("s", '<row r="2"><c r="AA2"><v>1</v></c></row>')])
    rows = xlsx.read_first_sheet(data)
    assert len(rows) == 2 and len(rows[1]) == 27 and rows[1][26] == "1"


@pytest.mark.parametrize(
    ("sheets", "targets", "message"),
    [
        ([("s", "")], [None], "sheet not found"),
        ([], [], "workbook has no sheet"),
        ([("s", '<row r="1"><c><v>1</v></c></row>')], None, "cell without reference"),
    ],
)
def test_a_malformed_workbook_is_a_value_error(parser, sheets, targets, message):
    with pytest.raises(ValueError, match=message):
        xlsx.read_first_sheet(_workbook(sheets, targets=targets))
