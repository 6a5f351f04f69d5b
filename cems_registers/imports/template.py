"""The downloadable bilingual XLSX template of each importable register."""

from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .spec import KIND_LABELS, ColumnKind, ImportSpec


def _both(text) -> str:
    with translation.override("zh-hans"):
        zh = str(text)
    with translation.override("en"):
        en = str(text)
    return zh if zh == en else f"{zh} / {en}"


def template_workbook(spec: ImportSpec) -> bytes:
    """Sheet 1: one bilingual header per column, ready to fill. Sheet 2: what each column takes."""
    workbook = Workbook()
    data = workbook.active
    data.title = "data"
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFE8A0")
    for index, column in enumerate(spec.columns, start=1):
        cell = data.cell(row=1, column=index, value=column.header)
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        data.column_dimensions[cell.column_letter].width = max(14, len(column.header) * 2)
    data.freeze_panes = "A2"

    guide = workbook.create_sheet("说明 Instructions")
    guide.append(
        [
            _both(_("Column")),
            _both(_("Required")),
            _both(_("Type")),
            _both(_("Accepted values")),
        ]
    )
    for cell in guide[1]:
        cell.font = bold
    for column in spec.columns:
        if column.kind == ColumnKind.CHOICE:
            accepted = "\n".join(f"{v} = {zh} = {en}" for v, zh, en in column.choice_help())
        elif column.kind == ColumnKind.FOREIGN_KEY:
            related = column.field.related_model._meta
            accepted = _both(related.verbose_name) + f": {column.lookup}"
        else:
            accepted = ""
        guide.append(
            [
                column.header,
                _both(_("yes")) if column.required else "",
                _both(KIND_LABELS[column.kind]),
                accepted,
            ]
        )
    key = " + ".join(spec.column(name).header for name in spec.natural_key)
    guide.append([])
    guide.append([_both(_("Records are matched by")), key])
    for row in guide.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (30, 12, 24, 60), strict=True):
        guide.column_dimensions[letter].width = width
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
