"""Nothing lost when two people act on one record at once (clause 7.3 control of changes,
8.5 data quality; issue 13 §4).

Two rules, used by the register edit views and by every approval:

* **Edits from a stale form are refused.** An edit form carries the record's ``updated_at`` as
  it was loaded (:data:`VERSION_FIELD`, plus a digest of its inline children's ``updated_at``).
  Saving first claims the record with a conditional ``UPDATE … WHERE updated_at = <loaded>``
  in the save's transaction (:func:`claim_version`); when no row matches, someone saved in
  between: nothing is written and :func:`stale_changes` reads from django-simple-history
  what changed since the form was loaded, field by field, with who saved it and when.
* **A decision is taken once.** Approvals lock the record and move it by a conditional
  ``UPDATE … WHERE status = <expected>``; the loser is told who decided and when
  (:func:`already_decided`).

``updated_at`` is every register's version (``RegisterModel``, ``auto_now``): no model needs
a new column, and the history row of a save carries the same ``updated_at``, which is how the
loaded state is found again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .display import EMPTY, field_value, plain_value
from .people import person_name

#: Name of the hidden form field that carries the version the form was loaded with.
VERSION_FIELD = "cems_loaded_version"
#: Fields that change on every save and say nothing to the user.
UNTRACKED = frozenset({"created_at", "updated_at"})


def when_text(value: dt.datetime | None) -> str:
    """A moment as the admin shows it (site time zone, short format); no query."""
    return plain_value(value) if value else EMPTY


# --- decisions taken once ------------------------------------------------------------------


def already_decided(
    *, record, decision: str, user, at: dt.datetime | None, code: str = "decided"
) -> ValidationError:
    """The refusal the second approver gets: who took ``decision`` on ``record`` and when.

    ``decision`` is the translated past participle ("approved", "rejected").
    """
    if user is None and at is None:
        message = gettext("“%(record)s” was already %(decision)s.") % {
            "record": record,
            "decision": decision,
        }
    else:
        message = gettext("“%(record)s” was already %(decision)s by %(user)s at %(time)s.") % {
            "record": record,
            "decision": decision,
            "user": person_name(user) or EMPTY,
            "time": when_text(at),
        }
    return ValidationError(message, code=code)


def claim_status(model, pk, *, expected, **values) -> bool:
    """Move record ``pk`` of ``model`` out of ``expected`` status with one conditional UPDATE.

    ``UPDATE … SET <values> WHERE pk = … AND status = <expected>``: of two transactions
    racing for it, exactly one matches a row (PostgreSQL re-checks the condition after the
    first commits; SQLite serialises writers). Writes no history and sends no signal: the
    caller saves the record afterwards for those.
    """
    return bool(model._base_manager.filter(pk=pk, status=expected).update(**values))


# --- edits from a stale form ---------------------------------------------------------------


def inline_relations(form) -> list[str]:
    """Names of the child relations a cluster form edits inline (its formsets)."""
    return sorted(getattr(form, "formsets", {}) or {})


def _children(instance, relation: str):
    """The child model of ``relation`` and a queryset of ``instance``'s children in it, read
    from the database (a cluster form's manager would answer from its in-memory copy)."""
    rel = type(instance)._meta.get_field(relation)
    model = rel.related_model
    return model, model._base_manager.filter(**{rel.field.name: instance.pk})


def children_digests(instance, relations: list[str]) -> dict[str, str]:
    """``{relation: digest of its children's (pk, updated_at)}`` of ``instance``.

    One query per relation. A child edited, added or deleted through its own view changes its
    relation's digest, so a parent form that would re-save the children is stale too.
    """
    if not relations or instance.pk is None:
        return {}
    digests = {}
    for name in relations:
        model, rows = _children(instance, name)
        stamp = "updated_at" if any(f.name == "updated_at" for f in model._meta.fields) else "pk"
        rows = rows.order_by("pk")
        digest = hashlib.sha256()
        for pk, value in rows.values_list("pk", stamp):
            digest.update(f"|{pk}:{value.isoformat() if stamp == 'updated_at' else ''}".encode())
        digests[name] = digest.hexdigest()[:12]
    return digests


def version_token(instance, relations: list[str]) -> str:
    """``<updated_at ISO>;<relation>=<digest>,…`` of the record as stored now."""
    stamp = getattr(instance, "updated_at", None)
    children = ",".join(f"{k}={v}" for k, v in children_digests(instance, relations).items())
    return f"{stamp.isoformat() if stamp else ''};{children}"


def parse_token(token: str) -> tuple[dt.datetime | None, dict[str, str]] | None:
    """``(updated_at, {relation: digest})`` of a token, or ``None`` when it is not one."""
    stamp, sep, children = (token or "").partition(";")
    if not sep:
        return None
    try:
        loaded = dt.datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None
    digests = dict(item.partition("=")[::2] for item in children.split(",") if item)
    return loaded, digests


class VersionField(forms.CharField):
    """The hidden version: never a change of the record (``changed_data`` leaves it out)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def has_changed(self, initial, data) -> bool:
        return False


def versioned_form(form_class):
    """``form_class`` with a hidden :data:`VERSION_FIELD` set to the record's version.

    The field is not in any panel; Wagtail renders such fields with the form (hidden). It is
    only filled for a stored record; a new record has nothing to conflict with.
    """
    if VERSION_FIELD in getattr(form_class, "base_fields", {}):
        return form_class

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields[VERSION_FIELD].initial = version_token(
                self.instance, inline_relations(self)
            )

    attrs = {
        VERSION_FIELD: VersionField(),
        "__init__": __init__,
        "__module__": form_class.__module__,
    }
    return type(form_class.__name__, (form_class,), attrs)


class StaleEdit(Exception):
    """Raised inside the save's transaction when the record changed since the form loaded."""

    def __init__(self, loaded: dt.datetime | None, relations: list[str] = ()):
        super().__init__("stale edit")
        self.loaded = loaded
        #: inline relations whose children changed since the form was loaded
        self.relations = list(relations)


def claim_version(instance, token: str, relations: list[str]) -> None:
    """Claim ``instance`` for this save, or raise :class:`StaleEdit` (nothing written then).

    Call inside the save's transaction, before saving. ``UPDATE … SET updated_at =
    updated_at WHERE pk = … AND updated_at = <loaded>`` takes the row's write lock
    (PostgreSQL; SQLite's transaction holds the database's), so a concurrent save of the same
    record waits here, then finds ``updated_at`` moved and is refused. The children's digests
    are compared after the claim, their rows locked on PostgreSQL. A missing or unreadable
    token (a form posted by a script) is not checked.
    """
    parsed = parse_token(token)
    if parsed is None or instance.pk is None:
        return
    loaded, digests = parsed
    claimed = (
        type(instance)
        ._base_manager.filter(pk=instance.pk, updated_at=loaded)
        .update(updated_at=models.F("updated_at"))
    )
    if not claimed:
        raise StaleEdit(loaded)
    for name in relations:
        list(_children(instance, name)[1].select_for_update().values_list("pk"))
    now = children_digests(instance, relations)
    changed = [name for name in relations if now.get(name) != digests.get(name)]
    if changed:
        raise StaleEdit(loaded, changed)


@dataclasses.dataclass
class StaleChange:
    """One field someone else changed since the form was loaded."""

    label: str
    yours: str
    stored: str
    user: str
    at: str


@dataclasses.dataclass
class StaleReport:
    """What the refused editor is shown: the changed fields and the saves since loading."""

    changes: list[StaleChange]
    saves: list[tuple[str, str]]  # (person, time) of every save since the form was loaded
    children_changed: list[str]  # labels of inline relations changed since
    #: (label, value) of the user's own changes to fields nobody else changed: not saved
    #: either, listed so that they can be typed again
    mine: list[tuple[str, str]] = dataclasses.field(default_factory=list)


def _tracked_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in UNTRACKED and f.editable
    ]


def _history_since(current, loaded: dt.datetime | None) -> tuple[object | None, list]:
    """The history row of the state the form loaded (or ``None``), and the rows after it."""
    history = getattr(type(current), "history", None)
    if history is None:
        return None, []
    # historical querysets: filter by ``id`` (``pk`` is the history id)
    rows = list(history.filter(id=current.pk).select_related("history_user").order_by("history_id"))
    base_index = None
    if loaded is not None:
        for index, row in enumerate(rows):
            if row.updated_at == loaded:
                base_index = index
    if base_index is None:
        after = [row for row in rows if loaded is None or row.history_date > loaded]
        return None, after
    return rows[base_index], rows[base_index + 1 :]


def _attributed(fields, base, after) -> dict[str, object]:
    """``{field name: the last history row in after that changed it}``; no query."""
    by = {}
    previous = base
    for row in after:
        for field in fields:
            if previous is None or field.value_from_object(row) != field.value_from_object(
                previous
            ):
                by[field.name] = row
        previous = row
    return by


def stale_changes(*, current, submitted, loaded: dt.datetime | None, form=None) -> StaleReport:
    """What changed in ``current`` (the record as stored now) since the state the form loaded.

    ``submitted`` is the instance the refused form built (the user's values); ``form`` limits
    the fields to those it edits (the others were not going to be overwritten). Each changed
    field is attributed to the last save that changed it (simple-history). When the loaded
    state is not in the history (a record older than its history), the fields where the
    user's value differs from the stored one are listed, attributed to the latest save.
    Two queries (history rows with their users), plus one per foreign key shown.
    """
    base, after = _history_since(current, loaded)
    in_form = set(form.fields) if form is not None else None
    fields = [f for f in _tracked_fields(type(current)) if in_form is None or f.name in in_form]
    reference = base if base is not None else submitted
    changed = [f for f in fields if f.value_from_object(reference) != f.value_from_object(current)]
    by = _attributed(changed, base, after) if base is not None else {}
    latest = after[-1] if after else None
    changes = []
    for field in changed:
        row = by.get(field.name, None if base is not None else latest)
        changes.append(
            StaleChange(
                label=capfirst(field.verbose_name),
                yours=field_value(submitted, field),
                stored=field_value(current, field),
                user=person_name(getattr(row, "history_user", None)) or EMPTY,
                at=when_text(getattr(row, "history_date", None) or current.updated_at),
            )
        )
    saves = [
        (person_name(row.history_user) or EMPTY, when_text(row.history_date)) for row in after
    ] or [(EMPTY, when_text(current.updated_at))]
    mine = []
    if base is not None:
        mine = [
            (capfirst(f.verbose_name), field_value(submitted, f))
            for f in fields
            if f not in changed and f.value_from_object(submitted) != f.value_from_object(base)
        ]
    return StaleReport(changes=changes, saves=saves, children_changed=[], mine=mine)


#: The refusal's first sentence; the list of changes follows it.
STALE_MESSAGE = _(
    "Not saved: this record was changed by someone else after you opened it. The form now "
    "shows the values stored; make your change again and save."
)
