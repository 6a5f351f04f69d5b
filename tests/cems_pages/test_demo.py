"""The demo loader of cems_pages (clauses 3, 4.3, 4.4, 5.2, 7.3) and its pure content data.

The loader creates about 60 pages; it runs once per module inside an outer transaction that is
rolled back at the end, and each test runs in a savepoint within it.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client

from wagtail.models import Locale, Page, Revision, Site, WorkflowState

import pytest

from cems_pages import demo_content as content
from cems_pages.demo import load_demo
from cems_pages.models import (
    DocumentStatus,
    GlossaryPage,
    HomePage,
    ManagementRulePage,
    ManualPage,
    PolicyPage,
    ProcedurePage,
    ProcessMapPage,
    ScopePage,
    WorkInstructionPage,
)
from cems_registers.roles import Role

HAN = re.compile(r"[\u4e00-\u9fff]")

USER_ROLES = {
    "editor": Role.EDITORS,
    "reviewer": Role.REVIEWERS,
    "rep": Role.MANAGEMENT_REPRESENTATIVE,
    "ceo": Role.TOP_MANAGEMENT,
    "keeper": Role.REGISTER_KEEPERS,
    "auditor": Role.AUDITORS,
}


def _make_users() -> dict:
    User = get_user_model()
    users = {
        "admin": User.objects.create_user(
            username="demo-admin", password="pw", is_superuser=True, is_staff=True
        )
    }
    for key, role in USER_ROLES.items():
        user = User.objects.create_user(
            username=f"demo-{key}", password="pw", email=f"{key}@example.com"
        )
        group, _created = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)
        users[key] = user
    return users


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Run the loader once for the module; everything is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        users = _make_users()
        summary = load_demo(users=users, stdout=None)
        yield {"users": users, "summary": summary}
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def _locales():
    return Locale.objects.get(language_code="zh-hans"), Locale.objects.get(language_code="en")


# --- pure data ----------------------------------------------------------------------------


def test_content_languages_are_parallel():
    for spec in content.all_documents():
        zh, en = spec["zh"], spec["en"]
        assert set(zh) == set(en), spec["document_number"]
        for key in ("steps", "kpis", "records", "inputs", "outputs", "exclusions", "precautions"):
            if key in zh:
                assert len(zh[key]) == len(en[key]), (spec["document_number"], key)
        assert HAN.search(zh["title"]), spec["document_number"]
        assert not HAN.search(en["title"]), spec["document_number"]


def test_content_covers_every_term_of_clause_3():
    clauses = [clause for clause, *_rest in content.TERMS]
    expected = [f"3.1.{n}" for n in range(1, 17)] + [f"3.2.{n}" for n in range(1, 10)]
    assert clauses == expected
    for _clause, zh, en, _source in content.TERMS:
        assert HAN.search(zh["definition"]) and not HAN.search(en["definition"])


def test_content_procedures_are_complete():
    numbers = [p["document_number"] for p in content.PROCEDURES]
    assert len(numbers) >= 12 and len(set(numbers)) == len(numbers)
    for spec in content.PROCEDURES:
        assert re.fullmatch(r"GP-CP-\d\d", spec["document_number"])
        for lang in ("zh", "en"):
            assert 4 <= len(spec[lang]["steps"]) <= 8, spec["document_number"]
            assert spec[lang]["kpis"] and spec[lang]["records"], spec["document_number"]


# --- the loader ---------------------------------------------------------------------------


def test_home_page_roots_the_default_site(demo):
    zh, en = _locales()
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale == zh
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    home_en = site.root_page.get_translation(en).specific
    assert home_en.live and "East China Green Precision" in home_en.title
    assert home_en.get_children().count() == 4
    assert 'linktype="page"' in str(site.root_page.specific.body.raw_data)


def test_every_page_exists_in_both_languages_and_is_linked(demo):
    zh, en = _locales()
    zh_pages = Page.objects.filter(locale=zh, depth__gte=2)
    assert zh_pages.count() == len(content.all_documents()) + 1
    assert Page.objects.filter(locale=en, depth__gte=2).count() == zh_pages.count()
    for page in zh_pages:
        translation = page.get_translation_or_none(en)
        assert translation is not None, page.title
        assert translation.translation_key == page.translation_key
        if page.depth > 2:
            assert not HAN.search(translation.title), translation.title
            assert HAN.search(page.title), page.title


def test_second_run_creates_nothing(demo):
    counts = (Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count())
    summary = load_demo(users=demo["users"], stdout=None)
    assert summary.startswith("0 documents created, 0 translations added")
    assert (Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count()) == counts
    assert "29 documents created, 29 translations added" in demo["summary"]


def test_policy_and_scope_are_public_and_live(demo):
    for model, number in ((PolicyPage, "GP-CM-02"), (ScopePage, "GP-CM-03")):
        pages = model.objects.filter(document_number=number)
        assert pages.count() == 2
        for page in pages:
            assert page.live and page.is_public and page.is_publicly_visible
            assert page.document_status == DocumentStatus.EFFECTIVE
    policy = PolicyPage.objects.get(locale__language_code="zh-hans")
    assert policy.review_interval_months == 12
    assert policy.effective_date.isoformat() == "2026-01-01"
    assert "王建华" in policy.approver
    for page in (policy, policy.get_translation(Locale.objects.get(language_code="en"))):
        assert Client().get(page.get_url()).status_code == 200


def test_scope_boundary_and_gases(demo):
    scope = ScopePage.objects.get(locale__language_code="en")
    sites = {site.name.split()[0]: site for site in scope.sites.all()}
    assert set(sites) == {"F01", "F02", "F03", "F04", "F05"}
    assert not sites["F05"].in_boundary
    assert all(sites[code].in_boundary for code in ("F01", "F02", "F03", "F04"))
    assert "S04" in sites["F02"].units_activities
    assert scope.gases == ["CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3"]
    assert scope.consolidation_approach == "operational_control"
    assert any("commuting" in e.item for e in scope.exclusions.all())


def test_internal_documents_sit_under_the_manual(demo):
    for manual in ManualPage.objects.all():
        assert not manual.is_public and manual.live
        for model in (ProcedurePage, ManagementRulePage, ProcessMapPage, WorkInstructionPage):
            outside = model.objects.filter(locale=manual.locale).not_descendant_of(manual)
            assert not outside.exists(), model
            assert not model.objects.filter(locale=manual.locale, is_public=True).exists()
    assert WorkInstructionPage.objects.filter(locale__language_code="zh-hans").count() == 6


def test_procedures_have_steps_kpis_and_records(demo):
    for code in ("zh-hans", "en"):
        procedures = ProcedurePage.objects.filter(locale__language_code=code)
        assert procedures.count() >= 12
        for page in procedures:
            assert 4 <= len(page.steps) <= 8, page.document_number
            assert len(page.kpis) >= 1 and len(page.records_kept) >= 1, page.document_number
            assert page.purpose and page.inputs and page.outputs and page.related_clauses
            assert page.approver and page.owner_department and page.effective_date
            step = page.steps[0].value
            assert step["title"] and step["responsible"]


def test_glossary_holds_every_term(demo):
    for page in GlossaryPage.objects.all():
        terms = list(page.terms.all())
        assert len(terms) == 25
        assert terms[0].clause_number == "3.1.1" and terms[-1].clause_number == "3.2.9"
    en = GlossaryPage.objects.get(locale__language_code="en")
    assert en.terms.get(clause_number="3.1.6").term.startswith("carbon dioxide equivalent")


def test_process_map_links_procedures_in_its_own_language(demo):
    for page in ProcessMapPage.objects.all():
        assert len(page.processes) >= 12
        for block in page.processes:
            linked = block.value["procedure"]
            assert linked is not None, block.value["name"]
            assert linked.locale_id == page.locale_id


def test_documents_are_left_mid_workflow(demo):
    in_progress = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    numbers = {state.content_object.specific.document_number for state in in_progress}
    assert numbers == set(content.IN_WORKFLOW)
    assert in_progress.count() == 2 * len(content.IN_WORKFLOW)
    new_rule = ManagementRulePage.objects.get(
        document_number="GP-MR-03", locale__language_code="zh-hans"
    )
    assert not new_rule.live and new_rule.document_status == DocumentStatus.IN_REVIEW
    revised = ProcedurePage.objects.get(document_number="GP-CP-07", locale__language_code="en")
    assert revised.live and revised.version == "2.0"
    assert revised.has_unpublished_changes
    pending = revised.get_latest_revision().as_object()
    assert pending.version == "2.1"
    assert len(pending.steps) == len(revised.steps) + 1
    assert pending.steps[-1].value["title"] == "Online data push"


def test_withdrawn_document_stays_for_staff_only(demo):
    for page in WorkInstructionPage.objects.filter(document_number="GP-WI-06"):
        assert page.document_status == DocumentStatus.WITHDRAWN
        assert page.live and not page.is_publicly_visible
        assert "GP-WI-04" in page.change_summary
        statuses = [
            revision.content["document_status"]
            for revision in Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
        ]
        assert statuses[-2:] == [DocumentStatus.EFFECTIVE, DocumentStatus.WITHDRAWN]


def test_contact_email_on_the_home_page_is_a_link(demo, client):
    for language in ("zh-hans", "en"):
        home = HomePage.objects.get(locale__language_code=language)
        html = client.get(home.url).content.decode()
        assert (
            '<a href="mailto:carbon@greenprecision.example">carbon@greenprecision.example</a>'
            in html
        ), language


def test_menu_titles_are_short_in_both_languages(demo, client):
    html = client.get(HomePage.objects.get(locale__language_code="en").url).content.decode()
    menu = html[html.index('<nav class="site-nav"') :]
    menu = menu[: menu.index("</nav>")]
    for label in ("Policy", "Scope and boundary", "Glossary"):
        assert f">{label}</a>" in menu
    assert 'title="Scope and Boundary of the Carbon Emission Management System"' in menu
