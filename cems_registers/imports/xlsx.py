"""A fast reader of the first worksheet of an XLSX file: cell text only, no styles.

openpyxl builds a Python object per cell and spends most of a 10,000-row import parsing
XML; this reader streams the sheet with ``ElementTree.iterparse`` and keeps only values,
about five times faster. Dates arrive as Excel serial numbers or text; the import converts
them per column. Anything unexpected raises ``ValueError`` and the caller falls back to
pandas/openpyxl.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from defusedxml import ElementTree as ET  # Wagtail depends on it (through Willow)

try:  # lxml (through xhtml2pdf → svglib) parses about three times faster
    from lxml import etree as lxml_etree
except ImportError:  # pragma: no cover
    lxml_etree = None

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index - 1


def _sheet_paths(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """``(name, path in the archive)`` of every worksheet, in the workbook's order."""
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{PKG_REL_NS}Relationship")}
    sheets = []
    for sheet in workbook.iterfind(f"{NS}sheets/{NS}sheet"):
        target = targets.get(sheet.get(f"{REL_NS}id"))
        if target is None:
            raise ValueError("sheet not found")
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join("xl", target))
        sheets.append((sheet.get("name") or "", path))
    if not sheets:
        raise ValueError("workbook has no sheet")
    return sheets


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    return _sheet_paths(archive)[0][1]


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    try:
        data = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    strings = []
    with data:
        for _event, element in ET.iterparse(data):
            if element.tag == f"{NS}si":
                strings.append("".join(t.text or "" for t in element.iter(f"{NS}t")))
                element.clear()
    return strings


def _sheet_cells(stream):
    """(reference, type, value) of every non-empty cell, streamed."""
    if lxml_etree is not None:
        events = lxml_etree.iterparse(
            stream, tag=f"{NS}c", resolve_entities=False, no_network=True, load_dtd=False
        )
        for _event, element in events:
            kind = element.get("t")
            if kind == "inlineStr":
                value = "".join(element.itertext())
            else:
                v = element.find(f"{NS}v")
                value = v.text if v is not None and v.text is not None else ""
            yield element.get("r") or "", kind, value
            element.clear(keep_tail=False)
            # drop processed cells and rows so memory stays flat however long the sheet
            while element.getprevious() is not None:
                del element.getparent()[0]
            row = element.getparent()
            while row is not None and row.getprevious() is not None:
                del row.getparent()[0]
        return
    for _event, element in ET.iterparse(stream):
        if element.tag == f"{NS}row":
            element.clear()
        if element.tag != f"{NS}c":
            continue
        kind = element.get("t")
        if kind == "inlineStr":
            value = "".join(t.text or "" for t in element.iter(f"{NS}t"))
        else:
            v = element.find(f"{NS}v")
            value = v.text if v is not None and v.text is not None else ""
        yield element.get("r") or "", kind, value


def _read_sheet(archive: zipfile.ZipFile, path: str, shared: list[str]) -> list[list[str]]:
    rows: dict[int, dict[int, str]] = {}
    with archive.open(path) as sheet:
        for reference, kind, value in _sheet_cells(sheet):
            if kind == "s" and value:
                value = shared[int(value)]
            if value == "":
                continue
            match = CELL_REF.fullmatch(reference)
            if match is None:
                raise ValueError("cell without reference")
            rows.setdefault(int(match.group(2)), {})[_column_index(match.group(1))] = value
    if not rows:
        return []
    width = max(max(cells) for cells in rows.values()) + 1
    last = max(rows)
    return [[rows.get(r, {}).get(c, "") for c in range(width)] for r in range(1, last + 1)]


def read_first_sheet(data) -> list[list[str]]:
    """Rows of the first sheet as lists of strings (``""`` for empty cells)."""
    with zipfile.ZipFile(data) as archive:
        return _read_sheet(archive, _first_sheet_path(archive), _shared_strings(archive))


def read_sheets(data) -> list[tuple[str, list[list[str]]]]:
    """``(sheet name, rows)`` of every sheet, in order; rows as in :func:`read_first_sheet`."""
    with zipfile.ZipFile(data) as archive:
        shared = _shared_strings(archive)
        return [(name, _read_sheet(archive, path, shared)) for name, path in _sheet_paths(archive)]
