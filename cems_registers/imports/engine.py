"""Bulk import of a register from a DataFrame: validate everything, then write all or nothing.

Steps (every error names the spreadsheet row, the column as written in the file, and the
value, in the active language):

1. map headers (English field name or Chinese/English label) to columns;
2. convert each column at once with pandas (choices in either language, numbers, dates,
   yes/no, foreign keys by code: one query per foreign key column);
3. match rows to existing records by the register's natural key (one query per 900 keys);
4. run each new or changed record's ``full_clean`` (model rules stay the single source);
5. in one transaction, ``bulk_create_with_history`` / ``bulk_update_with_history`` with
   the importing user; unchanged rows are neither saved nor given a history row.
"""

from __future__ import annotations

import dataclasses
import decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

import pandas as pd
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .spec import ColumnKind, ImportSpec, normalise

TRUE_WORDS = {"1", "true", "yes", "y", "t", "是", "真", "对", "✓", "√", "x"}
FALSE_WORDS = {"0", "false", "no", "n", "f", "否", "假", "错", "✗", "×"}
BATCH_SIZE = 1000
KEY_CHUNK = 900
#: Row number of the first data row in the spreadsheet (row 1 is the header).
FIRST_DATA_ROW = 2


@dataclasses.dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return gettext("Row %(row)s, column “%(column)s”, value “%(value)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclasses.dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = dataclasses.field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


class RegisterImportError(Exception):
    """Raised by :func:`register_import` when any row is invalid; nothing was saved."""

    def __init__(self, errors: list[RowError]):
        super().__init__("\n".join(str(e) for e in errors[:20]))
        self.errors = errors


def _header_map(spec: ImportSpec, headers: list[str]) -> tuple[dict[str, str], list[RowError]]:
    """``{header in file: column name}`` and errors for unknown, duplicate or missing columns."""
    keys = {}
    for column in spec.columns:
        for key in column.header_keys():
            keys.setdefault(key, column.name)
    mapping, errors, seen = {}, [], {}
    for header in headers:
        if not header or header.startswith("Unnamed:"):
            continue
        name = keys.get(normalise(header))
        if name is None:
            errors.append(
                RowError(1, header, header, gettext("unknown column; see the import template."))
            )
        elif name in seen:
            errors.append(
                RowError(
                    1,
                    header,
                    header,
                    gettext("the same column as “%(other)s”.") % {"other": seen[name]},
                )
            )
        else:
            mapping[header] = name
            seen[name] = header
    for column in spec.columns:
        if column.header_required and column.name not in seen:
            errors.append(RowError(1, column.header, "", gettext("required column is missing.")))
    return mapping, errors


def _convert(
    column, raw: pd.Series, header: str, errors: list[RowError], related_objects: dict | None = None
) -> pd.Series:
    """Convert one column of strings to Python values; append an error per bad cell.

    For a foreign key column, ``related_objects`` receives ``{pk: object}``.
    """
    related_objects = {} if related_objects is None else related_objects
    text = raw.str.strip()
    empty = text == ""
    field = column.field

    def bad(mask, message):
        for index, value in raw[mask].items():
            errors.append(RowError(int(index) + FIRST_DATA_ROW, header, value, message))

    if column.required:
        bad(empty, gettext("a value is required."))

    if column.kind == ColumnKind.TEXT:
        values = text
        if field.max_length:
            bad(
                text.str.len() > field.max_length,
                gettext("longer than %(max)s characters.") % {"max": field.max_length},
            )
    elif column.kind == ColumnKind.CHOICE:
        values = text.map(lambda v: column.choice_map.get(normalise(v)) if v else None)
        allowed = ", ".join(f"{v} ({zh} / {en})" for v, zh, en in column.choice_help())
        bad(
            ~empty & values.isna(),
            gettext("not one of the allowed values: %(allowed)s.") % {"allowed": allowed},
        )
    elif column.kind in (ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.FLOAT):
        numbers = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
        if column.kind == ColumnKind.INTEGER:
            invalid = ~empty & (numbers.isna() | (numbers % 1 != 0))
            bad(invalid, gettext("not a whole number."))
            values = numbers.map(lambda n: None if pd.isna(n) else int(n)).astype(object)
        elif column.kind == ColumnKind.DECIMAL:
            bad(~empty & numbers.isna(), gettext("not a number."))
            values = text.str.replace(",", "", regex=False).map(_to_decimal).astype(object)
        else:
            bad(~empty & numbers.isna(), gettext("not a number."))
            values = numbers.astype(object)
    elif column.kind == ColumnKind.DATE:
        # Excel stores dates as serial day numbers; text dates are parsed as written.
        serial = pd.to_numeric(text, errors="coerce")
        is_serial = ~empty & serial.notna()
        dates = pd.to_datetime(
            text.where(~empty & ~is_serial, None), errors="coerce", format="mixed"
        )
        if is_serial.any():
            dates = dates.astype(object)
            dates[is_serial] = pd.to_datetime(serial[is_serial], unit="D", origin="1899-12-30")
        bad(~empty & dates.isna(), gettext("not a date; write it as YYYY-MM-DD."))
        values = dates.map(lambda d: None if pd.isna(d) else d.date()).astype(object)
    elif column.kind == ColumnKind.BOOLEAN:
        folded = text.str.casefold()
        values = folded.map(
            lambda v: True if v in TRUE_WORDS else False if v in FALSE_WORDS else None
        )
        bad(~empty & values.isna(), gettext("write yes or no (是 / 否)."))
    elif column.kind == ColumnKind.FOREIGN_KEY:
        related = field.related_model
        wanted = set(text[~empty])
        lookup = {}
        if wanted:
            # Whole objects, kept for the rows: model rules (``clean``) read them for free.
            for obj in related._default_manager.filter(**{f"{column.lookup}__in": wanted}):
                lookup[normalise(getattr(obj, column.lookup))] = obj.pk
                related_objects[obj.pk] = obj
        values = text.map(lambda v: lookup.get(normalise(v)) if v else None).astype(object)
        bad(
            ~empty & values.isna(),
            gettext("no %(model)s with this %(field)s.")
            % {
                "model": related._meta.verbose_name,
                "field": related._meta.get_field(column.lookup).verbose_name,
            },
        )
    else:  # pragma: no cover - spec.columns only yields the kinds above
        values = text

    # Empty cells take the field's default, or blank/None.
    if empty.any():
        default = (
            field.get_default()
            if field.has_default()
            else ("" if not field.null and column.kind == ColumnKind.TEXT else None)
        )
        if column.kind == ColumnKind.BOOLEAN and not field.has_default() and not field.null:
            default = False
        values = values.astype(object).where(~empty, default)
    return values


def _attach_related(obj, record: dict, related_objects: dict[str, dict]) -> None:
    """Put the fetched related objects in ``obj``'s cache so rules read them without a query."""
    for name, objects in related_objects.items():
        pk = record.get(name)
        if pk is not None and pk in objects:
            setattr(obj, name, objects[pk])


def _prevalidated(column) -> bool:
    """Whether :func:`_convert` already checked everything Django's field cleaning would."""
    if column.kind not in VECTOR_CHECKED_KINDS:
        return False
    return all(isinstance(v, MaxLengthValidator) for v in column.field.validators)


VECTOR_CHECKED_KINDS = frozenset(
    {
        ColumnKind.TEXT,
        ColumnKind.CHOICE,
        ColumnKind.DATE,
        ColumnKind.BOOLEAN,
        ColumnKind.FOREIGN_KEY,
    }
)


def _to_decimal(value: str):
    if not value:
        return None
    try:
        return decimal.Decimal(value)
    except decimal.InvalidOperation:
        return None


def _natural_key(row: dict, key_fields: tuple[str, ...]) -> tuple:
    return tuple(row[name] if row[name] is not None else "" for name in key_fields)


def _existing(model, key_fields: tuple[str, ...], keys: list[tuple]) -> dict[tuple, object]:
    """Existing records by natural key; one query per ``KEY_CHUNK`` keys."""
    attnames = [model._meta.get_field(name).attname for name in key_fields]
    found = {}
    firsts = sorted({key[0] for key in keys}, key=str)
    for start in range(0, len(firsts), KEY_CHUNK):
        chunk = firsts[start : start + KEY_CHUNK]
        for obj in model._default_manager.filter(**{f"{attnames[0]}__in": chunk}):
            values = (getattr(obj, name) for name in attnames)
            found[tuple("" if value is None else value for value in values)] = obj
    return found


def _message_errors(
    exc: ValidationError, row: int, headers: dict[str, str], values: dict
) -> list[RowError]:
    errors = []
    for field_name, messages in exc.message_dict.items():
        header = headers.get(field_name, field_name if field_name != NON_FIELD_ERRORS else "—")
        value = values.get(field_name, "")
        for message in messages:
            errors.append(RowError(row, header, "" if value is None else str(value), message))
    return errors


def parse_frame(spec: ImportSpec, frame: pd.DataFrame) -> tuple:
    """Validate and convert ``frame``.

    Returns row numbers, value dicts by field name, errors, ``{field: header}`` and
    ``{fk field: {pk: object}}``.
    """
    headers = [str(h) for h in frame.columns]
    mapping, errors = _header_map(spec, headers)
    by_name = {name: header for header, name in mapping.items()}
    converted, related_objects = {}, {}
    for header, name in mapping.items():
        if spec.column(name).kind != ColumnKind.FOREIGN_KEY:
            converted[name] = _convert(spec.column(name), frame[header].astype(str), header, errors)
            continue
        related_objects[name] = {}
        converted[name] = _convert(
            spec.column(name), frame[header].astype(str), header, errors, related_objects[name]
        )
    rows = pd.DataFrame(converted, index=frame.index)
    records = rows.to_dict("records") if len(rows.columns) else [{} for _ in frame.index]
    numbers = [int(i) + FIRST_DATA_ROW for i in frame.index]
    return numbers, records, errors, by_name, related_objects


def register_import(
    *,
    spec: ImportSpec,
    frame: pd.DataFrame,
    user=None,
    dry_run: bool = False,
    change_reason: str | None = None,
) -> ImportResult:
    """Import ``frame`` into ``spec``'s register, all or nothing (STACK_NOTES: bulk history).

    Raises :class:`RegisterImportError` with every error found; nothing is written then.
    With ``dry_run`` everything is validated and counted but nothing is written.
    """
    model = spec.model
    numbers, records, errors, headers, related_objects = parse_frame(spec, frame)
    if any(error.row == 1 for error in errors):
        # Without the right columns no row can be matched or checked further.
        errors.sort(key=lambda e: (e.row, e.column))
        raise RegisterImportError(errors)
    if not errors and not records:
        return ImportResult(dry_run=dry_run)
    key_fields = spec.natural_key
    bad_rows = {e.row for e in errors}

    # Duplicated natural keys inside the file.
    first_row_of: dict[tuple, int] = {}
    for number, record in zip(numbers, records, strict=True):
        if number in bad_rows or any(name not in record for name in key_fields):
            continue
        key = _natural_key(record, key_fields)
        if key in first_row_of:
            errors.append(
                RowError(
                    number,
                    headers.get(key_fields[0], key_fields[0]),
                    " / ".join(str(k) for k in key),
                    gettext("the same record as row %(row)s.") % {"row": first_row_of[key]},
                )
            )
        else:
            first_row_of[key] = number

    attnames = {name: model._meta.get_field(name).attname for name in headers}
    valid = [
        (number, record)
        for number, record in zip(numbers, records, strict=True)
        if number not in {e.row for e in errors}
    ]
    existing = (
        _existing(model, key_fields, [_natural_key(r, key_fields) for _, r in valid])
        if all(k in headers for k in key_fields)
        else {}
    )

    now = timezone.now()
    to_create, to_update, changed_fields, unchanged = [], [], set(), 0
    excluded = [f.name for f in model._meta.concrete_fields if f.name not in headers]
    # Foreign keys were resolved above in one query each; Django's per-row check would
    # query once per row and field.
    # Columns fully checked above (required, length, choices, type, existence) skip the
    # per-row field cleaning; fields with their own validators and ``Model.clean`` still run.
    checked = [name for name in headers if _prevalidated(spec.column(name))]
    for number, record in valid:
        obj = existing.get(_natural_key(record, key_fields))
        if obj is None:
            obj = model(**{attnames[name]: value for name, value in record.items()})
            _attach_related(obj, record, related_objects)
            target = to_create
        else:
            diff = [name for name, value in record.items() if getattr(obj, attnames[name]) != value]
            if not diff:
                unchanged += 1
                continue
            for name in diff:
                setattr(obj, attnames[name], record[name])
            _attach_related(obj, record, related_objects)
            changed_fields.update(diff)
            obj.updated_at = now
            target = to_update
        try:
            obj.full_clean(
                exclude=[*checked, *(excluded if target is to_update else [])],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors.extend(_message_errors(exc, number, headers, record))
            continue
        target.append(obj)

    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        raise RegisterImportError(errors)
    result = ImportResult(
        created=len(to_create), updated=len(to_update), unchanged=unchanged, dry_run=dry_run
    )
    if dry_run:
        return result
    reason = change_reason or gettext("Imported from a file")
    with transaction.atomic():
        if to_create:
            bulk_create_with_history(
                to_create,
                model,
                batch_size=BATCH_SIZE,
                default_user=user,
                default_change_reason=reason,
                default_date=now,
            )
        if to_update:
            bulk_update_with_history(
                to_update,
                model,
                fields=sorted(changed_fields | {"updated_at"}),
                batch_size=BATCH_SIZE,
                default_user=user,
                default_change_reason=reason,
                default_date=now,
            )
    return result


IMPORT_HELP = _(
    "The first row holds the column names, in English (field name) or Chinese; "
    "each following row is one record."
)
