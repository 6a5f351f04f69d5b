"""django-q2 tasks of the registers: thin wrappers around services (STYLE.md point 8)."""

from django.utils import timezone

from .reminders import reminders_send_digest


def send_due_digest() -> int:
    """Daily reminder digest (7.3, 9.1); returns the number of emails sent."""
    return reminders_send_digest(today=timezone.localdate())
