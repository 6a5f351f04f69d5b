"""Bulk import of registers kept in spreadsheets (4.2.2, 6.1, 6.3.1, 9.1).

Public API: :func:`import_file` (read + import), :func:`register_import`,
:data:`IMPORT_SPECS`, :func:`get_spec`, :func:`template_workbook`.
"""

from .engine import ImportResult, RegisterImportError, RowError, register_import
from .reader import check_upload, read_table
from .spec import IMPORT_SPECS, ImportSpec, available_specs, get_spec
from .template import template_workbook


def import_file(*, spec: ImportSpec, name: str, data: bytes, user=None, dry_run: bool = False):
    """Check, read and import an uploaded file; see :func:`register_import`."""
    frame = read_table(name=name, data=data)
    return register_import(spec=spec, frame=frame, user=user, dry_run=dry_run)


__all__ = [
    "IMPORT_SPECS",
    "ImportResult",
    "ImportSpec",
    "RegisterImportError",
    "RowError",
    "available_specs",
    "check_upload",
    "get_spec",
    "import_file",
    "read_table",
    "register_import",
    "template_workbook",
]
