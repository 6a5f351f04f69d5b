"""Demo of the feedback form and the communication log (4.2, 8.1 b, 9.5.2, 10.2)."""

import datetime as dt

from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission

import pytest

from cems_pages import feedback_demo
from cems_pages.models import FeedbackPage
from cems_registers.demo import communications as register_demo
from cems_registers.models.communications import (
    Communication,
    CommunicationAudience,
    CommunicationKind,
    CommunicationStatus,
)
from cems_registers.roles import Role
from cems_registers.services.communications import collect_communications

from .factories import site_root

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(make_user):
    return {
        "editor": make_user("editor", Role.EDITORS),
        "rep": make_user("rep", Role.MANAGEMENT_REPRESENTATIVE),
        "keeper": make_user("keeper", Role.REGISTER_KEEPERS),
    }


def load(users):
    return (
        register_demo.load_demo(users=users),
        feedback_demo.load_demo(users=users),
    )


def test_the_demo_has_a_bilingual_page_and_three_handled_submissions(client, users):
    site_root()
    site_root("en")
    load(users)
    load(users)  # idempotent
    pages = FeedbackPage.objects.live().order_by("locale__language_code")
    assert [(p.locale.language_code, p.title) for p in pages] == [
        ("en", "Feedback"),
        ("zh-hans", "意见反馈"),
    ]
    external = Communication.objects.filter(audience=CommunicationAudience.EXTERNAL)
    assert external.count() == 3 and FormSubmission.objects.count() == 3
    assert all(e.status == CommunicationStatus.ANSWERED and e.response for e in external)
    assert all(e.responded_on <= timezone.localdate() for e in external)
    complaint = external.get(kind=CommunicationKind.COMPLAINT)
    assert complaint.nonconformity is not None
    assert complaint.nonconformity.code in complaint.response
    assert complaint.interested_party is not None
    request = external.get(kind=CommunicationKind.DATA_REQUEST)
    assert request.language == "en" and request.interested_party is not None
    assert external.get(kind=CommunicationKind.QUESTION).response_due > dt.date(2000, 1, 1)
    notice = Communication.objects.get(audience=CommunicationAudience.INTERNAL)
    assert notice.reference.startswith("COM-")
    # the review's input sees the three, handled, and counts the notice
    section = collect_communications(since=None, until=timezone.localdate())
    assert len(section.rows) == 3 and section.note_params == {"internal": 1}
    # both pages answer, and link from the home page
    for page in pages:
        assert client.get(page.url).status_code == 200
    home = client.get(pages.get(locale__language_code="zh-hans").get_parent().url)
    assert pages.get(locale__language_code="zh-hans").url in home.content.decode()
