"""The communication log in the admin: who sees it, exports, actions, escaping (5.3 c, 8.1 b)."""

import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from cems_registers.models import InterestedParty, Nonconformity
from cems_registers.models.communications import (
    Communication,
    CommunicationKind,
    CommunicationStatus,
)
from cems_registers.roles import Role
from cems_registers.services import communications as services

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'


def url(action, *args):
    return reverse(Communication.snippet_viewset.get_url_name(action), args=args)


@pytest.fixture
def entry():
    return services.communication_record_feedback(
        name=f"王{SCRIPT}",
        organisation=FORMULA,
        email="wang@example.com",
        kind=CommunicationKind.COMPLAINT,
        message=f"夜间噪声。{SCRIPT}",
        consent=True,
        language="zh-hans",
    )


def denied(response) -> bool:
    return response.status_code in {302, 403} and (
        response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    )


@pytest.mark.parametrize(
    "role", [Role.AUDITORS, Role.EDITORS, Role.REVIEWERS, Role.DATA_SUBMITTERS, Role.DATA_REVIEWERS]
)
def test_roles_that_do_not_handle_communications_see_no_personal_data(
    client, make_user, entry, role
):
    client.force_login(make_user("reader", role))
    assert denied(client.get(url("list")))
    assert denied(client.get(url("inspect", entry.pk)))
    assert denied(client.get(url("list"), {"export": "csv"}))
    assert denied(client.get(url("field_history", entry.pk)))
    assert denied(client.get(url("link_party", entry.pk)))
    assert denied(client.post(url("raise_nonconformity", entry.pk)))
    assert not Nonconformity.objects.exists()


def test_top_management_reads_but_does_not_change(client, top_manager, entry):
    client.force_login(top_manager)
    assert client.get(url("list")).status_code == 200
    assert client.get(url("inspect", entry.pk)).status_code == 200
    assert denied(client.get(url("edit", entry.pk)))
    assert denied(client.get(url("link_party", entry.pk)))


def test_management_representative_answers(client, management_representative, entry):
    client.force_login(management_representative)
    assert client.get(url("list")).status_code == 200
    assert denied(client.get(url("add")))
    page = client.get(url("edit", entry.pk)).content.decode()
    assert url("link_party", entry.pk) in page
    # no add permission on nonconformities: no button
    assert url("raise_nonconformity", entry.pk) not in page


def test_keeper_adds_an_internal_notice(client, register_keeper):
    client.force_login(register_keeper)
    response = client.post(
        url("add"),
        {
            "audience": "internal",
            "direction": "sent",
            "channel": "intranet",
            "kind": "notice",
            "communicated_on": "2026-03-09",
            "subject": "2026 年目标已批准",
            "message": "各部门请查阅 2026 年碳排放管理目标。",
            "status": "closed",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    notice = Communication.objects.get()
    assert notice.reference == "COM-2026-0001"
    assert notice.response_due is None


def test_keeper_cannot_mark_an_external_entry_answered_without_an_answer(
    client, register_keeper, entry
):
    client.force_login(register_keeper)
    data = {
        "audience": "external",
        "direction": "received",
        "channel": "web_form",
        "kind": "complaint",
        "communicated_on": entry.communicated_on.isoformat(),
        "subject": entry.subject,
        "message": entry.message,
        "email": entry.email,
        "status": "answered",
    }
    response = client.post(url("edit", entry.pk), data)
    assert response.status_code == 200
    assert "response" in response.context["form"].errors
    entry.refresh_from_db()
    assert entry.status == CommunicationStatus.OPEN


def test_script_is_shown_as_text_in_list_inspect_and_history(client, register_keeper, entry):
    client.force_login(register_keeper)
    for page in (url("list"), url("inspect", entry.pk), url("field_history", entry.pk)):
        body = client.get(page).content.decode()
        assert SCRIPT not in body, page
    body = client.get(url("inspect", entry.pk)).content.decode()
    assert "&lt;script&gt;alert(" in body


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_export_escapes_formulas(client, register_keeper, entry, export):
    client.force_login(register_keeper)
    response = client.get(url("list"), {"export": export})
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    if export == "csv":
        body = data.decode("utf-8")
        assert "'=HYPERLINK(" in body
        assert "wang@example.com" in body  # the handlers' export has the contact
    else:
        workbook = load_workbook(io.BytesIO(data))
        values = [cell.value for row in workbook.active.iter_rows() for cell in row]
        assert "'" + FORMULA in values
        assert FORMULA not in values


def test_link_to_a_new_party_in_one_step(client, register_keeper, entry):
    client.force_login(register_keeper)
    page = client.get(url("inspect", entry.pk)).content.decode()
    assert url("link_party", entry.pk) in page
    response = client.post(
        url("link_party", entry.pk),
        {"party": "", "party_name": "张江社区居委会", "category": "community"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.interested_party.party == "张江社区居委会"


def test_link_party_form_errors_name_the_field(client, register_keeper):
    entry = services.communication_record_feedback(
        name="李",
        organisation="",
        email="li@example.com",
        kind=CommunicationKind.QUESTION,
        message="问题",
        consent=True,
    )
    client.force_login(register_keeper)
    response = client.post(
        url("link_party", entry.pk), {"party": "", "party_name": "", "category": "community"}
    )
    assert response.status_code == 200
    assert "party_name" in response.context["form"].errors
    assert not InterestedParty.objects.exists()


def test_raise_a_nonconformity_from_a_complaint(client, register_keeper, entry):
    client.force_login(register_keeper)
    page = client.get(url("inspect", entry.pk)).content.decode()
    assert url("raise_nonconformity", entry.pk) in page
    assert client.get(url("raise_nonconformity", entry.pk)).status_code == 200
    response = client.post(url("raise_nonconformity", entry.pk))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.nonconformity is not None
    page = client.get(url("inspect", entry.pk)).content.decode()
    assert url("raise_nonconformity", entry.pk) not in page
    assert entry.nonconformity.code in page


def test_the_list_issues_as_many_queries_for_one_entry_as_for_many(client, register_keeper, entry):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(register_keeper)
    client.get(url("list"))  # warm the permission and content-type caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("list")).status_code == 200
    for n in range(5):
        services.communication_record_feedback(
            name=f"访客{n}",
            organisation="单位",
            email=f"v{n}@example.com",
            kind=CommunicationKind.QUESTION,
            message="问题",
            consent=True,
            owner=register_keeper,
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("list")).status_code == 200
    assert len(many) == len(one)


def test_the_raise_page_of_a_question_leads_back_with_a_message(client, register_keeper):
    question = services.communication_record_feedback(
        name="李",
        organisation="",
        email="li@example.com",
        kind=CommunicationKind.QUESTION,
        message="问题",
        consent=True,
    )
    client.force_login(register_keeper)
    response = client.get(url("raise_nonconformity", question.pk), follow=True)
    assert response.redirect_chain[0][0] == url("inspect", question.pk)
    assert "只有投诉才能登记为不符合项" in response.content.decode()
    assert not Nonconformity.objects.exists()
