"""The surrender deadline of a compliance period as a due item (issue 12 §5).

:func:`surrender_due_items` is registered on the ``cems_due_items`` hook of
:mod:`cems_registers.due`, so the "What is due" panel and the reminder digest show it: an open
period whose deadline is past or within the window, while allowances remain to be surrendered.
One query for the periods (with their balances), plus one for the user's permissions.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext

from cems_registers.base import DUE_SOON_DAYS, DueState, due_state
from cems_registers.due import DueItem, edit_url_for

from .models import CompliancePeriod, PeriodStatus
from .selectors import periods_with_balance


def _title(period, balance) -> str:
    if balance.shortfall:
        return gettext(
            "Surrender %(to_surrender)s tCO2 for %(period)s: %(shortfall)s tCO2 short"
        ) % {"to_surrender": balance.to_surrender, "period": period, "shortfall": balance.shortfall}
    return gettext("Surrender %(to_surrender)s tCO2 for %(period)s") % {
        "to_surrender": balance.to_surrender,
        "period": period,
    }


def surrender_due_items(*, today, user=None, owner=None, window_days=DUE_SOON_DAYS):
    """Open periods with allowances still to surrender, deadline past or near."""
    if user is not None and not user.has_perm("cems_assets.view_complianceperiod"):
        return []
    horizon = today + dt.timedelta(days=window_days)
    periods = periods_with_balance(
        CompliancePeriod.objects.filter(
            status=PeriodStatus.OPEN, surrender_deadline__lte=horizon
        ).select_related("owner")
    )
    if owner is not None:
        periods = periods.filter(owner=owner)
    items = []
    for period in periods.order_by("surrender_deadline", "pk"):
        due = period.surrender_deadline
        balance = period.balance
        if balance.fulfilled:
            continue
        state = due_state(due, today, window_days=window_days)
        if state not in (DueState.OVERDUE, DueState.DUE_SOON):
            continue
        items.append(
            DueItem(
                model=CompliancePeriod,
                pk=period.pk,
                title=_title(period, balance),
                due_date=due,
                state=state,
                owner=period.owner,
                edit_url=edit_url_for(CompliancePeriod, period.pk),
                days=(due - today).days,
            )
        )
    return items
