"""Services of the communication log (clauses 4.2, 5.3 c, 8.1 b, 9.5.2, 10.2).

Writes: :func:`communication_create` (any entry, e.g. a notice to staff),
:func:`communication_record_feedback` (what the public feedback form stores),
:func:`communication_answer`, :func:`communication_link_party` (create or pick an interested
party in one step) and :func:`communication_raise_nonconformity` (a complaint becomes a
nonconformity, 10.2; both records point at each other). :func:`communications_forget` erases a
person's entries and their history rows. :func:`collect_communications` is the management
review's input "communication with interested parties" (9.5.2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from wagtail.models import ModelLogEntry

from ..models import InterestedParty, NonconformitySource, PartyCategory
from ..models.communications import (
    Communication,
    CommunicationAudience,
    CommunicationChannel,
    CommunicationDirection,
    CommunicationKind,
    CommunicationStatus,
)
from ..review_inputs import ReviewSection, register_review_input
from ..working_days import working_days_between
from .nonconformities import nonconformity_create

CHANGE_PERMISSION = "cems_registers.change_communication"
#: Characters of the message that make the topic of a feedback entry.
SUBJECT_LENGTH = 60


def _require(user, *permissions: str) -> None:
    if user is None or not all(user.has_perm(p) for p in permissions):
        raise PermissionDenied(gettext("You may not handle communications."))


def subject_from(message: str, *, length: int = SUBJECT_LENGTH) -> str:
    """The first line of ``message``, shortened to ``length`` characters; issues no query."""
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    return first if len(first) <= length else first[: length - 1] + "…"


@transaction.atomic
def communication_create(**fields) -> Communication:
    """Log a communication (internal notice, e-mail, call, meeting …); validated, then saved."""
    communication = Communication(**fields)
    communication.full_clean(exclude=["reference"])
    communication.save()
    return communication


@transaction.atomic
def communication_record_feedback(
    *,
    name: str,
    organisation: str,
    email: str,
    kind: str,
    message: str,
    consent: bool,
    language: str = "",
    owner=None,
    received_at: dt.datetime | None = None,
) -> Communication:
    """A submission of the public feedback form as an external, received entry (4.2, 8.1 b).

    The answer falls due 10 working days after receipt; the reference is ``FB-YYYY-NNNN``.
    """
    if not consent:
        raise ValidationError({"consent": _("Agree to the privacy notice to send feedback.")})
    received = timezone.localtime(received_at) if received_at else timezone.localtime()
    return communication_create(
        audience=CommunicationAudience.EXTERNAL,
        direction=CommunicationDirection.RECEIVED,
        channel=CommunicationChannel.WEB_FORM,
        kind=kind,
        subject=subject_from(message),
        message=message,
        communicated_on=received.date(),
        contact_name=name,
        organisation=organisation,
        email=email,
        language=language,
        consent=consent,
        owner=owner,
    )


@transaction.atomic
def communication_answer(
    *,
    communication: Communication,
    user,
    response: str,
    responded_on: dt.date | None = None,
    close: bool = False,
    check_permission: bool = True,
) -> Communication:
    """Record the answer: status answered (or closed), who answered and when."""
    if check_permission:
        _require(user, CHANGE_PERMISSION)
    communication.response = response
    communication.responded_on = responded_on or timezone.localdate()
    communication.responder = user
    communication.status = CommunicationStatus.CLOSED if close else CommunicationStatus.ANSWERED
    communication.full_clean()
    communication.save()
    return communication


@transaction.atomic
def communication_link_party(
    *,
    communication: Communication,
    user,
    party: InterestedParty | None = None,
    party_name: str = "",
    category: str = PartyCategory.COMMUNITY,
    check_permission: bool = True,
) -> InterestedParty:
    """Link the entry to an interested party (4.2.1): ``party`` if given, else a new one.

    A new party is named ``party_name`` (else the sender's organisation); its needs and
    expectations start from the entry's topic. All or nothing.
    """
    if check_permission:
        _require(
            user, CHANGE_PERMISSION, *([] if party else ["cems_registers.add_interestedparty"])
        )
    if party is None:
        name = (party_name or communication.organisation).strip()
        if not name:
            raise ValidationError(
                {"party_name": _("Name the interested party, or pick one from the register.")}
            )
        party = InterestedParty.objects.filter(party=name).first()
        if party is None:
            party = InterestedParty(
                party=name[:200],
                category=category,
                needs_expectations=gettext("From communication %(reference)s: %(subject)s")
                % {"reference": communication.reference, "subject": communication.subject},
                monitoring=gettext("Communication log"),
                owner=user if user is not None and user.is_authenticated else None,
            )
            party.full_clean()
            party.save()
    communication.interested_party = party
    communication.save(update_fields=["interested_party", "updated_at"])
    return party


@transaction.atomic
def communication_raise_nonconformity(*, communication: Communication, user):
    """Turn a complaint into a nonconformity in one step (10.2); the entry links to it.

    The nonconformity's description carries the reference and the complaint's text, never
    the sender's name or address (the register of nonconformities is read more widely).
    """

    _require(user, CHANGE_PERMISSION)
    communication = Communication.objects.select_for_update().get(pk=communication.pk)
    if communication.kind != CommunicationKind.COMPLAINT:
        raise ValidationError(_("Only a complaint becomes a nonconformity."))
    if communication.nonconformity_id is not None:
        raise ValidationError(_("This complaint is already a nonconformity."))
    nonconformity = nonconformity_create(
        user=user,
        title=gettext("Complaint %(reference)s: %(subject)s")
        % {"reference": communication.reference, "subject": communication.subject},
        description=communication.message
        + "\n\n"
        + gettext("Raised from complaint %(reference)s of %(date)s (clause 10.2).")
        % {
            "reference": communication.reference,
            "date": communication.communicated_on.isoformat(),
        },
        source=NonconformitySource.COMPLAINT,
        owner=communication.owner or user,
    )
    communication.nonconformity = nonconformity
    communication.save(update_fields=["nonconformity", "updated_at"])
    return nonconformity


@dataclass
class Forgotten:
    """What :func:`communications_forget` removed."""

    references: list[str] = field(default_factory=list)
    history_rows: int = 0
    log_entries: int = 0
    #: Nonconformities raised from the person's complaints: kept, their link removed.
    nonconformities_kept: list[str] = field(default_factory=list)
    #: Interested parties the entries were linked to: kept (a party is not a person).
    parties_kept: list[str] = field(default_factory=list)


@transaction.atomic
def communications_forget(*, email: str) -> Forgotten:
    """Delete every entry sent by or to ``email`` (any case), its field history and audit-log
    rows; the nonconformities and interested parties they link to are kept and reported."""

    email = email.strip()
    entries = Communication.objects.filter(email__iexact=email)
    Historical = Communication.history.model
    ids = set(entries.values_list("pk", flat=True))
    # an entry whose address was corrected keeps the old one in its history
    ids |= set(Historical.objects.filter(email__iexact=email).values_list("id", flat=True))
    done = Forgotten()
    rows = Communication.objects.filter(pk__in=ids).select_related(
        "nonconformity", "interested_party"
    )
    for entry in rows.order_by("reference"):
        done.references.append(entry.reference)
        if entry.nonconformity_id:
            done.nonconformities_kept.append(entry.nonconformity.code)
        if entry.interested_party_id:
            done.parties_kept.append(entry.interested_party.party)
    done.history_rows, _deleted = Historical.objects.filter(id__in=ids).delete()
    content_type = ContentType.objects.get_for_model(Communication)
    done.log_entries, _deleted = ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in ids]
    ).delete()
    # deleting writes a "-" history row with the data; remove the entries without history
    for entry in Communication.objects.filter(pk__in=ids):
        entry.skip_history_when_saving = True
        entry.delete()
    Historical.objects.filter(id__in=ids).delete()
    done.nonconformities_kept = sorted(set(done.nonconformities_kept))
    done.parties_kept = sorted(set(done.parties_kept))
    return done


# --------------------------------------------------------------------------- review input
def collect_communications(*, since: dt.date | None, until: dt.date) -> ReviewSection | None:
    """External communications of the period and how they were handled (9.5.2); two queries.

    No personal data: reference, date, channel, type, topic, status, answer time.
    """
    entries = Communication.objects.filter(
        audience=CommunicationAudience.EXTERNAL, communicated_on__lte=until
    )
    internal = Communication.objects.filter(
        audience=CommunicationAudience.INTERNAL, communicated_on__lte=until
    )
    if since:
        entries = entries.filter(communicated_on__gt=since)
        internal = internal.filter(communicated_on__gt=since)
    rows = []
    for entry in entries.select_related("nonconformity").order_by("communicated_on", "pk"):
        days = (
            working_days_between(entry.communicated_on, entry.responded_on)
            if entry.responded_on
            else None
        )
        rows.append(
            [
                entry.reference,
                entry.communicated_on.isoformat(),
                entry.get_direction_display(),
                entry.get_channel_display(),
                entry.get_kind_display(),
                entry.subject,
                entry.get_status_display(),
                days,
                entry.nonconformity.code if entry.nonconformity_id else None,
            ]
        )
    if not rows:
        return None
    return ReviewSection(
        key="communications",
        title=gettext_noop("Communication with interested parties"),
        columns=(
            gettext_noop("Reference"),
            gettext_noop("Date"),
            gettext_noop("Received or sent"),
            gettext_noop("Communication channel"),
            gettext_noop("Type"),
            gettext_noop("Topic"),
            gettext_noop("Status"),
            gettext_noop("Answered in (working days)"),
            gettext_noop("Nonconformity"),
        ),
        rows=rows,
        note=gettext_noop(
            "%(internal)s internal communications were logged in the same period "
            "(communication log)."
        ),
        note_params={"internal": internal.count()},
    )


def register_review_inputs() -> None:
    """Called from :meth:`cems_registers.apps.CemsRegistersConfig.ready`."""
    register_review_input("communications", collect_communications)
