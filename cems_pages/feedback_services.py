"""Storing a feedback submission and acknowledging it (4.2, 8.1 b).

:func:`feedback_submit` writes the Wagtail form submission and the communication-log entry in
one transaction (both or neither) and, once it commits, e-mails the acknowledgement with the
reference number in the visitor's language. The acknowledgement carries neither the message
nor the name: whoever types someone else's address cannot use the form to send them text.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from wagtail.contrib.forms.models import FormSubmission

from cems_registers.models.communications import Communication, CommunicationKind
from cems_registers.services.communications import communication_record_feedback

logger = logging.getLogger(__name__)


@transaction.atomic
def feedback_submit(
    *,
    page,
    data: dict,
    language: str | None = None,
    received_at: dt.datetime | None = None,
    notify: bool = True,
) -> FormSubmission:
    """Store a validated submission of ``page`` as a form submission and a log entry.

    ``data`` is the form's cleaned data; ``language`` defaults to the active one (the
    visitor's). ``notify=False`` sends no acknowledgement (the demo).
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    entry = communication_record_feedback(
        name=data["name"],
        organisation=data.get("organisation", ""),
        email=data["email"],
        kind=data["kind"],
        message=data["message"],
        consent=bool(data.get("consent")),
        language=language,
        owner=page.handler,
        received_at=received_at,
    )
    submission = FormSubmission.objects.create(
        page=page,
        form_data={
            "reference": entry.reference,
            "name": entry.contact_name,
            "organisation": entry.organisation,
            "email": entry.email,
            "kind": entry.kind,
            "message": entry.message,
            "consent": entry.consent,
            "language": language,
        },
    )
    if received_at is not None:
        FormSubmission.objects.filter(pk=submission.pk).update(submit_time=received_at)
    if notify and entry.email:
        transaction.on_commit(lambda: feedback_acknowledge(entry=entry))
    return submission


def render_acknowledgement(*, entry: Communication) -> EmailMessage:
    """The acknowledgement e-mail in the entry's language; plain text, issues no query."""
    with translation.override(entry.language or settings.LANGUAGE_CODE):
        subject = gettext("We received your feedback (%(reference)s)") % {
            "reference": entry.reference
        }
        body = render_to_string(
            "cems_pages/email/feedback_acknowledgement.txt",
            {
                "reference": entry.reference,
                "kind": CommunicationKind(entry.kind).label,
                "received": entry.communicated_on,
                "due": entry.response_due,
                "site_name": getattr(settings, "WAGTAIL_SITE_NAME", ""),
            },
        )
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[entry.email]
    )


def feedback_acknowledge(*, entry: Communication) -> int:
    """Send the acknowledgement; a mail server that fails does not undo the submission."""
    try:
        return render_acknowledgement(entry=entry).send()
    except Exception:
        logger.exception("acknowledgement of %s not sent", entry.reference)
        return 0
