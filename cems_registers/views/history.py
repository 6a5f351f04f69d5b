"""One history per register record (clause 7.3 control of changes, 9.3 audit evidence).

A register record has two logs: django-simple-history keeps what changed in which field
(:mod:`cems_registers.history`, the selectors and the revert service) and Wagtail's audit log
(``ModelLogEntry``) keeps the other events (locked, unlocked, deleted, workflow steps …).
:class:`RegisterHistoryView` shows both in one timeline, newest first, and replaces Wagtail's own
"History" view of every register, so the "History" links of the listing, the edit form and the
inspect view all lead here.

The views are Wagtail listings: columns, pagination (``?p=``), filters by user and date, and the
AJAX results view of the filters. An audit-log "created" or "edited" entry is the same event as a
history row and is not shown twice. Query budget: the field history's
(:mod:`cems_registers.history`), plus one query for the audit log entries of the page's time
window.
"""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import BaseListingView, BaseObjectMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.models import ModelLogEntry

import django_filters

from ..history import (
    HISTORY_PAGE_SIZE,
    HistoryEntry,
    RevertError,
    history_queryset,
    page_entries,
    register_revert,
    with_previous_id,
)

#: Audit log actions that a field-history row already shows (who, when, what changed).
FIELD_CHANGE_ACTIONS = ("wagtail.create", "wagtail.edit", "wagtail.revert")


class FieldHistoryFilterSet(WagtailFilterSet):
    """Who changed the record (name or login) and when; asks no query to be drawn."""

    user = django_filters.CharFilter(label=_("User"), method="filter_user")
    date = django_filters.DateFromToRangeFilter(
        field_name="history_date", label=_("Date"), widget=DateRangePickerWidget
    )

    def filter_user(self, queryset, name, value):
        words = Q()
        for field in ("username", "first_name", "last_name"):
            words |= Q(**{f"history_user__{field}__icontains": value})
        return queryset.filter(words)


class HistoryColumn(Column):
    """A column of history entries drawn by its own cell template."""

    def __init__(self, name, *, template: str, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = f"cems_registers/history/{template}_cell.html"


class RevertColumn(Column):
    """ "Revert to this version" on the entries that may be restored (``entry.can_revert``)."""

    cell_template_name = "cems_registers/history/revert_cell.html"

    def __init__(self, name="revert", *, url_name: str, object_pk, **kwargs):
        super().__init__(name, label="", **kwargs)
        self.url_name, self.object_pk = url_name, object_pk

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.can_revert and self.url_name:
            context["url"] = reverse(self.url_name, args=(self.object_pk, instance.history_id))
        return context


def history_columns(*, revert_url_name, object_pk, record_label=None) -> list[Column]:
    """The history table's columns; ``record_label`` adds the column naming the record (an
    objective's indicators)."""
    columns = [
        HistoryColumn("date", label=_("Date"), template="date", width="14%"),
        HistoryColumn("user", label=_("User"), template="user", width="12%"),
    ]
    if record_label:
        columns.append(Column("record.name", label=record_label))
    columns += [
        HistoryColumn("type_label", label=_("Type"), template="type", width="14%"),
        HistoryColumn("changes", label=_("Changes"), template="changes"),
        RevertColumn(url_name=revert_url_name, object_pk=object_pk),
    ]
    return columns


class FieldHistoryView(PermissionCheckedMixin, BaseObjectMixin, BaseListingView):
    """Who changed which field, when, from what to what; newest first (7.3, 9.3)."""

    any_permission_required = ["add", "change", "delete", "view"]
    template_name = "cems_registers/field_history.html"
    results_template_name = "cems_registers/field_history_results.html"
    page_title = _("Field history")
    header_icon = "history"
    paginate_by = HISTORY_PAGE_SIZE
    filterset_class = FieldHistoryFilterSet
    index_url_name = None
    edit_url_name = None
    inspect_url_name = None
    revert_url_name = None
    field_history_url_name = None
    field_history_results_url_name = None

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
        if not self.inspect_url_name:
            return []
        url = reverse(self.inspect_url_name, args=(quote(self.object.pk),))
        return [Button(_("Inspect"), url=url, icon_name="info-circle", priority=10)]

    def get_index_url(self):  # pagination links
        return reverse(self.field_history_url_name, args=(quote(self.object.pk),))

    def get_index_results_url(self):
        if self.field_history_results_url_name:
            return reverse(self.field_history_results_url_name, args=(quote(self.object.pk),))
        return None

    def get_base_queryset(self):
        return with_previous_id(history_queryset(self.object))

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        # "12 recorded changes", not the name of simple-history's model
        paginator.verbose_name = _("recorded change")
        paginator.verbose_name_plural = _("recorded changes")
        return paginator

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.get_base_queryset()}

    def order_queryset(self, queryset):
        return queryset  # newest first, as the selector orders

    def paginate_queryset(self, queryset, page_size):
        """The page's rows and one more: the row before the last, to diff it (no query)."""
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        if paginator.count:
            page.object_list = list(queryset[page.start_index() - 1 : page.end_index() + 1])
        else:
            page.object_list = []
        shown = len(page.object_list) and page.end_index() - page.start_index() + 1
        self.entries = self.get_entries(page.object_list, shown=shown, first_page=page.number == 1)
        return paginator, page, page.object_list, is_paginated

    def get_entries(self, rows, *, shown, first_page) -> list[HistoryEntry]:
        """The page's entries, those that may be restored marked: not a deletion, and not the
        newest version (the record as it is)."""
        entries = page_entries(rows, model=self.model, shown=shown) if rows else []
        if not (self.can_revert and entries):
            return entries
        newest = None
        if first_page:
            newest = entries[0].history_id
            if self.is_filtering:  # the newest version may be filtered out: one query
                newest = history_queryset(self.object).values_list("history_id", flat=True)[0]
        for entry in entries:
            entry.can_revert = entry.type != "-" and entry.history_id != newest
        return entries

    @cached_property
    def columns(self):
        return history_columns(
            revert_url_name=self.revert_url_name, object_pk=quote(self.object.pk)
        )

    def get_table(self, object_list):
        return super().get_table(self.entries)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            {
                "object": self.object,
                "entries": self.entries,
                "total": context["paginator"].count,
                "model_opts": self.model._meta,
            }
        )
        return context


def audit_log_entries(instance, *, newer_than=None, older_than=None) -> list[HistoryEntry]:
    """Audit log events of ``instance`` other than field changes, newest first; one query.

    ``newer_than`` / ``older_than`` bound the window (exclusive / inclusive) to the page of
    field history shown beside them.
    """
    entries = (
        ModelLogEntry.objects.for_instance(instance)
        .exclude(action__in=FIELD_CHANGE_ACTIONS)
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    if newer_than is not None:
        entries = entries.filter(timestamp__gt=newer_than)
    if older_than is not None:
        entries = entries.filter(timestamp__lte=older_than)
    return [
        HistoryEntry(
            record=None,
            history_id=None,
            date=entry.timestamp,
            user=entry.user,
            type="log",
            type_label=str(entry.message),
            reason=str(entry.comment or ""),
            changes=[],
        )
        for entry in entries
    ]


class RegisterHistoryView(FieldHistoryView):
    """Field changes and audit-log events of one record, in one list, newest first."""

    page_title = _("History")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        entries = self.entries
        # the page covers the time from its oldest row (unless it is the last page) up to the
        # newest (unless it is the first page, which also shows anything newer); a filtered
        # list shows field changes only
        if not self.is_filtering:
            newer_than = entries[-1].date if entries and page.has_next() else None
            older_than = entries[0].date if entries and page.has_previous() else None
            events = audit_log_entries(self.object, newer_than=newer_than, older_than=older_than)
            self.entries = sorted([*entries, *events], key=lambda entry: entry.date, reverse=True)
        return paginator, page, rows, is_paginated


class RevertView(PermissionCheckedMixin, View):
    """POST only: restore one history row's state; needs change permission on the record."""

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
