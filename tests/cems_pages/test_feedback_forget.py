"""``cems_forget --email`` erases a person's feedback and communications (privacy)."""

from io import StringIO

from django.core.management import CommandError, call_command

from wagtail.contrib.forms.models import FormSubmission

import pytest

from cems_pages.feedback_services import feedback_submit
from cems_registers.models.communications import Communication
from cems_registers.roles import Role
from cems_registers.services.communications import (
    communication_answer,
    communication_raise_nonconformity,
)

from .test_feedback import make_feedback_page

pytestmark = pytest.mark.django_db


def submit(page, email, kind="question"):
    data = {
        "name": "王小明",
        "organisation": "张江社区",
        "email": email,
        "kind": kind,
        "message": "请问排放量？",
        "consent": True,
    }
    submission = feedback_submit(page=page, data=data, notify=False)
    return Communication.objects.get(reference=submission.form_data["reference"])


def test_forget_deletes_entries_submissions_and_history(make_user):
    keeper = make_user("keeper", Role.REGISTER_KEEPERS)
    page = make_feedback_page()
    mine = submit(page, "wang@example.com", kind="complaint")
    communication_answer(communication=mine, user=keeper, response="已答复。")
    nonconformity = communication_raise_nonconformity(communication=mine, user=keeper)
    second = submit(page, "Wang@Example.com")
    other = submit(page, "li@example.com")
    out = StringIO()
    call_command("cems_forget", email="WANG@example.com", stdout=out)
    text = out.getvalue()
    assert f"deleted 2 communication-log entries: {mine.reference}, {second.reference}" in text
    assert "deleted 2 form submissions" in text
    assert f"kept nonconformities raised from them: {nonconformity.code}" in text
    assert list(Communication.objects.all()) == [other]
    assert [s.form_data["email"] for s in FormSubmission.objects.all()] == ["li@example.com"]
    history = Communication.history.model.objects
    assert not history.filter(email__iexact="wang@example.com").exists()
    assert set(history.values_list("id", flat=True)) == {other.pk}


def test_dry_run_deletes_nothing():
    page = make_feedback_page()
    entry = submit(page, "wang@example.com")
    out = StringIO()
    call_command("cems_forget", email="wang@example.com", dry_run=True, stdout=out)
    assert f"would delete 1 communication-log entries: {entry.reference}" in out.getvalue()
    assert Communication.objects.count() == 1 and FormSubmission.objects.count() == 1


def test_a_bad_address_is_refused():
    with pytest.raises(CommandError, match="not an e-mail address"):
        call_command("cems_forget", email="nobody")
