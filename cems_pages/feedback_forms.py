"""The feedback form's fixed fields (4.2, 8.1 b): sized, validated, plain text only.

HTML is **refused**, not stripped: a ``<`` directly followed by a letter, ``/``, ``!`` or ``?``
(the start of a tag, a comment or a processing instruction) is an error naming the field and
what was found, so the visitor knows why and nothing is silently changed. ``a < b`` with a
space, ``&``, quotes and any other character are kept as written, and every place that shows
them escapes them (templates, admin, exports, e-mails are plain text).

The honeypot ``website`` is hidden from people (off-screen, not focusable, ``aria-hidden``);
a bot that fills it gets an error and nothing is stored.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cems_registers.models.communications import MESSAGE_MAX_LENGTH, CommunicationKind

#: Longest name, organisation and e-mail address accepted, in characters.
NAME_MAX_LENGTH = 100
ORGANISATION_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254

#: The start of an HTML tag, comment or processing instruction.
TAG_RE = re.compile(r"<[A-Za-z/!?]")

#: What a visitor may send (a subset of the log's types).
FEEDBACK_KINDS = [
    (CommunicationKind.QUESTION.value, CommunicationKind.QUESTION.label),
    (CommunicationKind.COMPLAINT.value, CommunicationKind.COMPLAINT.label),
    (CommunicationKind.SUGGESTION.value, CommunicationKind.SUGGESTION.label),
    (CommunicationKind.DATA_REQUEST.value, CommunicationKind.DATA_REQUEST.label),
]

#: Stored fields of a submission with their column headings (the submissions list).
DATA_FIELDS = [
    ("reference", _("Reference number")),
    ("name", _("Full name")),
    ("organisation", _("Organisation")),
    ("email", _("E-mail")),
    ("kind", _("Type")),
    ("message", _("Message")),
    ("consent", _("Consent to the privacy notice")),
    ("language", _("Language")),
]


def refuse_html(value: str) -> str:
    """``value`` unchanged, or a ValidationError naming the tag found; issues no query."""
    match = TAG_RE.search(value or "")
    if match:
        found = value[match.start() : match.start() + 12].split(">")[0]
        raise ValidationError(
            _("HTML is not accepted: please write plain text (found “%(found)s”)."),
            code="html",
            params={"found": found},
        )
    return value


class FeedbackForm(forms.Form):
    """Name, organisation, e-mail, type, message, consent; plus the honeypot."""

    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX_LENGTH)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=ORGANISATION_MAX_LENGTH,
        required=False,
        help_text=_("Optional."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("We send the reference number and our answer to this address."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=FEEDBACK_KINDS)
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text, at most 5,000 characters."),
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice above and agree that my data is kept to answer me."
        ),
        error_messages={"required": _("Agree to the privacy notice to send feedback.")},
    )
    #: Honeypot: people never see it; bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    text_fields = ("name", "organisation", "message")

    def __init__(self, *args, page=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.user = user

    def clean_name(self):
        return refuse_html(self.cleaned_data["name"])

    def clean_organisation(self):
        return refuse_html(self.cleaned_data["organisation"])

    def clean_message(self):
        return refuse_html(self.cleaned_data["message"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(
                _("This submission looks automated and was not accepted."), code="honeypot"
            )
        return cleaned
