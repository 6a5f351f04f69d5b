"""The clause-readiness admin page per role, taking an assessment, n/a reasons, the report
downloads and the management review input (5.3 roles; 9.5)."""

import datetime as dt
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from cems_registers.roles import Role
from cems_site.readiness.models import ClauseExclusion, ReadinessAssessment

pytestmark = pytest.mark.django_db

READERS = [Role.TOP_MANAGEMENT, Role.REVIEWERS, Role.AUDITORS, Role.MANAGEMENT_REPRESENTATIVE]
OTHERS = [Role.EDITORS, Role.REGISTER_KEEPERS, Role.DATA_SUBMITTERS, Role.DATA_REVIEWERS]


@pytest.mark.parametrize("role", READERS)
def test_readers_see_every_clause(client, make_user, role):
    client.force_login(make_user(f"u-{role}", role))
    response = client.get(reverse("cems_readiness"))
    assert response.status_code == 200
    html = response.content.decode()
    for clause in ("4.2.1", "5.2", "6.3.2", "9.1", "9.5", "10"):
        assert f'id="clause-{clause}"' in html
    can_take = role == Role.MANAGEMENT_REPRESENTATIVE
    assert ('id="readiness-take"' in html) is can_take


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_are_refused(client, make_user, role):
    client.force_login(make_user(f"u-{role}", role))
    response = client.get(reverse("cems_readiness"))
    # Wagtail's admin turns PermissionDenied into a redirect home with a message
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", [Role.TOP_MANAGEMENT, Role.REVIEWERS, Role.AUDITORS])
def test_readers_cannot_take_or_record_na(client, make_user, role):
    client.force_login(make_user(f"u-{role}", role))
    home = reverse("wagtailadmin_home")
    assert client.post(reverse("cems_readiness_take")).url == home
    response = client.post(
        reverse("cems_readiness_exclusion"), {"clause": "8.2", "reason": "无设计活动"}
    )
    assert response.url == home
    assert not ReadinessAssessment.objects.exists() and not ClauseExclusion.objects.exists()


def test_representative_takes_assessments_and_compares_the_last_two(client, make_user):
    rep = make_user("rep-v", Role.MANAGEMENT_REPRESENTATIVE)
    client.force_login(rep)
    assert client.post(reverse("cems_readiness_take")).status_code == 302
    response = client.post(
        reverse("cems_readiness_exclusion"), {"clause": "8.2", "reason": "本企业不从事产品设计"}
    )
    assert response.status_code == 302
    client.post(reverse("cems_readiness_take"))
    newer, older = ReadinessAssessment.objects.all()[:2]
    assert newer.taken_by == rep
    assert next(c for c in newer.results["clauses"] if c["clause"] == "8.2")["status"] == "n/a"
    html = client.get(reverse("cems_readiness"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="readiness-comparison"' in html
    assert "8.2" in html.split('id="readiness-comparison"')[1]


def test_na_without_reason_is_a_400_naming_the_field(client, make_user):
    client.force_login(make_user("rep-e", Role.MANAGEMENT_REPRESENTATIVE))
    response = client.post(reverse("cems_readiness_exclusion"), {"clause": "8.2", "reason": ""})
    assert response.status_code == 400
    assert "8.2" in response.content.decode().split('id="readiness-error"')[1][:300]
    assert not ClauseExclusion.objects.exists()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_reports_download_for_readers(client, make_user, language):
    from cems_site.readiness.services import readiness_assessment_take

    assessment = readiness_assessment_take(user=None)
    client.force_login(make_user("aud", Role.AUDITORS))
    url = reverse("cems_readiness_report", args=[assessment.pk, "xlsx"])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[1].iter_rows(values_only=True))
    assert len(rows) == 1 + len(assessment.results["clauses"])
    policy = next(r for r in rows if r[0] == "5.2")
    assert policy[1] == ("碳排放管理方针" if language == "zh-hans" else "Carbon policy")
    pdf = client.get(reverse("cems_readiness_report", args=[assessment.pk, "pdf"]))
    assert pdf.content[:5] == b"%PDF-"
    assert (
        client.get(reverse("cems_readiness_report", args=[assessment.pk, "doc"])).status_code == 404
    )


def test_menu_item_only_for_readers(client, make_user):
    client.force_login(make_user("ed", Role.EDITORS))
    assert (
        reverse("cems_readiness") not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    client.force_login(make_user("ceo-m", Role.TOP_MANAGEMENT))
    assert reverse("cems_readiness") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_management_review_pack_includes_the_latest_assessment():
    from cems_registers.services.management_review import management_review_collect
    from cems_site.readiness.services import readiness_assessment_take
    from tests.cems_registers.factories import ManagementReviewFactory

    readiness_assessment_take(user=None, today=dt.date(2026, 1, 10))
    latest = readiness_assessment_take(user=None, today=dt.date(2026, 1, 12))
    review = ManagementReviewFactory(held_on=dt.date(2026, 1, 15))
    inputs = management_review_collect(review=review)
    section = next(s for s in inputs["contributed"] if s["key"] == "readiness")
    assert section["note_params"]["date"] == latest.as_of.isoformat() == "2026-01-12"
    assert [row[0] for row in section["rows"]] == ["4", "5", "6", "7", "8", "9", "10"]


#: Queries of the readiness page for a reader, warm: the session and user, the permission
#: checks, the n/a reasons, the fixed queries of the clause table's checks and the history.
#: The same on an empty database and on the full demo (test_readiness_demo.py).
PAGE_QUERIES = 54


def test_page_query_count_is_pinned(client, make_user, django_assert_num_queries):
    client.force_login(make_user("ceo-q", Role.TOP_MANAGEMENT))
    client.get(reverse("cems_readiness"))  # warm the content-type and permission caches
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(reverse("cems_readiness")).status_code == 200
