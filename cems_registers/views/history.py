"""One history per register record (clause 7.3 control of changes, 9.3 audit evidence).

A register record has two logs: django-simple-history keeps what changed in which field
(:mod:`cems_registers.history`) and Wagtail's audit log (``ModelLogEntry``) keeps the other
events (locked, unlocked, deleted, workflow steps …). :class:`RegisterHistoryView` shows both
in one timeline, newest first, and replaces Wagtail's own "History" view of every register, so
the "History" links of the listing, the edit form and the inspect view all lead here.

An audit-log "created" or "edited" entry is the same event as a history row and is not shown
twice. Query budget: the field history's, plus one query for the audit log entries of the
page's time window.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.models import ModelLogEntry

from ..history import FieldHistoryView, HistoryEntry

#: Audit log actions that a field-history row already shows (who, when, what changed).
FIELD_CHANGE_ACTIONS = ("wagtail.create", "wagtail.edit", "wagtail.revert")


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = context["entries"]
        # the page covers the time from its oldest row (unless it is the last page) up to the
        # newest (unless it is the first page, which also shows anything newer)
        newer_than = entries[-1].date if entries and context["has_next"] else None
        older_than = entries[0].date if entries and context["has_previous"] else None
        events = audit_log_entries(self.object, newer_than=newer_than, older_than=older_than)
        if entries and not context["has_previous"]:
            entries[0].can_revert = False  # the newest version is the record as it is
        context["merged_timeline"] = True
        context["entries"] = sorted([*entries, *events], key=lambda entry: entry.date, reverse=True)
        return context
