"""What is due across every register (clauses 4.2.2, 6.2, 7.3, 9.1, 9.2, 9.4 review dates).

:func:`due_items` is the one selector behind the dashboard panel and the reminder digest.
It finds every :class:`~cems_registers.base.RegisterModel` of this app that sets
``due_date_field`` and issues one query per such model (owner joined). Other apps add items
that are not a register's date (e.g. the re-assessment of 6.4.2) through the
``cems_due_items`` hook: a callable ``(today=, user=, owner=, window_days=)`` returning
:class:`DueItem` objects, so this app imports none of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.apps import apps
from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from wagtail import hooks

from .base import DUE_SOON_DAYS, DueState, RegisterModel, due_state


@dataclasses.dataclass
class DueItem:
    """A record whose due date is past or within the due-soon window."""

    model: type
    pk: object
    title: str
    due_date: dt.date
    state: DueState
    owner: object | None
    edit_url: str | None
    #: Days until due, negative when overdue, counted from the selector's ``today``.
    days: int

    @property
    def register(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def overdue(self) -> bool:
        return self.state == DueState.OVERDUE


def due_models() -> list[type]:
    """Concrete register models of this app with a due date field, in app order."""
    return [
        model
        for model in apps.get_app_config("cems_registers").get_models()
        if issubclass(model, RegisterModel) and model.due_date_field
    ]


def edit_url_for(model, pk) -> str | None:
    """Admin edit URL of a registered snippet, or ``None`` if the model is not registered."""
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return None
    try:
        return reverse(viewset.get_url_name("edit"), args=(quote(pk),))
    except NoReverseMatch:
        return None


def user_can_view(user, model) -> bool:
    """Whether ``user`` may view (or change) records of ``model``; permissions are cached."""
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("view", "change")
    )


def viewable_models(user, models: list[type]) -> list[type]:
    """The models among ``models`` the user may view or change; one permissions query."""
    return [model for model in models if user_can_view(user, model)]


def due_items(
    *,
    today: dt.date,
    user=None,
    owner=None,
    window_days: int = DUE_SOON_DAYS,
) -> list[DueItem]:
    """Overdue and due-soon records of every register, most overdue first.

    ``user`` limits the result to registers the user may view or change; ``owner`` to
    records that user owns. Closed records never appear. One query per register model
    with a due date (plus one for the user's permissions when ``user`` is given).
    """
    models = due_models()
    if user is not None:
        models = viewable_models(user, models)
    horizon = today + dt.timedelta(days=window_days)
    items: list[DueItem] = []
    for model in models:
        field = model.due_date_field
        qs = model._default_manager.filter(**{f"{field}__isnull": False, f"{field}__lte": horizon})
        closed = model.closed_q()
        if closed is not None:
            qs = qs.exclude(closed)
        owner_field = model.owner_field if _has_fk(model, model.owner_field) else None
        if owner is not None:
            if owner_field is None:
                continue
            qs = qs.filter(Q(**{owner_field: owner}))
        if owner_field:
            qs = qs.select_related(owner_field)
        if related := getattr(model, "due_title_related", ()):
            # what the title (``str``) reads, in the same query: no query per due record
            qs = qs.select_related(*related)
        for obj in qs.order_by(field, "pk"):
            due = getattr(obj, field)
            state = due_state(due, today, closed=obj.is_closed(), window_days=window_days)
            if state not in (DueState.OVERDUE, DueState.DUE_SOON):
                continue
            items.append(
                DueItem(
                    model=model,
                    pk=obj.pk,
                    title=str(obj),
                    due_date=due,
                    state=state,
                    owner=getattr(obj, owner_field) if owner_field else None,
                    edit_url=edit_url_for(model, obj.pk),
                    days=(due - today).days,
                )
            )
    for provider in hooks.get_hooks("cems_due_items"):
        items.extend(provider(today=today, user=user, owner=owner, window_days=window_days))
    items.sort(key=lambda item: (item.due_date, item.register, str(item.pk)))
    return items


def _has_fk(model, name: str | None) -> bool:
    if not name:
        return False
    try:
        return bool(model._meta.get_field(name).many_to_one)
    except FieldDoesNotExist:
        return False
