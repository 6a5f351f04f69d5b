"""Periodic review (7.3.3): due-state boundaries, dashboard panel, reminder emails."""

import datetime as dt

from django.core import mail
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from cems_pages.selectors import documents_due_for_review
from cems_pages.services import review_reminders_send
from cems_pages.tasks import send_review_reminders
from cems_registers.base import DueState

from .factories import PolicyPageFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)


def make(home, days, **kwargs):
    return PolicyPageFactory(
        parent=home, next_review_date=TODAY + dt.timedelta(days=days), **kwargs
    )


@pytest.mark.parametrize(
    ("days", "state"),
    [
        (-1, DueState.OVERDUE),
        (0, DueState.DUE_SOON),
        (30, DueState.DUE_SOON),
        (31, None),
    ],
)
def test_due_boundaries(home, days, state):
    page = make(home, days)
    found = {item.page.pk: item.state for item in documents_due_for_review(today=TODAY)}
    assert found.get(page.pk) == state


def test_withdrawn_and_unpublished_documents_are_not_due(home):
    withdrawn = make(home, -5, slug="w", withdraw_on_approval=True)
    draft = make(home, -5, slug="d", publish=False)
    ids = {item.page.pk for item in documents_due_for_review(today=TODAY)}
    assert withdrawn.pk not in ids and draft.pk not in ids


def test_one_email_per_owner_in_the_owners_language(home, make_user):
    zh_owner = make_user("zhang", email="zhang@example.com")
    en_owner = make_user("smith", email="smith@example.com")
    UserProfile.objects.create(user=en_owner, preferred_language="en")
    make(home, -3, slug="a", document_owner=zh_owner, title="方针甲")
    make(home, 10, slug="b", document_owner=zh_owner, title="方针乙")
    make(home, 5, slug="c", document_owner=en_owner, title="Policy C")
    make(home, 90, slug="d", document_owner=en_owner, title="方针丁")  # not due

    assert review_reminders_send(today=TODAY) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    zh_mail = by_recipient["zhang@example.com"]
    assert "方针甲" in zh_mail.body and "方针乙" in zh_mail.body
    assert "2" in zh_mail.subject and "评审" in zh_mail.subject
    en_mail = by_recipient["smith@example.com"]
    assert "Policy C" in en_mail.body and "方针丁" not in en_mail.body
    assert "due for review" in en_mail.subject
    assert "/admin/pages/" in en_mail.body


def test_reminder_task_runs_the_service(home, make_user):
    from django.utils import timezone

    owner = make_user("li", email="li@example.com")
    PolicyPageFactory(
        parent=home, slug="today", document_owner=owner, next_review_date=timezone.localdate()
    )
    assert send_review_reminders() == 1
    assert [message.to for message in mail.outbox] == [["li@example.com"]]


def test_dashboard_panel_lists_due_documents(client, home, auditor):
    from django.utils import timezone

    PolicyPageFactory(
        parent=home,
        slug="late",
        title="逾期评审的方针",
        next_review_date=timezone.localdate() - dt.timedelta(days=1),
    )
    client.force_login(auditor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "cems-documents-review-due" in html
    assert "逾期评审的方针" in html
