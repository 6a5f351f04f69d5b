"""Communication log: internal and external communications and their answers.

Clauses 4.2.1 (interested parties' needs monitored), 5.3 c (the carbon management body
communicates with internal and external parties), 8.1 b (communication with the people
concerned), 9.5.2 (communication with interested parties is an input of the management review)
and 10.2 (a complaint may become a nonconformity).

Every entry has a reference number (``FB-2026-0001`` for the public feedback form,
``COM-2026-0001`` for everything else), numbered per year by :class:`ReferenceCounter`, which
is race-safe: the number is taken by an ``UPDATE … SET last = last + 1`` that locks the
counter's row until the entry's transaction ends.

Personal data (name, organisation, e-mail of the sender) lives on this model only; the
register is visible to the roles that handle communications (migration
``0008_communication_log``), and ``manage.py cems_forget`` erases a person's entries with
their history.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from ..base import RegisterModel
from ..working_days import RESPONSE_WORKING_DAYS, add_working_days
from .common import user_fk

#: Longest message or answer accepted, in characters (the feedback form says so too).
MESSAGE_MAX_LENGTH = 5000
#: Reference prefix of entries received through the public feedback form.
FEEDBACK_PREFIX = "FB"
#: Reference prefix of every other entry.
COMMUNICATION_PREFIX = "COM"


class CommunicationAudience(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    EXTERNAL = "external", _("External")


class CommunicationDirection(models.TextChoices):
    RECEIVED = "received", _("Received")
    SENT = "sent", _("Sent")


class CommunicationChannel(models.TextChoices):
    WEB_FORM = "web_form", _("Feedback form on the website")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telephone")
    MEETING = "meeting", _("Meeting")
    LETTER = "letter", _("Letter")
    NOTICE_BOARD = "notice_board", _("Notice board")
    INTRANET = "intranet", _("Intranet")
    OTHER = "other", _("Other")


class CommunicationKind(models.TextChoices):
    QUESTION = "question", _("Question")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    DATA_REQUEST = "data_request", _("Data request")
    NOTICE = "notice", _("Notice")
    REPORT = "report", _("Report of results")
    OTHER = "other", _("Other")


class CommunicationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class ReferenceCounter(models.Model):
    """The last reference number given per prefix and year (no history: a counter)."""

    prefix = models.CharField(_("prefix"), max_length=8)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_reference_counter")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, *, prefix: str, year: int) -> str:
        """The next ``PREFIX-YYYY-NNNN`` of ``year``; two queries (three the first time).

        Must run inside the transaction that stores the entry: the ``UPDATE`` locks the
        counter's row until it ends, so concurrent entries get consecutive numbers.
        """
        with transaction.atomic():
            try:
                with transaction.atomic():
                    cls.objects.get_or_create(prefix=prefix, year=year)
            except IntegrityError:  # created by a concurrent transaction meanwhile
                pass
            cls.objects.filter(prefix=prefix, year=year).update(last=F("last") + 1)
            number = cls.objects.values_list("last", flat=True).get(prefix=prefix, year=year)
        return f"{prefix}-{year}-{number:04d}"


class Communication(RegisterModel):
    """One communication, received or sent, internal or external, and how it was answered."""

    reference = models.CharField(
        _("reference number"), max_length=32, unique=True, editable=False, blank=True
    )
    audience = models.CharField(
        _("internal or external"),
        max_length=10,
        choices=CommunicationAudience.choices,
        default=CommunicationAudience.EXTERNAL,
    )
    direction = models.CharField(
        _("received or sent"),
        max_length=10,
        choices=CommunicationDirection.choices,
        default=CommunicationDirection.RECEIVED,
    )
    channel = models.CharField(
        _("communication channel"), max_length=14, choices=CommunicationChannel.choices
    )
    kind = models.CharField(_("type"), max_length=14, choices=CommunicationKind.choices)
    subject = models.CharField(
        _("topic"),
        max_length=200,
        help_text=_("What it is about, e.g. the policy, objectives, results (clause 5.3 c)."),
    )
    message = models.TextField(
        _("message"),
        max_length=MESSAGE_MAX_LENGTH,
        validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)],
    )
    communicated_on = models.DateField(_("date"), default=timezone.localdate)
    contact_name = models.CharField(
        _("person"),
        max_length=100,
        blank=True,
        help_text=_("Who sent or received it. Personal data: seen only by those who handle it."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("Language the sender wrote in; the answer uses it."),
    )
    consent = models.BooleanField(
        _("consent to the privacy notice"),
        default=False,
        help_text=_("The sender agreed that the data is kept to answer them (feedback form)."),
    )
    interested_party = models.ForeignKey(
        "cems_registers.InterestedParty",
        verbose_name=_("interested party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communications",
        help_text=_("The party whose needs and expectations this tells about (clause 4.2.1)."),
    )
    owner = user_fk(
        _("handled by"),
        help_text=_("Who answers it; receives the reminder when the answer falls due."),
    )
    response_due = models.DateField(
        _("answer due"),
        null=True,
        blank=True,
        help_text=_(
            "Received external communications: 10 working days (Monday to Friday) after "
            "receipt when left blank; public holidays are not counted out."
        ),
    )
    response = models.TextField(
        _("answer"),
        blank=True,
        max_length=MESSAGE_MAX_LENGTH,
        validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)],
    )
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    responder = user_fk(_("answered by"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommunicationStatus.choices,
        default=CommunicationStatus.OPEN,
    )
    nonconformity = models.ForeignKey(
        "cems_registers.Nonconformity",
        verbose_name=_("nonconformity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communications",
        help_text=_("Raised from a complaint (clause 10.2)."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("direction")]),
                FieldRowPanel([FieldPanel("channel"), FieldPanel("kind")]),
                FieldPanel("communicated_on"),
                FieldPanel("subject"),
                FieldPanel("message"),
            ],
            heading=_("Communication"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("organisation"),
                FieldPanel("email"),
                FieldPanel("language"),
                FieldPanel("consent"),
                FieldPanel("interested_party"),
            ],
            heading=_("Who"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("owner"),
                FieldPanel("response_due"),
                FieldPanel("response"),
                FieldRowPanel([FieldPanel("responded_on"), FieldPanel("responder")]),
                FieldPanel("status"),
                FieldPanel("nonconformity"),
            ],
            heading=_("Answer"),
        ),
    ]

    due_date_field = "response_due"
    closed_statuses = (CommunicationStatus.ANSWERED, CommunicationStatus.CLOSED)

    class Meta:
        verbose_name = _("communication-log entry")
        verbose_name_plural = _("communication-log entries")
        ordering = ["-communicated_on", "-pk"]

    def __str__(self):
        return f"{self.reference} {self.subject}".strip()

    def save(self, *args, **kwargs):
        if not self.reference:
            with transaction.atomic():
                self.reference = ReferenceCounter.next_reference(
                    prefix=self.reference_prefix, year=self.communicated_on.year
                )
                self._fill_response_due()
                return super().save(*args, **kwargs)
        self._fill_response_due()
        return super().save(*args, **kwargs)

    @property
    def reference_prefix(self) -> str:
        return (
            FEEDBACK_PREFIX
            if self.channel == CommunicationChannel.WEB_FORM
            else COMMUNICATION_PREFIX
        )

    @property
    def needs_answer(self) -> bool:
        """Received from outside: answered within the promised working days (4.2, 8.1 b)."""
        return (
            self.audience == CommunicationAudience.EXTERNAL
            and self.direction == CommunicationDirection.RECEIVED
        )

    def default_response_due(self) -> dt.date | None:
        if not self.needs_answer or self.communicated_on is None:
            return None
        return add_working_days(self.communicated_on, RESPONSE_WORKING_DAYS)

    def _fill_response_due(self) -> None:
        if self.response_due is None:
            self.response_due = self.default_response_due()

    def clean(self):
        super().clean()
        errors = {}
        answered = self.status in self.closed_statuses
        if answered and self.needs_answer and not self.response.strip():
            errors["response"] = _("Write the answer before marking the communication answered.")
        if self.responded_on and self.communicated_on and self.responded_on < self.communicated_on:
            errors["responded_on"] = _(
                "The answer (%(answered)s) cannot come before the communication (%(date)s)."
            ) % {
                "answered": self.responded_on.isoformat(),
                "date": self.communicated_on.isoformat(),
            }
        if self.response_due and self.communicated_on and self.response_due < self.communicated_on:
            errors["response_due"] = _("The answer cannot fall due before the communication.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_complaint(self) -> bool:
        return self.kind == CommunicationKind.COMPLAINT
