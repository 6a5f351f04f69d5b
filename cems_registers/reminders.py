"""Reminder digest: one email per owner listing everything due or overdue (7.3, 9.1, 9.2).

:func:`reminders_send_digest` is the service; ``cems_registers.tasks`` wraps it for
django-q2 and ``cems_registers.schedules.ensure_schedules`` runs it daily.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from wagtail.users.models import UserProfile

from .due import DueItem, due_items

#: Language of a digest when the owner chose none in the admin (Chinese is the default).
DEFAULT_DIGEST_LANGUAGE = "zh-hans"


def _languages(user_ids) -> dict[int, str]:
    """Each user's preferred admin language (Wagtail user profile); one query."""

    permitted = {code for code, _name in settings.LANGUAGES}
    languages = {}
    for user_id, language in UserProfile.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "preferred_language"
    ):
        if language in permitted:
            languages[user_id] = language
    return languages


def digest_groups(items: list[DueItem]) -> dict[object, list[DueItem]]:
    """Items grouped by owner, owners without an email address dropped; issues no query."""
    groups: dict[object, list[DueItem]] = defaultdict(list)
    for item in items:
        if item.owner is not None and item.owner.email and item.owner.is_active:
            groups[item.owner].append(item)
    return groups


def render_digest(*, owner, items: list[DueItem], today: dt.date, language: str) -> EmailMessage:
    """The digest email for one owner, rendered in ``language``; issues no query."""
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    with translation.override(language):
        overdue = [item for item in items if item.overdue]
        due_soon = [item for item in items if not item.overdue]
        subject = gettext("%(count)s register items due or overdue") % {"count": len(items)}
        body = render_to_string(
            "cems_registers/email/due_digest.txt",
            {
                "owner": owner,
                "overdue": overdue,
                "due_soon": due_soon,
                "today": today,
                "base_url": base_url,
            },
        )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[owner.email],
    )


def reminders_send_digest(*, today: dt.date) -> int:
    """Send one digest per owner with every due or overdue item they own; return emails sent.

    Queries: one per register with a due date, one for the owners' languages.
    """
    groups = digest_groups(due_items(today=today))
    if not groups:
        return 0
    languages = _languages([owner.pk for owner in groups])
    messages = [
        render_digest(
            owner=owner,
            items=items,
            today=today,
            language=languages.get(owner.pk, DEFAULT_DIGEST_LANGUAGE),
        )
        for owner, items in groups.items()
    ]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
