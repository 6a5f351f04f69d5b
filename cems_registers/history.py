"""Field-level history of registers (clause 7.3 control of records, 9.3 audit evidence).

Selectors read django-simple-history rows and turn consecutive pairs into field diffs;
the service :func:`register_revert` restores a past state as a new, attributed change.
Views (field history, revert) are thin and are wired into every register by
:class:`cems_registers.viewsets.base.RegisterViewSet`.

Query budget of :func:`history_page`: one count, one page fetch (users joined), and at
most one query per foreign key field that changed on the page, whatever the page size.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
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


def history_entries(records: list, *, model, older: object | None = None) -> list[HistoryEntry]:
    """Diff consecutive records (newest first) in Python.

    ``older`` is the row just before the last of ``records`` (from the next page), or
    ``None`` when the last row is the record's first. Issues at most one query per foreign
    key field that changed.
    """
    fields = tracked_field_names(model)
    field_objs = {name: model._meta.get_field(name) for name in fields}
    chain = [*records, older]
    raw = [_raw_changes(rec, chain[i + 1], fields) for i, rec in enumerate(records)]

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
    qs = history_queryset(instance)
    total = qs.count()
    num_pages = max(1, -(-total // page_size))
    page = min(max(1, page), num_pages)
    offset = (page - 1) * page_size
    rows = list(qs[offset : offset + page_size + 1])
    records, older = rows[:page_size], (rows[page_size] if len(rows) > page_size else None)
    return {
        "entries": history_entries(records, model=type(instance), older=older),
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


# Views -------------------------------------------------------------------------------------


class FieldHistoryView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Who changed which field, when, from what to what; newest first (7.3, 9.3)."""

    any_permission_required = ["add", "change", "delete", "view"]
    template_name = "cems_registers/field_history.html"
    page_title = _("Field history")
    header_icon = "history"
    model = None
    index_url_name = None
    edit_url_name = None
    inspect_url_name = None
    revert_url_name = None
    field_history_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=unquote(str(kwargs["pk"])))

    def get_page_subtitle(self):
        return str(self.object)

    @cached_property
    def can_revert(self) -> bool:
        return bool(self.revert_url_name) and self.user_has_permission("change")

    def get_breadcrumbs_items(self):
        items = [
            {
                "url": reverse(self.index_url_name) if self.index_url_name else "",
                "label": capfirst(self.model._meta.verbose_name_plural),
            }
        ]
        if self.edit_url_name and self.user_has_permission("change"):
            items.append(
                {
                    "url": reverse(self.edit_url_name, args=(quote(self.object.pk),)),
                    "label": str(self.object),
                }
            )
        items.append({"url": "", "label": self.get_page_title(), "sublabel": str(self.object)})
        return self.breadcrumbs_items + items

    @cached_property
    def header_more_buttons(self):
        buttons = []
        if self.inspect_url_name:
            buttons.append(
                Button(
                    _("Inspect"),
                    url=reverse(self.inspect_url_name, args=(quote(self.object.pk),)),
                    icon_name="info-circle",
                    priority=10,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            page = int(self.request.GET.get("p", "1"))
        except ValueError:
            page = 1
        data = history_page(self.object, page=page)
        if self.can_revert:
            for entry in data["entries"]:
                entry.can_revert = entry.type != "-"
        context.update(data)
        context.update(
            {
                "object": self.object,
                "model_opts": self.model._meta,
                "revert_url_name": self.revert_url_name,
                "object_pk": quote(self.object.pk),
            }
        )
        return context


class RevertView(PermissionCheckedMixin, View):
    """POST only: restore one history row's state; needs change permission on the model."""

    permission_required = "change"
    http_method_names = ["post"]
    model = None
    field_history_url_name = None

    def get_history_record(self, instance, history_id):
        """The history row to restore: one of ``instance``'s own, or ``None``."""
        return instance.history.filter(history_id=history_id).first()

    def post(self, request, pk, history_id):
        instance = get_object_or_404(self.model, pk=unquote(str(pk)))
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "change", instance
        ):
            raise PermissionDenied
        record = self.get_history_record(instance, history_id)
        if record is None:
            raise Http404
        try:
            restored = register_revert(record=record, user=request.user)
        except RevertError as exc:
            messages.error(
                request,
                gettext("Could not restore this version: %(reason)s")
                % {"reason": " ".join(exc.messages)},
            )
        else:
            messages.success(
                request,
                gettext("'%(object)s' restored to the version of %(date)s.")
                % {"object": str(restored), "date": formats.localize(record.history_date)},
            )
        return HttpResponseRedirect(
            reverse(self.field_history_url_name, args=(quote(instance.pk),))
        )
