"""Working days for response times (clauses 4.2, 8.1 b: answers promised within N working days).

Pure functions, no query. A working day is Monday to Friday. Chinese public holidays and the
weekend days worked in their place (调休) are **not** modelled: a due date that falls in a
holiday week is early by the holidays, never late.
"""

import datetime as dt

#: Working days within which an external communication is answered (the demo manual's promise).
RESPONSE_WORKING_DAYS = 10


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday; issues no query."""
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start``; the day of receipt does not count.

    Received on a Friday, 10 working days later is the Friday two weeks on; received on a
    Saturday, the count starts on Monday, so it ends on the Friday of the following week.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
