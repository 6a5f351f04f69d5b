"""Bulk import of a register from its sheets: validate everything, then write all or nothing.

Steps (every error names the sheet, the spreadsheet row, the column as written in the file
and the value, in the active language):

1. map headers (English field name or Chinese/English label) to columns;
2. convert each column at once with pandas (choices in either language, numbers, dates,
   yes/no; linked records by code, natural key or displayed text: one or two queries per
   column, see ``refs.py``);
3. match rows to existing records by the register's natural key (one query per 900 keys);
4. run each new or changed record's ``full_clean`` (model rules stay the single source);
5. the same for each further sheet (inline rows: an objective's indicators …), whose rows
   name their parent on the first sheet or in the database;
6. in one transaction, ``bulk_create_with_history`` / ``bulk_update_with_history`` with the
   importing user and the reason "Imported from a file"; unchanged rows are neither saved
   nor given a history row. A change of what top management approved (an objective's
   wording or indicators) withdraws the approval, as the edit form does (5.1).
"""

from __future__ import annotations

import dataclasses

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

import pandas as pd
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..upload_guard import is_code_field, normalise_code
from . import values as conv
from .reader import max_rows, too_many_rows
from .refs import Resolver, links_of, set_links, split_refs
from .spec import ColumnKind, ImportSpec, header_key, normalise, ref_help

BATCH_SIZE = 1000
KEY_CHUNK = 900
#: Row number of the first data row in the spreadsheet (row 1 is the header).
FIRST_DATA_ROW = 2
#: Error cells show at most this many characters of a value.
MAX_VALUE_SHOWN = 120


@dataclasses.dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str
    sheet: str = ""

    def __post_init__(self):
        if len(self.value) > MAX_VALUE_SHOWN:
            self.value = self.value[: MAX_VALUE_SHOWN - 1] + "…"

    def __str__(self) -> str:
        params = {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }
        if self.sheet:
            return (
                gettext(
                    "Sheet “%(sheet)s”, row %(row)s, column “%(column)s”, value “%(value)s”: "
                    "%(message)s"
                )
                % params
            )
        return gettext("Row %(row)s, column “%(column)s”, value “%(value)s”: %(message)s") % params


@dataclasses.dataclass
class SheetResult:
    """What one sheet did (or would do, in a check)."""

    title: str
    sheet: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclasses.dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = dataclasses.field(default_factory=list)
    dry_run: bool = False
    sheets: list[SheetResult] = dataclasses.field(default_factory=list)
    #: Columns of the file that are never imported (approvals, timestamps), by header.
    ignored_columns: list[str] = dataclasses.field(default_factory=list)
    #: Records whose approval the import withdrew (or would withdraw), as shown in the admin.
    withdrawn: list[str] = dataclasses.field(default_factory=list)

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


def _header_map(
    spec: ImportSpec, headers: list[str], sheet: str
) -> tuple[dict[str, str], list[RowError], list[str]]:
    """``{header in file: column name}``, errors (unknown, duplicate, missing) and ignored headers."""
    keys = {}
    for column in spec.columns:
        for key in column.header_keys():
            keys.setdefault(key, column.name)
    ignored_keys = set()
    for field in spec.ignored_fields:
        for language in ("zh-hans", "en"):
            with translation.override(language):
                ignored_keys.add(header_key(field.verbose_name))
        ignored_keys |= {header_key(field.name), header_key(field.attname)}
    mapping, errors, seen, ignored = {}, [], {}, []
    for header in headers:
        if not header or header.startswith("Unnamed:"):
            continue
        name = keys.get(header_key(header))
        if name is None and header_key(header) in ignored_keys:
            ignored.append(header)
        elif name is None:
            errors.append(
                RowError(
                    1, header, header, gettext("unknown column; see the import template."), sheet
                )
            )
        elif name in seen:
            errors.append(
                RowError(
                    1,
                    header,
                    header,
                    gettext("the same column as “%(other)s”.") % {"other": seen[name]},
                    sheet,
                )
            )
        else:
            mapping[header] = name
            seen[name] = header
    for column in spec.columns:
        if column.header_required and column.name not in seen:
            errors.append(
                RowError(1, column.header, "", gettext("required column is missing."), sheet)
            )
    return mapping, errors, ignored


def _not_found_message(column) -> str:
    related = column.related_model
    return gettext("no %(model)s is known by this value; give its %(how)s.") % {
        "model": related._meta.verbose_name,
        "how": ref_help(related),
    }


def _ambiguous_message(column, matches) -> str:
    shown = "; ".join(str(obj) for obj in matches[:5])
    return gettext(
        "%(count)s records of %(model)s match this value (%(matches)s); "
        "give a value that names one only, e.g. its %(how)s."
    ) % {
        "count": len(matches),
        "model": column.related_model._meta.verbose_name_plural,
        "matches": shown,
        "how": ref_help(column.related_model),
    }


@dataclasses.dataclass
class _Cells:
    """One column of a sheet being converted: its cells as text and where errors go."""

    column: object
    raw: pd.Series
    header: str
    sheet: str
    errors: list[RowError]
    extra: object = None

    def __post_init__(self):
        self.text = self.raw.str.strip()
        self.empty = self.text == ""

    def error(self, index, value, message) -> None:
        self.errors.append(
            RowError(int(index) + FIRST_DATA_ROW, self.header, value, message, self.sheet)
        )

    def bad(self, mask, message) -> None:
        """An error for every cell under ``mask``, naming its row, column and value."""
        for index, value in self.raw[mask].items():
            self.error(index, value, message)


def _text_values(cells: _Cells) -> pd.Series:
    if is_code_field(cells.column.field):
        # a look-alike (full-width letters, a zero-width space) is the same code (issue 13 §6)
        cells.text = cells.text.map(normalise_code)
    max_length = cells.column.field.max_length
    if max_length:
        cells.bad(
            cells.text.str.len() > max_length,
            gettext("longer than %(max)s characters.") % {"max": max_length},
        )
    return cells.text


def _choice_values(cells: _Cells) -> pd.Series:
    column = cells.column
    plain = conv.plain_text(cells.text).str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    values = plain.map(lambda v: column.choice_map.get(normalise(v)) if v else None)
    allowed = ", ".join(f"{v} ({zh} / {en})" for v, zh, en in column.choice_help())
    cells.bad(
        ~cells.empty & values.isna(),
        gettext("not one of the allowed values: %(allowed)s.") % {"allowed": allowed},
    )
    return values


def _integer_values(cells: _Cells) -> pd.Series:
    numbers = conv.numbers(cells.text)
    cells.bad(~cells.empty & (numbers.isna() | (numbers % 1 != 0)), gettext("not a whole number."))
    return numbers.map(lambda n: None if pd.isna(n) else int(n)).astype(object)


def _float_values(cells: _Cells) -> pd.Series:
    numbers = conv.numbers(cells.text)
    cells.bad(~cells.empty & numbers.isna(), gettext("not a number."))
    return numbers.astype(object)


def _decimal_values(cells: _Cells) -> pd.Series:
    values = conv.decimals(cells.text)
    cells.bad(~cells.empty & values.isna(), gettext("not a number."))
    return values


def _date_values(cells: _Cells) -> pd.Series:
    values = conv.dates(cells.text)
    cells.bad(
        ~cells.empty & values.isna(),
        gettext("not a date; write it as 2026-03-31, 2026/3/31 or 2026年3月31日."),
    )
    return values


def _boolean_values(cells: _Cells) -> pd.Series:
    values = conv.booleans(cells.text)
    cells.bad(~cells.empty & values.isna(), gettext("write yes or no (是 / 否)."))
    return values


def _foreign_key_values(cells: _Cells) -> pd.Series:
    """The linked object of each cell; an error where none or several records match."""
    column, text, empty = cells.column, cells.text, cells.empty
    resolver = Resolver(column.related_model, extra=cells.extra or ())
    matches = resolver.resolve(set(text[~empty]))
    found = {key: objs[0] for key, objs in matches.items() if len(objs) == 1}
    keys = text.map(normalise)
    values = keys.map(found).where(~empty, None).astype(object)
    missing = ~empty & values.isna()
    unknown = keys.map(lambda k: not matches.get(k)).astype(bool)
    several = keys.map(lambda k: len(matches.get(k) or ()) > 1).astype(bool)
    cells.bad(missing & unknown, _not_found_message(column))
    for index in text[missing & several].index:
        cells.error(index, cells.raw[index], _ambiguous_message(column, matches[keys[index]]))
    return values


def _many_values(cells: _Cells) -> pd.Series:
    """A tuple of linked objects per cell (names split by :func:`split_refs`)."""
    column = cells.column
    lists = cells.text.map(split_refs)
    matches = Resolver(column.related_model, extra=cells.extra or ()).resolve(
        {name for names in lists for name in names}
    )
    for index, names in lists.items():
        for name in names:
            found = matches.get(normalise(name)) or []
            if len(found) != 1:
                message = _ambiguous_message(column, found) if found else _not_found_message(column)
                cells.error(index, name, message)
    return lists.map(
        lambda names: tuple(
            {
                id(found[0]): found[0]
                for found in (matches.get(normalise(n)) or [] for n in names)
                if len(found) == 1
            }.values()
        )
    ).astype(object)


#: The converter of each column kind (a many-to-many column is converted by
#: :func:`_many_values` and takes no default).
_CONVERTERS = {
    ColumnKind.TEXT: _text_values,
    ColumnKind.CHOICE: _choice_values,
    ColumnKind.INTEGER: _integer_values,
    ColumnKind.FLOAT: _float_values,
    ColumnKind.DECIMAL: _decimal_values,
    ColumnKind.DATE: _date_values,
    ColumnKind.BOOLEAN: _boolean_values,
    ColumnKind.FOREIGN_KEY: _foreign_key_values,
}


def _with_defaults(column, values: pd.Series, empty: pd.Series) -> pd.Series:
    """Empty cells take the field's default, or blank/None (a non-null boolean: False)."""
    if not empty.any():
        return values
    field = column.field
    default = (
        field.get_default()
        if field.has_default()
        else ("" if not field.null and field.empty_strings_allowed else None)
    )
    if column.kind == ColumnKind.BOOLEAN and not field.has_default() and not field.null:
        default = False
    return values.astype(object).where(~empty, default)


def _convert(
    column, raw: pd.Series, header: str, sheet: str, errors: list[RowError], extra=None
) -> pd.Series:
    """Convert one column of strings to Python values; append an error per bad cell.

    A foreign key column yields the linked objects (possibly new records of the same file).
    """
    cells = _Cells(column, raw, header, sheet, errors, extra)
    if column.required:
        cells.bad(cells.empty, gettext("a value is required."))
    if column.kind == ColumnKind.MANY:
        return _many_values(cells)
    converter = _CONVERTERS.get(column.kind)
    values = converter(cells) if converter else cells.text
    return _with_defaults(column, values, cells.empty)


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


def _key_part(value):
    if value is None:
        return ""
    if hasattr(value, "_meta"):  # a linked record: by its identity (new ones have no pk)
        return ("pk", value.pk) if value.pk is not None else ("new", id(value))
    return value


def _natural_key(row: dict, key_fields: tuple[str, ...]) -> tuple:
    return tuple(_key_part(row[name]) for name in key_fields)


def _existing(spec: ImportSpec, keys: list[tuple]) -> dict[tuple, object]:
    """Existing records by natural key; one query per ``KEY_CHUNK`` keys."""
    model = spec.model
    key_fields = spec.natural_key
    fields = [model._meta.get_field(name) for name in key_fields]
    first = fields[0]
    firsts = {key[0] for key in keys}
    if first.is_relation:
        firsts = {part[1] for part in firsts if isinstance(part, tuple) and part[0] == "pk"}
    firsts = sorted(firsts, key=str)
    found = {}
    for start in range(0, len(firsts), KEY_CHUNK):
        chunk = firsts[start : start + KEY_CHUNK]
        for obj in model._default_manager.filter(**{f"{first.attname}__in": chunk}):
            parts = []
            for field in fields:
                value = getattr(obj, field.attname)
                parts.append(("pk", value) if field.is_relation and value is not None else value)
            found[tuple("" if part is None else part for part in parts)] = obj
    return found


def _message_errors(
    exc: ValidationError, row: int, headers: dict[str, str], values: dict, sheet: str
) -> list[RowError]:
    errors = []
    for field_name, messages in exc.message_dict.items():
        header = headers.get(field_name, field_name if field_name != NON_FIELD_ERRORS else "—")
        value = values.get(field_name, "")
        for message in messages:
            errors.append(
                RowError(row, header, "" if value is None else str(value), message, sheet)
            )
    return errors


def _same(obj, attname: str, value, relation: bool) -> bool:
    """Whether ``obj`` already holds ``value``; a linked record is compared by its key (a
    new one, without a key yet, is always a change). Issues no query."""
    if relation:
        if value is None:
            return getattr(obj, attname) is None
        return value.pk is not None and getattr(obj, attname) == value.pk
    return getattr(obj, attname) == value


@dataclasses.dataclass
class SheetPlan:
    """The validated rows of one sheet, ready to write."""

    spec: ImportSpec
    sheet: str
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    objects: list = dataclasses.field(default_factory=list)
    to_create: list = dataclasses.field(default_factory=list)
    to_update: list = dataclasses.field(default_factory=list)
    changed_fields: set = dataclasses.field(default_factory=set)
    #: ``id(obj)`` → names of the fields the file changes (existing records only).
    changes: dict = dataclasses.field(default_factory=dict)
    unchanged: int = 0
    ignored: list = dataclasses.field(default_factory=list)
    #: ``{many-to-many field name: [(record, linked records)]}`` to write (new or changed).
    links: dict = dataclasses.field(default_factory=dict)

    def result(self) -> SheetResult:
        return SheetResult(
            title=str(self.spec.title),
            sheet=self.sheet,
            created=len(self.to_create),
            updated=len(self.to_update),
            unchanged=self.unchanged,
        )


def plan_sheet(
    spec: ImportSpec,
    frame: pd.DataFrame,
    *,
    sheet: str = "",
    errors: list[RowError],
    parents: list | None = None,
) -> SheetPlan:
    """Validate ``frame`` against ``spec``; errors go to ``errors``, nothing is written.

    ``parents``: the records of the parent sheet (for a child spec), which rows may name.
    """
    plan = SheetPlan(spec=spec, sheet=sheet)
    headers = [str(h) for h in frame.columns]
    mapping, header_errors, plan.ignored = _header_map(spec, headers, sheet)
    errors.extend(header_errors)
    if header_errors:
        # Without the right columns no row can be matched or checked further.
        return plan
    plan.headers = by_name = {name: header for header, name in mapping.items()}
    first_error = len(errors)
    rows, deferred = _convert_columns(spec, frame, mapping, sheet, errors, parents)
    records = rows.to_dict("records") if len(rows.columns) else [{} for _ in frame.index]
    numbers = [int(i) + FIRST_DATA_ROW for i in frame.index]
    if not records:
        return plan
    bad_rows = {e.row for e in errors[first_error:]}
    _check_duplicate_keys(plan, numbers, records, bad_rows, errors)
    valid = [(n, r) for n, r in zip(numbers, records, strict=True) if n not in bad_rows]
    many = [name for name in by_name if spec.column(name).kind == ColumnKind.MANY]
    fields = {name: spec.model._meta.get_field(name) for name in by_name if name not in many}
    attnames = {name: field.attname for name, field in fields.items()}
    built = _build_records(spec, valid, many, fields)
    plan.objects = [obj for _, _, obj, _, _ in built]
    for name, raw in deferred.items():
        bad_before = len(errors)
        values = _convert(spec.column(name), raw, by_name[name], sheet, errors, plan.objects)
        bad_rows.update(error.row for error in errors[bad_before:])
        for number, record, obj, diff, is_new in built:
            value = values.get(number - FIRST_DATA_ROW)
            record[name] = value
            if is_new or not _same(obj, attnames[name], value, True):
                setattr(obj, name, value)
                diff.append(name)
    _check_records(plan, [b for b in built if b[0] not in bad_rows], many, errors)
    return plan


def _convert_columns(spec, frame, mapping, sheet, errors, parents) -> tuple[pd.DataFrame, dict]:
    """The converted columns of ``frame``, and the raw ones linking records of the same
    sheet (converted once its records exist)."""
    converted, deferred = {}, {}
    for header, name in mapping.items():
        column = spec.column(name)
        raw = frame[header].astype(str)
        if column.kind == ColumnKind.FOREIGN_KEY and column.related_model is spec.model:
            deferred[name] = raw  # links inside the sheet: resolved once its records exist
            continue
        extra = parents if name == spec.parent_field else None
        converted[name] = _convert(column, raw, header, sheet, errors, extra)
    return pd.DataFrame(converted, index=frame.index), deferred


def _check_duplicate_keys(plan: SheetPlan, numbers, records, bad_rows: set, errors) -> None:
    """An error for every row repeating the natural key of an earlier row of the file."""
    key_fields = plan.spec.natural_key
    header = plan.headers.get(key_fields[-1], key_fields[-1])
    message = gettext("the same record as row %(row)s.")  # once: gettext is slow per row
    first_row_of: dict[tuple, int] = {}
    for number, record in zip(numbers, records, strict=True):
        if number in bad_rows:
            continue
        key = _natural_key(record, key_fields)
        if key in first_row_of:
            errors.append(
                RowError(
                    number,
                    header,
                    " / ".join(str(record[k]) for k in key_fields),
                    message % {"row": first_row_of[key]},
                    plan.sheet,
                )
            )
            bad_rows.add(number)
        else:
            first_row_of[key] = number


def _build_records(spec: ImportSpec, valid, many: list[str], fields: dict) -> list[tuple]:
    """``(row, record, object, changed field names, is new)`` for every valid row.

    Every record is built first (new or existing), so links inside the sheet can be resolved.
    An existing record is compared before anything is set on it: most rows of a re-import
    change nothing, and setting a field costs more than comparing it.
    """
    model = spec.model
    key_fields = spec.natural_key
    existing = _existing(spec, [_natural_key(r, key_fields) for _, r in valid])
    attnames = {name: field.attname for name, field in fields.items()}
    relations = {name for name, field in fields.items() if field.is_relation}
    current_links = {
        name: links_of(model._meta.get_field(name), [obj.pk for obj in existing.values()])
        for name in many
    }
    built = []
    for number, record in valid:
        obj = existing.get(_natural_key(record, key_fields))
        scalars = {name: value for name, value in record.items() if name not in many}
        if obj is None:
            obj = model(**scalars)
            diff = list(record)
        else:
            diff = [
                name
                for name, value in scalars.items()
                if not _same(obj, attnames[name], value, name in relations)
            ]
            for name in diff:
                setattr(obj, name if name in relations else attnames[name], record[name])
            diff += [
                name
                for name in many
                if {o.pk for o in current_links[name].get(obj.pk, ())}
                != {o.pk for o in record[name]}
            ]
        built.append((number, record, obj, diff, obj.pk is None))
    return built


def _locked_errors(plan: SheetPlan, number: int, record: dict, diff: list) -> list[RowError]:
    """Errors for values only top management's approval or the edit form may set (5.1)."""
    return [
        RowError(
            number,
            plan.headers[name],
            str(record[name]),
            gettext(
                "this value is set by top management's approval or in the "
                "record's edit form, not by an import (5.1)."
            ),
            plan.sheet,
        )
        for name, values in plan.spec.locked_values.items()
        if name in diff and record[name] in values
    ]


def _check_records(plan: SheetPlan, built: list[tuple], many: list[str], errors) -> None:
    """Clean every new or changed record; sort them into ``plan``'s creates and updates."""
    model, by_name = plan.spec.model, plan.headers
    now = timezone.now()
    excluded = [f.name for f in model._meta.concrete_fields if f.name not in by_name]
    # Foreign keys were resolved above in one query each; Django's per-row check would
    # query once per row and field. Columns fully checked above (required, length, choices,
    # type, existence) skip the per-row field cleaning; validators and ``clean`` still run.
    checked = [name for name in by_name if _prevalidated(plan.spec.column(name))]
    for number, record, obj, diff, is_new in built:
        locked = _locked_errors(plan, number, record, diff)
        if locked:
            errors.extend(locked)
            continue
        if not is_new and not diff:
            plan.unchanged += 1
            continue
        if not is_new:
            plan.changes[id(obj)] = diff
            obj.updated_at = now
        try:
            obj.full_clean(
                exclude=[*checked, *([] if is_new else excluded)],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors.extend(_message_errors(exc, number, by_name, record, plan.sheet))
            continue
        if is_new:
            plan.to_create.append(obj)
        else:
            plan.to_update.append(obj)
            plan.changed_fields.update(name for name in diff if name not in many)
        for name in many:
            if name in diff:
                plan.links.setdefault(name, []).append((obj, record[name]))


def _creation_levels(plan: SheetPlan) -> list[list]:
    """New records in batches such that a record linked to another new one comes after it."""
    self_links = [
        f
        for f in plan.spec.model._meta.concrete_fields
        if f.is_relation and f.related_model is plan.spec.model and f.name in plan.headers
    ]
    if not self_links:
        return [plan.to_create]
    new = {id(obj) for obj in plan.to_create}
    depth: dict[int, int] = {}

    def level(obj, seen=()) -> int:
        if id(obj) in depth:
            return depth[id(obj)]
        result = 0
        for field in self_links:
            target = field.get_cached_value(obj, default=None) if field.is_cached(obj) else None
            if target is not None and id(target) in new and id(target) not in seen:
                result = max(result, level(target, (*seen, id(obj))) + 1)
        depth[id(obj)] = result
        return result

    levels: dict[int, list] = {}
    for obj in plan.to_create:
        levels.setdefault(level(obj), []).append(obj)
    return [levels[i] for i in sorted(levels)]


def _write(plan: SheetPlan, *, user, reason: str, now) -> None:
    model = plan.spec.model
    for batch in _creation_levels(plan):
        if batch:
            bulk_create_with_history(
                batch,
                model,
                batch_size=BATCH_SIZE,
                default_user=user,
                default_change_reason=reason,
                default_date=now,
            )
    for name, pairs in plan.links.items():
        set_links(model._meta.get_field(name), pairs)
    if plan.to_update:
        fields = {model._meta.get_field(name).name for name in plan.changed_fields}
        bulk_update_with_history(
            plan.to_update,
            model,
            fields=sorted(fields | {"updated_at"}),
            batch_size=BATCH_SIZE,
            default_user=user,
            default_change_reason=reason,
            default_date=now,
        )


def _to_withdraw(main: SheetPlan, children: list[SheetPlan]) -> list:
    """Approved records of ``main`` whose approved content the file changes (5.1)."""
    content = main.spec.withdrawing_changes
    if not content:
        return []
    touched = {}
    for obj in main.to_update:
        changed = set(main.changes.get(id(obj), ()))
        if changed & content or ("status" in changed and obj.status == "draft"):
            touched[obj.pk] = obj
    for child in children:
        if child.spec.slug not in content:
            continue
        field = child.spec.model._meta.get_field(child.spec.parent_field)
        in_file = {obj.pk: obj for obj in main.objects if obj.pk is not None}
        for obj in (*child.to_create, *child.to_update):
            parent_pk = getattr(obj, field.attname)
            if parent_pk is None:
                continue  # a new parent: nothing was approved yet
            # The file's record, or the one linked (fetched once per changed row, rare).
            parent = in_file.get(parent_pk) or getattr(obj, field.name)
            touched[parent.pk] = parent
    return [obj for obj in touched.values() if getattr(obj, "is_approved", False)]


def _withdraw_approval(obj, *, user, reason: str) -> None:
    """Withdraw a record's approval with the model's own rule, the one the edit form and
    the history revert apply (``Objective.withdraw_approval``), and one history row (5.1)."""
    fresh = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    fresh.withdraw_approval()
    fresh._history_user = user
    fresh._change_reason = reason
    fresh.save()


def import_sheets(
    *,
    spec: ImportSpec,
    sheets: list[tuple[str, ImportSpec, pd.DataFrame]],
    user=None,
    dry_run: bool = False,
    change_reason: str | None = None,
) -> ImportResult:
    """Import the sheets of one register (``spec`` first, then its children), all or nothing.

    ``sheets``: ``(sheet name, spec, frame)`` in the order to import. Raises
    :class:`RegisterImportError` with every error of every sheet; nothing is written then.
    With ``dry_run`` everything is validated and counted but nothing is written. A sheet of
    more than ``CEMS_IMPORT_MAX_ROWS`` rows raises :class:`ValidationError` before any check.
    """
    for sheet, sheet_spec, frame in sheets:
        if len(frame) > max_rows():
            raise too_many_rows(len(frame), name=sheet or str(sheet_spec.title))
    errors: list[RowError] = []
    plans: list[SheetPlan] = []
    main: SheetPlan | None = None
    for sheet, sheet_spec, frame in sheets:
        parents = main.objects if main is not None and sheet_spec is not spec else None
        plan = plan_sheet(sheet_spec, frame, sheet=sheet, errors=errors, parents=parents)
        if sheet_spec is spec:
            main = plan
        plans.append(plan)
    if errors:
        order = {sheet: i for i, (sheet, _spec, _frame) in enumerate(sheets)}
        position = {
            (sheet, str(header)): i
            for sheet, _spec, frame in sheets
            for i, header in enumerate(frame.columns)
        }
        errors.sort(
            key=lambda e: (order.get(e.sheet, 0), e.row, position.get((e.sheet, e.column), 999))
        )
        raise RegisterImportError(errors)
    # A file of inline rows alone (only an objective's indicators) still withdraws approvals.
    main = main or SheetPlan(spec=spec, sheet="")
    withdraw = _to_withdraw(main, [p for p in plans if p is not main])
    result = ImportResult(
        created=sum(len(p.to_create) for p in plans),
        updated=sum(len(p.to_update) for p in plans),
        unchanged=sum(p.unchanged for p in plans),
        dry_run=dry_run,
        sheets=[p.result() for p in plans],
        ignored_columns=[header for p in plans for header in p.ignored],
        withdrawn=[str(obj) for obj in withdraw],
    )
    if dry_run or not (result.created or result.updated):
        return result
    reason = change_reason or gettext("Imported from a file")
    now = timezone.now()
    with transaction.atomic():
        for plan in plans:
            _write(plan, user=user, reason=reason, now=now)
        withdrawal = gettext("Approval withdrawn: the import changed what was approved (5.1)")
        for obj in withdraw:
            _withdraw_approval(obj, user=user, reason=withdrawal)
    return result


def register_import(
    *,
    spec: ImportSpec,
    frame: pd.DataFrame,
    user=None,
    dry_run: bool = False,
    change_reason: str | None = None,
    sheet: str = "",
) -> ImportResult:
    """Import one sheet (``frame``) into ``spec``'s register; see :func:`import_sheets`."""
    return import_sheets(
        spec=spec,
        sheets=[(sheet, spec, frame)],
        user=user,
        dry_run=dry_run,
        change_reason=change_reason,
    )


IMPORT_HELP = _(
    "The first row holds the column names, in English (field name) or Chinese; "
    "each following row is one record."
)
