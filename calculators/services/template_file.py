"""The activity-data import template as a file to download (6.3.1 d, 8.5).

The contract itself is :mod:`calculators.core.template`; this module writes it out for users:
an XLSX with the data sheet (bilingual headers and example rows), a sheet describing every
column and a sheet of the methods with the units each accepts, all in Chinese and English;
or a CSV with the same headers and examples. Intake reads both back as they are.
"""

import csv
import io

from django.utils import translation
from django.utils.translation import gettext

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from calculators.core import template

#: Example rows, one per common case (the demo enterprise's sources): natural gas by the China
#: method, purchased electricity, a refrigerant release, and a measured oxidation rate.
EXAMPLES: tuple[dict, ...] = (
    {
        "source": "S01",
        "period": "2025-01",
        "method": "fuel_cn",
        "material": "natural_gas",
        "quantity": 3.8,
        "unit": "万Nm3",
        "data_source": "燃气结算单 / gas bill",
    },
    {
        "source": "S18",
        "period": "2025-01",
        "method": "purchased_electricity",
        "material": "electricity_cn_east",
        "quantity": 1000,
        "unit": "MWh",
        "data_source": "电费结算单 / electricity bill",
    },
    {
        "source": "S13",
        "period": "2025-01",
        "method": "gas_release",
        "gas": "R-410A",
        "quantity": 2.5,
        "unit": "kg",
        "data_source": "维保记录 / maintenance record",
    },
    {
        "source": "S01",
        "period": "2025-02",
        "method": "fuel_cn",
        "material": "natural_gas",
        "quantity": 3.6,
        "unit": "万Nm3",
        "oxidation_rate": 0.99,
        "data_source": "实测 / measured",
    },
)

_HEAD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="E8EFE8")


def _method_label(key: str, language: str) -> str:
    with translation.override(language):
        return gettext(template.METHODS[key].label)


def template_xlsx() -> bytes:
    """The template workbook: data sheet, columns guide, methods guide; bilingual."""
    book = Workbook()
    data = book.active
    data.title = "活动数据 Activity data"
    keys = list(template.COLUMN_KEYS)
    data.append([template.header(k, "bilingual") for k in keys])
    for row in EXAMPLES:
        data.append([row.get(k) for k in keys])
    for cell in data[1]:
        cell.font, cell.fill = _HEAD, _FILL
    for i, key in enumerate(keys, start=1):
        data.column_dimensions[data.cell(1, i).column_letter].width = max(
            12, len(template.header(key, "bilingual")) + 4
        )
    data.freeze_panes = "A2"

    cols = book.create_sheet("列说明 Columns")
    cols.append(
        ["列代码 key", "中文列名", "English header", "必填 required", "说明", "Description"]
    )
    for col in template.COLUMNS:
        cols.append(
            [
                col.key,
                col.label_zh,
                col.label_en,
                "是 yes" if col.required else "",
                col.help_zh,
                col.help_en,
            ]
        )
    methods = book.create_sheet("方法 Methods")
    methods.append(["方法代码 method", "方法", "Method", "数量单位 units of quantity"])
    for key, spec in template.METHODS.items():
        units = "; ".join(template.UNIT_EXAMPLES[d] for d in spec.dimensions)
        methods.append([key, _method_label(key, "zh-hans"), _method_label(key, "en"), units])
    for sheet, widths in ((cols, (22, 16, 24, 12, 50, 60)), (methods, (28, 40, 50, 36))):
        for cell in sheet[1]:
            cell.font, cell.fill = _HEAD, _FILL
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[sheet.cell(1, i).column_letter].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    """The template as UTF-8 CSV (with BOM, for spreadsheet programs): headers and examples."""
    keys = list(template.COLUMN_KEYS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([template.header(k, "bilingual") for k in keys])
    for row in EXAMPLES:
        writer.writerow(["" if row.get(k) is None else row.get(k) for k in keys])
    return buffer.getvalue().encode("utf-8-sig")
