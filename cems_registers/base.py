"""Shared abstract parts of every register. Imports no register.

* :class:`RegisterModel`: timestamps and field-level history (django-simple-history) that
  skips Wagtail's bookkeeping saves, so no history row shows a value that was never saved.
* :func:`due_state`: the pure due/overdue rule used by lists, the dashboard and reminders.
"""

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalRecords

#: Fields Wagtail writes for its own bookkeeping (revisions, drafts, locks); a save that
#: touches only these is not a change of the record and gets no history row.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_id",
        "has_unpublished_changes",
        "live",
        "live_revision",
        "live_revision_id",
        "locked",
        "locked_at",
        "locked_by",
        "locked_by_id",
        "first_published_at",
        "last_published_at",
        "go_live_at",
        "expire_at",
        "expired",
        "updated_at",
    }
)

#: Days before a due date from which a record counts as "due soon".
DUE_SOON_DAYS = 30


class RegisterHistoricalRecords(HistoricalRecords):
    """HistoricalRecords that ignores saves of bookkeeping fields only (STACK_NOTES.md)."""

    def copy_fields(self, model):
        """Copy fields, turning a modelcluster ``ParentalKey`` into a plain ``ForeignKey``.

        simple-history keeps the key's class with ``related_name="+"``, which modelcluster
        forbids on a ParentalKey (modelcluster.E002); the history row needs no cluster.
        """
        fields = super().copy_fields(model)
        for field in fields.values():
            if isinstance(field, ParentalKey):
                field.__class__ = models.ForeignKey
        return fields

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
            return
        super().post_save(instance, created, using=using, **kwargs)


class DueState(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due_soon", _("Due soon")
    OK = "ok", _("On schedule")
    NONE = "none", _("No date")
    CLOSED = "closed", _("Closed")


def due_state(
    due: dt.date | None,
    today: dt.date,
    *,
    closed: bool = False,
    window_days: int = DUE_SOON_DAYS,
) -> DueState:
    """Classify a due date; issues no query.

    Overdue when ``due < today``; due soon when ``today <= due <= today + window_days``
    (the due day itself is "due soon", not overdue); closed records are never due.
    """
    if closed:
        return DueState.CLOSED
    if due is None:
        return DueState.NONE
    if due < today:
        return DueState.OVERDUE
    if due <= today + dt.timedelta(days=window_days):
        return DueState.DUE_SOON
    return DueState.OK


class RegisterModel(models.Model):
    """Abstract base of every register: timestamps and field-level history.

    Subclasses that have a due date set :attr:`due_date_field` (the name of a DateField)
    and may override :meth:`is_closed`; :attr:`owner_field` names the user FK that gets
    the reminders.
    """

    #: Name of the DateField that drives due/overdue badges and reminders, if any.
    due_date_field: str | None = None
    #: Name of the ForeignKey to the user who owns the record (reminder recipient).
    owner_field: str | None = "owner"

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = RegisterHistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    #: Values of ``status`` that close a record; both :meth:`is_closed` and
    #: :meth:`closed_q` derive from it, so the Python and SQL rules cannot drift apart.
    closed_statuses: tuple[str, ...] = ()

    def is_closed(self) -> bool:
        return bool(self.closed_statuses) and self.status in self.closed_statuses

    @classmethod
    def closed_q(cls) -> models.Q | None:
        """Database condition matching closed records, the query twin of :meth:`is_closed`.

        ``None`` (no :attr:`closed_statuses` and no override) means "no record is closed".
        Selectors exclude it in the query, then still check :meth:`is_closed` on what they
        fetched, so a subclass that only overrides :meth:`is_closed` stays correct (just
        fetches a little more).
        """
        return models.Q(status__in=cls.closed_statuses) if cls.closed_statuses else None

    def get_due_date(self) -> dt.date | None:
        return getattr(self, self.due_date_field) if self.due_date_field else None

    def get_due_state(self, today: dt.date | None = None) -> DueState:

        return due_state(
            self.get_due_date(), today or timezone.localdate(), closed=self.is_closed()
        )
