"""django-q2 tasks of cems_pages: thin wrappers around Wagtail's command and the services."""

from django.core.management import call_command

from .services import review_reminders_send


def publish_scheduled() -> None:
    """Publish revisions whose go-live time has come; unpublish expired pages."""
    call_command("publish_scheduled")


def send_review_reminders() -> int:
    """Email each document owner the documents due for review (7.3.3); return emails sent."""

    return review_reminders_send()
