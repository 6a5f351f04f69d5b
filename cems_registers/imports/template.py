"""The downloadable bilingual XLSX template of each register: a sheet per part, and a guide.

The first sheet holds the register's records; a register with inline rows (an objective's
indicators, an audit's findings …) has one more sheet per kind of row, whose first column
names the parent record. The guide sheet describes every column in Chinese and English.
With ``records``, the sheets are filled with the register's current records, written as the
import reads them, so a file can be downloaded, edited and imported again.
"""

import datetime as dt
import decimal
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .refs import links_of
from .spec import KIND_LABELS, ColumnKind, ImportSpec, ref_fields, ref_help

GUIDE_SHEET = "说明 Guide"


def _both(text) -> str:
    with translation.override("zh-hans"):
        zh = str(text)
    with translation.override("en"):
        en = str(text)
    return zh if zh == en else f"{zh} / {en}"


def _ref(target) -> str:
    names = ref_fields(type(target))
    return str(getattr(target, names[0])) if names else str(target)


def cell_value(column, obj, links=None):
    """``obj``'s value of ``column`` as the import reads it back; issues no query if the
    linked records are loaded."""
    field = column.field
    if column.kind == ColumnKind.MANY:
        return "; ".join(_ref(target) for target in links.get(obj.pk, ())) or None
    if column.kind == ColumnKind.FOREIGN_KEY:
        target = getattr(obj, field.name)
        return None if target is None else _ref(target)
    value = getattr(obj, field.attname)
    if value is None or value == "":
        return None
    if column.kind == ColumnKind.CHOICE:
        return str(dict(field.flatchoices).get(value, value))
    if column.kind == ColumnKind.BOOLEAN:
        return str(_("yes")) if value else str(_("no"))
    if isinstance(value, decimal.Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


BOLD = Font(bold=True)
#: Fill of the header cells of required columns.
REQUIRED_FILL = PatternFill("solid", fgColor="FFE8A0")


def _records(part: ImportSpec):
    relations = [c.name for c in part.columns if c.kind == ColumnKind.FOREIGN_KEY]
    return part.model._default_manager.select_related(*relations).order_by("pk")


def template_workbook(spec: ImportSpec, *, records: bool = False) -> bytes:
    """The register's workbook: a sheet per part (bilingual headers), then the guide."""
    workbook = Workbook()
    parts = [spec, *spec.child_specs()]
    for number, part in enumerate(parts):
        sheet = workbook.active if number == 0 else workbook.create_sheet()
        _fill_part_sheet(sheet, part, records=records)
    _fill_guide(workbook.create_sheet(GUIDE_SHEET), parts)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _fill_part_sheet(sheet, part: ImportSpec, *, records: bool) -> None:
    """Bold headers (required ones highlighted), frozen; the register's records if asked."""
    sheet.title = part.sheet_name
    for index, column in enumerate(part.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = BOLD
        if column.required:
            cell.fill = REQUIRED_FILL
        sheet.column_dimensions[cell.column_letter].width = max(14, len(column.header) * 2)
    sheet.freeze_panes = "A2"
    if records:
        objects = list(_records(part))
        links = {
            c.name: links_of(c.field, [obj.pk for obj in objects])
            for c in part.columns
            if c.kind == ColumnKind.MANY
        }
        for obj in objects:
            sheet.append([cell_value(c, obj, links.get(c.name)) for c in part.columns])


def _accepted_values(column) -> str:
    """What a column accepts, for the guide: its choices, or how to name a linked record."""
    if column.kind == ColumnKind.CHOICE:
        return "\n".join(f"{v} = {zh} = {en}" for v, zh, en in column.choice_help())
    if column.kind in (ColumnKind.FOREIGN_KEY, ColumnKind.MANY):
        related = column.related_model
        with translation.override("zh-hans"):
            zh = f"{related._meta.verbose_name}: {ref_help(related)}"
        with translation.override("en"):
            en = f"{related._meta.verbose_name}: {ref_help(related)}"
        return zh if zh == en else f"{zh}\n{en}"
    return ""


def _fill_guide(guide, parts: list[ImportSpec]) -> None:
    """The guide sheet: how rows are matched, each column's rules, then the notes."""
    guide.append([_both(pgettext_lazy("import", "Sheet")), _both(_("How rows are matched"))])
    for cell in guide[1]:
        cell.font = BOLD
    for part in parts:
        key = " + ".join(part.column(name).header for name in part.natural_key)
        guide.append([part.sheet_name, key])
    guide.append([])
    guide.append(
        [
            _both(_("Column")),
            _both(_("Required")),
            _both(_("Type")),
            _both(_("Accepted values")),
        ]
    )
    for cell in guide[guide.max_row]:
        cell.font = BOLD
    for part in parts:
        guide.append([part.sheet_name])
        guide[guide.max_row][0].font = BOLD
        for column in part.columns:
            guide.append(
                [
                    column.header,
                    _both(_("yes")) if column.required else "",
                    _both(KIND_LABELS[column.kind]),
                    _accepted_values(column),
                ]
            )
    guide.append([])
    for note in NOTES:
        guide.append([_both(note)])
    for row in guide.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (34, 40, 30, 60), strict=True):
        guide.column_dimensions[letter].width = width


NOTES = (
    _("Row 1 holds the column names: Chinese, English or both, as in this template."),
    _("Every row is checked first: if any is wrong, nothing is saved and every error is listed."),
    _(
        "A row whose matching columns name an existing record updates it; unchanged rows are left alone; nothing is deleted."
    ),
    _(
        "Rows of a further sheet name their parent record in the first column; the parent may be a new record of the first sheet."
    ),
    _(
        "Approvals (who approved, when) are never imported; a change of what top management approved withdraws the approval."
    ),
)
