"""``manage.py cems_due_digest``: the reminder digest sent on demand (7.3, 9.1, 9.2), for the
day given or for today."""

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from .factories import RiskFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 15)


def _run(*args) -> str:
    out = StringIO()
    call_command("cems_due_digest", *args, stdout=out)
    return out.getvalue()


def test_the_day_given_decides_what_is_due(make_user):
    alice = make_user("alice", email="alice@example.com")
    RiskFactory(owner=alice, title="碳价风险", review_date=DAY + dt.timedelta(days=5))

    assert _run("--today", (DAY - dt.timedelta(days=90)).isoformat()) == "digests sent: 0\n"
    assert mail.outbox == []

    assert _run("--today", DAY.isoformat()) == "digests sent: 1\n"
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    assert "碳价风险" in mail.outbox[0].body


def test_without_a_day_it_is_today(make_user):
    bob = make_user("bob", email="bob@example.com")
    RiskFactory(owner=bob, title="干旱风险", review_date=timezone.localdate())

    assert _run() == "digests sent: 1\n"
    assert "干旱风险" in mail.outbox[0].body


def test_a_day_not_in_iso_form_is_refused():
    with pytest.raises(CommandError, match="--today"):
        _run("--today", "15/06/2026")
    assert mail.outbox == []
