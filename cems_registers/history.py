"""Field-level history of registers (clause 7.3 control of records, 9.3 audit evidence).

Selectors read django-simple-history rows and turn each row and the row before it of the same
record into field diffs; the service :func:`register_revert` restores a past state as a new,
attributed change. The views (a Wagtail listing with filters, and the revert action) are in
:mod:`cems_registers.views.history`, wired into every register by
:class:`cems_registers.viewsets.base.RegisterViewSet`.

Query budget of a page (:func:`history_page`, and the listing view): one count, one page fetch
(users joined, the previous row's id annotated), and at most one query per foreign key field
that changed on the page, whatever the page size; a filtered page adds one query for the rows
before its rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from .people import person_name

#: Rows per page of the field-history view.
HISTORY_PAGE_SIZE = 50

HISTORY_TYPE_LABELS = {
    "+": _("Created"),
    "~": _("Changed"),
    "-": _("Deleted"),
}

EMPTY = "—"


@dataclasses.dataclass
class FieldChange:
    """One changed field: verbose name and display values (old → new)."""

    field: str
    label: str
    old: str
    new: str


@dataclasses.dataclass
class HistoryEntry:
    """One history row with its diff against the previous row of the same record."""

    record: models.Model
    history_id: int
    date: dt.datetime
    user: object | None
    type: str
    type_label: str
    reason: str
    changes: list[FieldChange]
    can_revert: bool = False


def tracked_field_names(model) -> list[str]:
    """Editable concrete fields whose changes the history shows, in model order."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in {"created_at", "updated_at"}
    ]


def _raw_changes(new_record, old_record, fields: list[str]) -> list[tuple[str, object, object]]:
    """(field, old, new) triples from ``diff_against``; issues no query."""
    if old_record is None:
        return [
            (name, None, value)
            for name in fields
            if (value := getattr(new_record, new_record._meta.get_field(name).attname))
            not in (None, "")
        ]
    delta = new_record.diff_against(old_record, included_fields=fields)
    order = {name: i for i, name in enumerate(fields)}
    return sorted(
        ((c.field, c.old, c.new) for c in delta.changes),
        key=lambda triple: order.get(triple[0], 0),
    )


def _fk_labels(model, pairs: dict[str, set]) -> dict[tuple[str, object], str]:
    """``{(field, pk): str(obj)}`` for the given FK values: one query per field."""
    labels = {}
    for name, pks in pairs.items():
        pks = {pk for pk in pks if pk is not None}
        if not pks:
            continue
        related = model._meta.get_field(name).related_model
        for obj in related._default_manager.filter(pk__in=pks):
            # people by name, not login (issue 8 item 17)
            labels[(name, obj.pk)] = (
                person_name(obj) if obj._meta.label == settings.AUTH_USER_MODEL else str(obj)
            )
    return labels


def display_value(field, value, fk_labels: dict | None = None) -> str:
    """A value as the user reads it: choice labels, yes/no, localised dates; no query."""
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        label = (fk_labels or {}).get((field.name, value))
        if label is None:
            # The related record was deleted since (or never resolved): show its id.
            return gettext("#%(pk)s (deleted)") % {"pk": value}
        return label
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return formats.localize(value)
    return str(value)


def history_queryset(instance):
    """History rows of ``instance``, newest first, users joined."""
    return instance.history.select_related("history_user").order_by("-history_date", "-history_id")


def history_entries(
    records: list, *, model, older: object | None = None, previous: list | None = None
) -> list[HistoryEntry]:
    """Diff each of ``records`` (newest first) against the row before it, in Python.

    ``previous``: the row before each record (``None`` for a record's first row); by default
    the next of ``records``, and ``older`` for the last (the row just before it, from the next
    page, or ``None`` when the last row is the record's first). Issues at most one query per
    foreign key field that changed.
    """
    fields = tracked_field_names(model)
    field_objs = {name: model._meta.get_field(name) for name in fields}
    if previous is None:
        previous = [*records[1:], older]
    raw = [_raw_changes(rec, before, fields) for rec, before in zip(records, previous, strict=True)]

    fk_values: dict[str, set] = defaultdict(set)
    for triples in raw:
        for name, old, new in triples:
            if field_objs[name].is_relation:
                fk_values[name].update((old, new))
    fk_labels = _fk_labels(model, fk_values)

    entries = []
    for rec, triples in zip(records, raw, strict=True):
        changes = [
            FieldChange(
                field=name,
                label=capfirst(str(field_objs[name].verbose_name)),
                old=display_value(field_objs[name], old, fk_labels)
                if rec.history_type != "+"
                else EMPTY,
                new=display_value(field_objs[name], new, fk_labels),
            )
            for name, old, new in triples
        ]
        entries.append(
            HistoryEntry(
                record=rec,
                history_id=rec.history_id,
                date=rec.history_date,
                user=rec.history_user,
                type=rec.history_type,
                type_label=str(HISTORY_TYPE_LABELS.get(rec.history_type, rec.history_type)),
                reason=rec.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def with_previous_id(queryset):
    """History rows annotated with ``previous_history_id``: the row before each of the same
    record (``None`` for its first), so a page diffs its rows whatever it is filtered by."""
    earlier = (
        queryset.model._default_manager.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    return queryset.annotate(previous_history_id=Subquery(earlier))


def page_entries(rows: list, *, model, shown: int | None = None) -> list[HistoryEntry]:
    """Entries of the first ``shown`` of ``rows`` (annotated by :func:`with_previous_id`).

    The rows before them are taken from ``rows`` (fetch one row more than the page to have the
    last one's) or, when a filter left them out, read in one query.
    """
    shown = len(rows) if shown is None else shown
    by_id = {row.history_id: row for row in rows}
    missing = {
        row.previous_history_id
        for row in rows[:shown]
        if row.previous_history_id is not None and row.previous_history_id not in by_id
    }
    if missing:
        history_model = type(rows[0])
        by_id.update(
            (row.history_id, row)
            for row in history_model._default_manager.filter(history_id__in=missing)
        )
    records = rows[:shown]
    previous = [by_id.get(row.previous_history_id) for row in records]
    return history_entries(records, model=model, previous=previous)


def related_history_entries(rows, *, model) -> list[HistoryEntry]:
    """Diffs of the history rows of several records of ``model`` (e.g. an objective's
    indicators, deleted ones included), newest first.

    ``rows``: every history row of those records (one query, users joined), so each row is
    diffed against the previous row of the same record; at most one more query per record
    and foreign key field that changed. Meant for the few records that hang off one register
    entry.
    """
    rows = sorted(rows, key=lambda r: (r.history_date, r.history_id), reverse=True)
    by_record: dict[object, list] = defaultdict(list)
    for row in rows:
        by_record[row.id].append(row)
    entries = []
    for chain in by_record.values():
        entries.extend(history_entries(chain, model=model, older=None))
    entries.sort(key=lambda e: (e.date, e.history_id), reverse=True)
    return entries


def history_page(instance, *, page: int = 1, page_size: int = HISTORY_PAGE_SIZE) -> dict:
    """One page of field history of ``instance``, newest first, in a constant number of queries."""
    qs = with_previous_id(history_queryset(instance))
    total = qs.count()
    num_pages = max(1, -(-total // page_size))
    page = min(max(1, page), num_pages)
    offset = (page - 1) * page_size
    rows = list(qs[offset : offset + page_size + 1])
    return {
        "entries": page_entries(rows, model=type(instance), shown=page_size),
        "page": page,
        "num_pages": num_pages,
        "total": total,
        "has_previous": page > 1,
        "has_next": page < num_pages,
    }


class RevertError(ValidationError):
    """The historical state cannot be restored (e.g. a linked record was deleted)."""


def keep_approval_state(instance, current) -> None:
    """Give ``instance`` the approval state of ``current``; issues no query (5.1).

    A model that records an approval names its fields in ``approval_fields`` (who approved,
    when, the status that approval sets). Only the approval service writes them: a revert
    restores what was approved, never that it was approved.
    """
    for name in getattr(type(instance), "approval_fields", ()):
        attname = instance._meta.get_field(name).attname
        setattr(instance, attname, getattr(current, attname))


def approval_holder(instance):
    """The record whose approval covers ``instance``: itself, or the record its
    ``approval_parent`` field links to (an objective for its indicators); ``None`` if none."""
    if getattr(type(instance), "approval_fields", ()):
        return instance
    parent = getattr(type(instance), "approval_parent", None)
    return getattr(instance, parent) if parent else None


def approved_content_changed(instance, current) -> bool:
    """Whether reverting ``current`` to ``instance`` changes what was approved; no query.

    The approved content is the model's ``approved_content_fields``, or every tracked field
    of a record covered by its parent's approval.
    """
    names = getattr(type(instance), "approved_content_fields", None)
    if names is None:
        names = tracked_field_names(type(instance))
    return any(
        getattr(instance, instance._meta.get_field(n).attname)
        != getattr(current, current._meta.get_field(n).attname)
        for n in names
    )


def register_revert(*, record, user) -> models.Model:
    """Restore the state saved in history row ``record`` (7.3 control of changes).

    The current record is updated to the historical values and validated; the save writes
    a new history row attributed to ``user`` with a reason naming the restored version.
    Deleted-state rows cannot be restored. Approval state is never restored (5.1): the
    record keeps its current approval fields, and a revert that changes approved content
    (an objective's wording, one of its indicators) withdraws the approval, as an edit does.
    """
    if record.history_type == "-":
        raise RevertError(_("A deletion cannot be restored from here."))
    instance = record.instance
    current = type(instance)._default_manager.filter(pk=instance.pk).first()
    if current is None:
        raise RevertError(_("This record was deleted since; it cannot be restored from here."))
    # The rebuilt instance is the existing row, not a new one: unique checks must exclude it.
    instance._state.adding = False
    keep_approval_state(instance, current)
    try:
        instance.full_clean()
        holder = approval_holder(instance)
    except ValidationError as exc:
        raise RevertError(exc.messages) from exc
    except ObjectDoesNotExist as exc:
        # A model rule followed a link to a record deleted since this version.
        raise RevertError(_("A record this version links to no longer exists.")) from exc
    reason = gettext("Reverted to the version of %(date)s") % {
        "date": formats.localize(record.history_date)
    }
    withdraw = (
        holder is not None and holder.is_approved and approved_content_changed(instance, current)
    )
    instance._history_user = user
    instance._change_reason = reason
    with transaction.atomic():
        if withdraw and holder is not instance:
            holder = type(holder)._default_manager.select_for_update().get(pk=holder.pk)
            holder.withdraw_approval()
            holder._history_user = user
            holder._change_reason = reason
            holder.save()
            log(instance=holder, action="wagtail.edit", user=user)
        elif withdraw:
            instance.withdraw_approval()
        instance.save()
        log(instance=instance, action="wagtail.edit", user=user)
    del instance._history_user
    return instance
