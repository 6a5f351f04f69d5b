"""Re-assessment trigger (6.4.2): a significant change, or 12 months since the last assessment.

:func:`reassessment_due_items` feeds the registers' "What is due" panel and reminder digest
through the ``cems_due_items`` hook (``cems_registers.due``). Significant changes since the last
approved assessment: a facility added to the boundary, an approved change of facilities,
equipment or emission sources in the change register (8.4, process changes), a new compliance
obligation (4.2.2). Four queries.
"""

from __future__ import annotations

import datetime as dt

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext

from calculators.assessment import selectors
from calculators.models import Assessment
from cems_registers.base import DUE_SOON_DAYS, DueState, due_state
from cems_registers.due import DueItem
from cems_registers.models import ChangeKind, ChangeStatus, Facility
from cems_registers.models.changes import Change
from cems_registers.models.compliance import ComplianceObligation

#: Months between two assessments (6.4.2), as days.
REASSESSMENT_INTERVAL_DAYS = 365
#: Days given to re-assess after a significant change.
AFTER_CHANGE_DAYS = 30
#: Kinds of change in the change register that count as significant for the assessment.
SIGNIFICANT_CHANGE_KINDS = (ChangeKind.FACILITIES, ChangeKind.SOURCES)
#: Statuses of a change that has been decided (a proposal alone triggers nothing).
DECIDED_CHANGE = (ChangeStatus.APPROVED, ChangeStatus.IMPLEMENTED, ChangeStatus.VERIFIED)


def significant_changes(since: dt.datetime) -> list[tuple[dt.date, str]]:
    """Significant changes recorded after ``since``, oldest first: ``(date, description)``.

    Three queries (facilities, changes, obligations).
    """
    found: list[tuple[dt.date, str]] = []
    for code, name, created in Facility.objects.filter(
        created_at__gt=since, in_boundary=True
    ).values_list("code", "name", "created_at"):
        found.append(
            (
                timezone.localdate(created),
                gettext("new facility %(name)s") % {"name": f"{code} {name}"},
            )
        )
    for title, created in Change.objects.filter(
        created_at__gt=since, kind__in=SIGNIFICANT_CHANGE_KINDS, status__in=DECIDED_CHANGE
    ).values_list("title", "created_at"):
        found.append((timezone.localdate(created), gettext("change %(title)s") % {"title": title}))
    for title, created in ComplianceObligation.objects.filter(created_at__gt=since).values_list(
        "title", "created_at"
    ):
        found.append(
            (timezone.localdate(created), gettext("new obligation %(title)s") % {"title": title})
        )
    found.sort(key=lambda item: item[0])
    return found


def _url() -> str | None:
    try:
        return reverse("calculators_assessment_create")
    except NoReverseMatch:
        return None


def reassessment_due(*, today: dt.date, window_days: int = DUE_SOON_DAYS) -> DueItem | None:
    """The re-assessment item if one is due or due soon, else ``None`` (6.4.2).

    Due 12 months after the last approval, or :data:`AFTER_CHANGE_DAYS` after the first
    significant change since, whichever comes first; nothing before a first approved
    assessment. The owner is whoever prepared the last assessment. One query, four with an
    approved assessment.
    """
    last = selectors.latest_approved_assessment()
    if last is None:  # the first assessment is planned with the system, not triggered
        return None
    approved_on = timezone.localdate(last.approved_at)
    due = approved_on + dt.timedelta(days=REASSESSMENT_INTERVAL_DAYS)
    title = gettext("Re-assess the reduction potential (6.4.2): 12 months since %(date)s") % {
        "date": f"{approved_on:%Y-%m-%d}"
    }
    changes = significant_changes(last.approved_at)
    if changes:
        due = min(due, changes[0][0] + dt.timedelta(days=AFTER_CHANGE_DAYS))
        title = gettext("Re-assess the reduction potential (6.4.2) after: %(changes)s") % {
            "changes": "; ".join(text for _date, text in changes[:3])
            + ("…" if len(changes) > 3 else "")
        }
    state = due_state(due, today, window_days=window_days)
    if state not in (DueState.OVERDUE, DueState.DUE_SOON):
        return None
    return DueItem(
        model=Assessment,
        pk=last.pk,
        title=title,
        due_date=due,
        state=state,
        owner=last.created_by,
        edit_url=_url(),
        days=(due - today).days,
    )


def reassessment_due_items(*, today, user=None, owner=None, window_days=DUE_SOON_DAYS):
    """``cems_due_items`` hook: the re-assessment item for users who may see assessments."""
    if user is not None and not user.has_perm("calculators.view_assessment"):
        return []
    item = reassessment_due(today=today, window_days=window_days)
    if item is None:
        return []
    if owner is not None and (item.owner is None or item.owner.pk != owner.pk):
        return []
    return [item]
