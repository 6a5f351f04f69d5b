"""Bulk import of every register from spreadsheets (4.1 – 10: each register's clause).

Public API: :func:`import_file` (read + import), :func:`import_sheets`,
:func:`register_import`, :data:`IMPORT_SPECS`, :func:`get_spec`, :func:`template_workbook`.
"""

from django.utils.translation import gettext

from .engine import (
    ImportResult,
    RegisterImportError,
    RowError,
    SheetResult,
    import_sheets,
    register_import,
)
from .reader import check_upload, read_table, read_workbook
from .spec import IMPORT_SPECS, ImportSpec, available_specs, get_spec, header_key
from .template import GUIDE_SHEET, template_workbook

#: Names of the guide sheet (and of sheets a spreadsheet program adds) that hold no rows.
GUIDE_KEYS = frozenset(header_key(name) for name in (GUIDE_SHEET, "说明", "Instructions", "guide"))


def match_sheets(
    spec: ImportSpec, sheets: list[tuple[str, object]]
) -> list[tuple[str, ImportSpec, object]]:
    """Assign each sheet of a file to ``spec`` or one of its child specs.

    The first sheet is the register's unless it is named after a child; the guide sheet and
    empty unnamed sheets are skipped. Raises :class:`RegisterImportError` for a sheet that
    belongs to no part of the register, or two sheets of the same part.
    """
    parts = [spec, *spec.child_specs()]
    assigned: dict[str, tuple[str, ImportSpec, object]] = {}
    errors = []
    for index, (name, frame) in enumerate(sheets):
        key = header_key(name)
        part = next((p for p in parts if key in p.sheet_keys()), None)
        if part is None and key == "data":
            part = spec
        if part is None and index == 0:
            part = spec
        if part is None:
            if key in GUIDE_KEYS or (frame.empty and not len(frame.columns)):
                continue
            expected = ", ".join(f"“{p.sheet_name}”" for p in parts)
            errors.append(
                RowError(
                    1,
                    "—",
                    name,
                    gettext("this workbook's sheets are %(sheets)s (and the guide).")
                    % {"sheets": expected},
                    name,
                )
            )
            continue
        if part.slug in assigned:
            errors.append(
                RowError(
                    1,
                    "—",
                    name,
                    gettext("the same part of the register as sheet “%(other)s”.")
                    % {"other": assigned[part.slug][0]},
                    name,
                )
            )
            continue
        assigned[part.slug] = (name, part, frame)
    if errors:
        raise RegisterImportError(errors)
    return [assigned[p.slug] for p in parts if p.slug in assigned]


def import_file(*, spec: ImportSpec, name: str, data: bytes, user=None, dry_run: bool = False):
    """Check, read and import an uploaded file (every sheet of it); see :func:`import_sheets`."""
    sheets = match_sheets(spec, read_workbook(name=name, data=data))
    return import_sheets(spec=spec, sheets=sheets, user=user, dry_run=dry_run)


__all__ = [
    "IMPORT_SPECS",
    "ImportResult",
    "ImportSpec",
    "RegisterImportError",
    "RowError",
    "SheetResult",
    "available_specs",
    "check_upload",
    "get_spec",
    "import_file",
    "import_sheets",
    "match_sheets",
    "read_table",
    "read_workbook",
    "register_import",
    "template_workbook",
]
