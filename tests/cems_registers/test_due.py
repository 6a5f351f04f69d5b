"""What is due: boundaries, one query per register, the digest and the dashboard panel."""

import datetime as dt

from django.core import mail
from django.utils import timezone

from wagtail import hooks

import pytest

from cems_registers.base import DueState
from cems_registers.due import due_items, due_models
from cems_registers.models import Risk
from cems_registers.reminders import reminders_send_digest

from .factories import RiskFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-1, DueState.OVERDUE),
        (0, DueState.DUE_SOON),
        (30, DueState.DUE_SOON),
        (31, None),
    ],
)
def test_boundaries(offset, expected, register_keeper):
    risk = RiskFactory(owner=register_keeper, review_date=TODAY + dt.timedelta(days=offset))
    found = [item for item in due_items(today=TODAY) if item.pk == risk.pk and item.model is Risk]
    if expected is None:
        assert found == []
    else:
        [item] = found
        assert item.state == expected
        assert item.days == offset
        assert item.owner == register_keeper


def test_closed_is_never_due(register_keeper):
    RiskFactory(owner=register_keeper, review_date=TODAY - dt.timedelta(days=10), status="closed")
    assert [item for item in due_items(today=TODAY) if item.model is Risk] == []


def test_one_query_per_register(django_assert_num_queries, register_keeper):
    for offset in (-5, 0, 10):
        RiskFactory(owner=register_keeper, review_date=TODAY + dt.timedelta(days=offset))
    # plus one per other app's due-item provider (cems_due_items hook) with nothing to say
    with django_assert_num_queries(len(due_models()) + len(hooks.get_hooks("cems_due_items"))):
        items = due_items(today=TODAY)
        # owners are joined: reading them costs nothing more
        assert {item.owner.username for item in items} == {register_keeper.username}


def test_owner_filter(make_user):
    alice, bob = make_user("alice"), make_user("bob")
    RiskFactory(owner=alice, review_date=TODAY)
    RiskFactory(owner=bob, review_date=TODAY)
    assert [item.owner for item in due_items(today=TODAY, owner=alice)] == [alice]


def test_user_filter_hides_registers_without_view_permission(make_user, admin_user):
    nobody = make_user("nobody")
    RiskFactory(owner=admin_user, review_date=TODAY)
    assert due_items(today=TODAY, user=nobody) == []
    assert len(due_items(today=TODAY, user=admin_user)) == 1


def test_digest_one_email_per_owner_with_all_items(make_user):
    alice = make_user("alice", email="alice@example.com")
    bob = make_user("bob", email="bob@example.com")
    RiskFactory(owner=alice, title="碳价风险", review_date=TODAY - dt.timedelta(days=3))
    RiskFactory(owner=alice, title="洪水风险", review_date=TODAY + dt.timedelta(days=5))
    RiskFactory(owner=alice, title="遥远风险", review_date=TODAY + dt.timedelta(days=90))
    RiskFactory(owner=bob, title="干旱风险", review_date=TODAY)

    sent = reminders_send_digest(today=TODAY)

    assert sent == 2
    assert len(mail.outbox) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    alice_mail = by_recipient["alice@example.com"]
    assert "碳价风险" in alice_mail.body and "洪水风险" in alice_mail.body
    assert "遥远风险" not in alice_mail.body and "干旱风险" not in alice_mail.body
    assert "干旱风险" in by_recipient["bob@example.com"].body


def test_digest_uses_owner_language(make_user):
    from wagtail.users.models import UserProfile

    alice = make_user("alice", email="alice@example.com")
    profile = UserProfile.get_for_user(alice)
    profile.preferred_language = "en"
    profile.save()
    bob = make_user("bob", email="bob@example.com")
    RiskFactory(owner=alice, review_date=TODAY - dt.timedelta(days=1))
    RiskFactory(owner=bob, review_date=TODAY - dt.timedelta(days=1))

    reminders_send_digest(today=TODAY)

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "Overdue" in by_recipient["alice@example.com"].body
    assert "已逾期" in by_recipient["bob@example.com"].body


def test_digest_task_and_schedule_are_idempotent(make_user):
    from django_q.models import Schedule

    from cems_registers.schedules import ensure_schedules
    from cems_registers.tasks import send_due_digest

    ensure_schedules()
    ensure_schedules()
    schedule = Schedule.objects.get(name="cems_registers.due_digest")
    assert schedule.func == "cems_registers.tasks.send_due_digest"
    assert schedule.schedule_type == Schedule.DAILY
    assert Schedule.objects.filter(name="cems_registers.due_digest").count() == 1

    owner = make_user("carol", email="carol@example.com")
    RiskFactory(owner=owner, review_date=timezone.localdate())
    assert send_due_digest() == 1


def test_dashboard_panel_lists_due_items(client, admin_user):
    RiskFactory(owner=admin_user, title="看板上的风险", review_date=timezone.localdate())
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "看板上的风险" in response.content.decode()


def test_dashboard_panel_hidden_without_register_permission(client, data_submitter, admin_user):
    RiskFactory(owner=admin_user, title="看不到的风险", review_date=timezone.localdate())
    client.force_login(data_submitter)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cems-what-is-due-heading" not in html
    assert "看不到的风险" not in html
