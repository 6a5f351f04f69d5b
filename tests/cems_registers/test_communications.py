"""Communication log: reference numbers, working days, answers, links (4.2, 8.1 b, 9.5.2, 10.2)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

import pytest

from cems_registers.due import due_items
from cems_registers.models import InterestedParty, Nonconformity, NonconformitySource
from cems_registers.models.communications import (
    Communication,
    CommunicationAudience,
    CommunicationChannel,
    CommunicationDirection,
    CommunicationKind,
    CommunicationStatus,
    ReferenceCounter,
)
from cems_registers.services import communications as services
from cems_registers.services.management_review import (
    management_review_create,
    management_review_inputs_text,
)
from cems_registers.working_days import add_working_days, working_days_between

from . import factories as f

FRIDAY = dt.date(2026, 3, 6)


def feedback(**overrides):
    data = {
        "name": "王小明",
        "organisation": "张江社区",
        "email": "wang@example.com",
        "kind": CommunicationKind.QUESTION,
        "message": "贵公司 2025 年的排放量是多少？\n请告知核查机构。",
        "consent": True,
        "language": "zh-hans",
    }
    data.update(overrides)
    return services.communication_record_feedback(**data)


# --------------------------------------------------------------------------- working days
@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (FRIDAY, 10, dt.date(2026, 3, 20)),  # Friday → the Friday two weeks on
        (dt.date(2026, 3, 7), 10, dt.date(2026, 3, 20)),  # Saturday: counting starts Monday
        (dt.date(2026, 3, 9), 1, dt.date(2026, 3, 10)),
        (FRIDAY, 1, dt.date(2026, 3, 9)),  # Friday + 1 → Monday
        (FRIDAY, 0, FRIDAY),
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_working_days_between_counts_monday_to_friday():
    assert working_days_between(FRIDAY, dt.date(2026, 3, 20)) == 10
    assert working_days_between(FRIDAY, FRIDAY) == 0
    assert working_days_between(FRIDAY, dt.date(2026, 3, 8)) == 0  # the weekend


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(FRIDAY, -1)


# --------------------------------------------------------------------------- references
@pytest.mark.django_db
def test_feedback_gets_a_yearly_reference_and_an_answer_due_in_ten_working_days():
    first = feedback(received_at=dt.datetime(2026, 3, 6, 10, tzinfo=dt.UTC))
    second = feedback(received_at=dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC))
    other = services.communication_create(
        audience=CommunicationAudience.INTERNAL,
        direction=CommunicationDirection.SENT,
        channel=CommunicationChannel.INTRANET,
        kind=CommunicationKind.NOTICE,
        subject="2026 年碳排放管理目标",
        message="各部门：2026 年目标已批准，请查阅。",
        communicated_on=dt.date(2026, 3, 9),
    )
    next_year = feedback(received_at=dt.datetime(2027, 1, 4, 10, tzinfo=dt.UTC))
    assert [first.reference, second.reference] == ["FB-2026-0001", "FB-2026-0002"]
    assert other.reference == "COM-2026-0001"
    assert next_year.reference == "FB-2027-0001"
    assert first.response_due == dt.date(2026, 3, 20)
    assert first.subject == "贵公司 2025 年的排放量是多少？"
    # an internal notice sent needs no answer
    assert other.response_due is None
    assert ReferenceCounter.objects.get(prefix="FB", year=2026).last == 2


@pytest.mark.django_db
def test_the_counter_is_not_used_when_the_entry_is_refused():
    with pytest.raises(ValidationError) as error:
        feedback(email="not-an-address")
    assert "email" in error.value.message_dict
    assert not Communication.objects.exists()
    assert not ReferenceCounter.objects.filter(last__gt=0).exists()


@pytest.mark.django_db
def test_feedback_without_consent_is_refused():
    with pytest.raises(ValidationError) as error:
        feedback(consent=False)
    assert "consent" in error.value.message_dict
    assert not Communication.objects.exists()


@pytest.mark.django_db
def test_a_long_message_is_refused():
    with pytest.raises(ValidationError) as error:
        feedback(message="碳" * 5001)
    assert "message" in error.value.message_dict
    assert not Communication.objects.exists()


# --------------------------------------------------------------------------- answers, due
@pytest.mark.django_db
def test_answered_needs_an_answer(register_keeper):
    entry = feedback()
    entry.status = CommunicationStatus.ANSWERED
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "response" in error.value.message_dict
    services.communication_answer(communication=entry, user=register_keeper, response="已答复。")
    entry.refresh_from_db()
    assert entry.status == CommunicationStatus.ANSWERED
    assert entry.responder == register_keeper
    assert entry.history.count() == 2  # created, answered


@pytest.mark.django_db
def test_open_feedback_is_due_then_overdue_for_its_owner(register_keeper):
    entry = feedback(owner=register_keeper, received_at=dt.datetime(2026, 3, 6, 10, tzinfo=dt.UTC))
    items = due_items(today=dt.date(2026, 3, 19), owner=register_keeper)
    mine = [i for i in items if i.model is Communication]
    assert [(i.pk, i.state) for i in mine] == [(entry.pk, "due_soon")]
    items = due_items(today=dt.date(2026, 3, 23), owner=register_keeper)
    assert [i.state for i in items if i.model is Communication] == ["overdue"]
    services.communication_answer(communication=entry, user=register_keeper, response="已答复。")
    items = due_items(today=dt.date(2026, 3, 23), owner=register_keeper)
    assert [i for i in items if i.model is Communication] == []


# --------------------------------------------------------------------------- links
@pytest.mark.django_db
def test_link_to_a_new_interested_party(register_keeper):
    entry = feedback()
    party = services.communication_link_party(communication=entry, user=register_keeper)
    assert party.party == "张江社区"
    assert entry.reference in party.needs_expectations
    assert list(party.communications.all()) == [entry]
    again = feedback(email="li@example.com")
    assert services.communication_link_party(communication=again, user=register_keeper) == party
    assert InterestedParty.objects.count() == 1


@pytest.mark.django_db
def test_link_to_an_existing_party_and_permissions(management_representative, auditor):
    entry = feedback(organisation="")
    party = f.InterestedPartyFactory(party="周边居民")
    with pytest.raises(PermissionDenied):
        services.communication_link_party(communication=entry, user=auditor, party=party)
    # the management representative may pick a party, not create one
    with pytest.raises(PermissionDenied):
        services.communication_link_party(
            communication=entry, user=management_representative, party_name="新相关方"
        )
    services.communication_link_party(
        communication=entry, user=management_representative, party=party
    )
    entry.refresh_from_db()
    assert entry.interested_party == party


@pytest.mark.django_db
def test_a_new_party_needs_a_name(register_keeper):
    entry = feedback(organisation="")
    with pytest.raises(ValidationError) as error:
        services.communication_link_party(communication=entry, user=register_keeper)
    assert "party_name" in error.value.message_dict
    assert not InterestedParty.objects.exists()


@pytest.mark.django_db
def test_a_complaint_becomes_a_nonconformity_once(register_keeper):
    entry = feedback(kind=CommunicationKind.COMPLAINT, message="厂区夜间有异味和噪声。")
    nonconformity = services.communication_raise_nonconformity(
        communication=entry, user=register_keeper
    )
    entry.refresh_from_db()
    assert entry.nonconformity == nonconformity
    assert list(nonconformity.communications.all()) == [entry]
    assert nonconformity.source == NonconformitySource.COMPLAINT
    assert entry.reference in nonconformity.title
    assert "厂区夜间有异味和噪声。" in nonconformity.description
    # the sender stays out of the more widely read register
    assert "王小明" not in nonconformity.description + nonconformity.title
    assert "wang@example.com" not in nonconformity.description
    with pytest.raises(ValidationError):
        services.communication_raise_nonconformity(communication=entry, user=register_keeper)
    assert Nonconformity.objects.count() == 1


@pytest.mark.django_db
def test_only_a_complaint_becomes_a_nonconformity(register_keeper, management_representative):
    question = feedback()
    with pytest.raises(ValidationError):
        services.communication_raise_nonconformity(communication=question, user=register_keeper)
    complaint = feedback(kind=CommunicationKind.COMPLAINT)
    # the management representative changes registers but raises no nonconformity
    with pytest.raises(PermissionDenied):
        services.communication_raise_nonconformity(
            communication=complaint, user=management_representative
        )
    assert not Nonconformity.objects.exists()


# --------------------------------------------------------------------------- forget
@pytest.mark.django_db
def test_forget_removes_entries_and_their_history(register_keeper):
    mine = feedback(kind=CommunicationKind.COMPLAINT)
    services.communication_answer(communication=mine, user=register_keeper, response="已答复。")
    nonconformity = services.communication_raise_nonconformity(
        communication=mine, user=register_keeper
    )
    corrected = feedback(email="typo@example.com")
    corrected.email = "WANG@example.com"
    corrected.save()
    other = feedback(email="li@example.com")
    done = services.communications_forget(email="wang@EXAMPLE.com")
    assert sorted(done.references) == sorted([mine.reference, corrected.reference])
    assert done.nonconformities_kept == [nonconformity.code]
    assert done.history_rows >= 4
    assert list(Communication.objects.all()) == [other]
    Historical = Communication.history.model
    assert set(Historical.objects.values_list("id", flat=True)) == {other.pk}
    assert not Historical.objects.filter(email__iexact="wang@example.com").exists()
    assert Nonconformity.objects.filter(pk=nonconformity.pk).exists()


# --------------------------------------------------------------------------- review input
@pytest.mark.django_db
def test_the_review_sees_external_communications_without_personal_data(register_keeper):
    answered = feedback(received_at=dt.datetime(2026, 3, 6, 10, tzinfo=dt.UTC))
    services.communication_answer(
        communication=answered,
        user=register_keeper,
        response="已答复。",
        responded_on=dt.date(2026, 3, 12),
    )
    services.communication_create(
        audience=CommunicationAudience.INTERNAL,
        direction=CommunicationDirection.SENT,
        channel=CommunicationChannel.NOTICE_BOARD,
        kind=CommunicationKind.NOTICE,
        subject="方针发布",
        message="新版方针已发布。",
        communicated_on=dt.date(2026, 3, 10),
    )
    feedback(received_at=dt.datetime(2027, 1, 4, 10, tzinfo=dt.UTC))  # after the review
    review = management_review_create(title="2026 评审", held_on=dt.date(2026, 12, 1))
    [section] = [s for s in review.inputs["contributed"] if s["key"] == "communications"]
    assert section["rows"] == [
        [
            "FB-2026-0001",
            "2026-03-06",
            "Received",
            "Feedback form on the website",
            "Question",
            "贵公司 2025 年的排放量是多少？",
            "Answered",
            4,
            None,
        ]
    ]
    assert section["note_params"] == {"internal": 1}
    flat = repr(section)
    assert "王小明" not in flat and "wang@example.com" not in flat and "张江社区" not in flat
    with translation.override("zh-hans"):
        text = management_review_inputs_text(review.inputs)
    assert "与相关方的沟通" in text
    assert "FB-2026-0001 · 2026-03-06 · 收到 · 网站意见反馈表" in text
