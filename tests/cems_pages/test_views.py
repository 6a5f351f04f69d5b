"""Public site: every page type in both languages, access rules, search, query counts."""

from django.urls import reverse

import pytest

from .factories import (
    PAGE_KEYS,
    PolicyPageFactory,
    ProcedurePageFactory,
    WorkInstructionPageFactory,
)

INTERNAL_KEYS = ["manual", "procedure", "rule", "instruction", "process_map"]


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_page_type_renders_in_both_languages(client, auditor, tree, tree_en, key):
    client.force_login(auditor)
    for pages, lang in ((tree, "zh-hans"), (tree_en, "en")):
        page = pages[key]
        response = client.get(page.url)
        assert response.status_code == 200, (key, lang)
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert page.title in html
        assert 'class="skip-link" href="#main"' in html
    # The language switcher links to the same page in the other language.
    html = client.get(tree[key].url).content.decode()
    assert f'href="{tree_en[key].url}"' in html


def test_page_urls_are_language_prefixed(tree, tree_en):
    assert tree["policy"].url == "/zh-hans/policy/"
    assert tree_en["policy"].url.startswith("/en/")


def test_policy_shows_commitments_approval_and_next_review(client, tree):
    html = client.get(tree["policy"].url).content.decode()
    policy = tree["policy"]
    assert "遵守适用的法律法规和其他要求" in html
    assert "减少温室气体排放" in html
    assert policy.approver in html
    assert policy.next_review_date.isoformat() in html
    assert policy.effective_date.isoformat() in html


def test_scope_shows_sites_gases_and_exclusions(client, tree):
    html = client.get(tree["scope"].url).content.decode()
    assert "一号厂区" in html and "员工通勤" in html and "不在运行控制范围内" in html
    assert "CH₄" in html


@pytest.mark.parametrize("key", ["home", "policy", "scope", "glossary"])
def test_anonymous_reads_public_pages(client, tree, key):
    assert client.get(tree[key].url).status_code == 200


@pytest.mark.parametrize("key", INTERNAL_KEYS)
def test_anonymous_gets_404_for_internal_documents_like_a_missing_page(client, tree, key):
    """Issue 13 §6: a login redirect told a prober which internal slugs exist."""
    page = tree[key]
    response = client.get(page.url)
    missing = client.get(page.url.rstrip("/") + "-missing/")
    assert response.status_code == missing.status_code == 404
    html = response.content.decode()
    assert page.title not in html
    # the site's staff login (with ``next``) stays one click away
    assert f"{reverse('wagtailadmin_login')}?next={page.url}" in html.replace("%2F", "/")


def test_a_document_marked_public_inside_the_manual_is_public(client, tree):
    procedure = ProcedurePageFactory(parent=tree["manual"], is_public=True, title="公开程序")
    response = client.get(procedure.url)
    assert response.status_code == 200
    assert "公开程序" in response.content.decode()


def test_withdrawn_document_is_404_for_anonymous_and_readable_to_staff(
    client, auditor, editor, tree
):
    policy = tree["policy"]
    policy.withdraw_on_approval = True
    policy.save_revision().publish()
    assert client.get(policy.url).status_code == 404
    for user in (auditor, editor):
        client.force_login(user)
        response = client.get(policy.url)
        assert response.status_code == 200
        assert "badge--withdrawn" in response.content.decode()


def test_logged_in_user_without_admin_access_gets_no_internal_document(
    client, django_user_model, tree
):
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    client.force_login(outsider)
    assert client.get(tree["manual"].url).status_code == 404


def test_draft_is_never_served(client, admin_user, home):
    draft = PolicyPageFactory(parent=home, publish=False, slug="draft-policy", title="草稿方针")
    assert client.get("/zh-hans/draft-policy/").status_code == 404
    client.force_login(admin_user)
    assert client.get("/zh-hans/draft-policy/").status_code == 404
    assert draft.pk


def test_nav_hides_internal_documents_from_anonymous(client, auditor, tree):
    manual_link = f'href="{tree["manual"].url}"'
    html = client.get(tree["home"].url).content.decode()
    assert f'href="{tree["policy"].url}"' in html
    assert manual_link not in html
    client.force_login(auditor)
    assert manual_link in client.get(tree["home"].url).content.decode()


class TestSearch:
    url = "/zh-hans/search/"

    def test_finds_a_chinese_substring_in_a_public_page(self, client, tree):
        response = client.get(self.url, {"q": "锅炉"})  # inside 燃煤锅炉房 (scope activities)
        html = response.content.decode()
        assert response.status_code == 200
        assert tree["scope"].title in html

    def test_anonymous_never_finds_internal_withdrawn_or_draft_pages(self, client, tree):
        withdrawn = PolicyPageFactory(
            parent=tree["home"], slug="old-policy", title="旧锅炉方针", withdraw_on_approval=True
        )
        draft = PolicyPageFactory(
            parent=tree["home"], slug="draft-policy", title="锅炉草稿方针", publish=False
        )
        html = client.get(self.url, {"q": "锅炉"}).content.decode()
        for page in (tree["procedure"], tree["instruction"], withdrawn, draft):
            assert page.title not in html
        assert tree["scope"].title in html

    def test_staff_find_internal_documents_but_not_drafts(self, client, auditor, tree):
        draft = WorkInstructionPageFactory(
            parent=tree["procedure"], title="锅炉草稿指导书", publish=False
        )
        client.force_login(auditor)
        html = client.get(self.url, {"q": "锅炉"}).content.decode()
        assert tree["procedure"].title in html
        assert draft.title not in html

    def test_searches_the_current_language_only(self, client, tree, tree_en):
        html = client.get("/en/search/", {"q": "Carbon policy"}).content.decode()
        assert tree_en["policy"].url in html
        assert tree["policy"].url not in html


def _children(parent, count):
    for i in range(count):
        ProcedurePageFactory(parent=parent, slug=f"p-{parent.pk}-{i}", is_public=True)


@pytest.mark.parametrize("count", [3, 30])
def test_manual_query_count_does_not_grow_with_children(
    client, auditor, tree, django_assert_num_queries, count
):
    _children(tree["manual"], count - 2)  # tree already holds a procedure and a rule
    client.force_login(auditor)
    client.get(tree["manual"].url)  # warm per-process caches (content types, site)
    with django_assert_num_queries(MANUAL_QUERIES):
        response = client.get(tree["manual"].url)
    assert response.status_code == 200
    assert len(response.context["children"]) == count + 1  # + process map


#: Pinned: session + user + groups/permissions, site, routing, page, translations, nav,
#: translation status (staff), children (1 + one per child type). Identical for 3 and 30.
#: The head's canonical/alternate links and the language switcher share one translations query
#: and one locale read per request (cems_pages.seo.page_translations, request_locales).
MANUAL_QUERIES = 20


@pytest.mark.parametrize("count", [3, 30])
def test_home_query_count_does_not_grow_with_children(
    client, home, django_assert_num_queries, count
):
    for i in range(count):
        PolicyPageFactory(parent=home, slug=f"policy-{i}")
    client.get(home.url)
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(home.url)
    assert response.status_code == 200
    assert len(response.context["children"]) == count


#: Pinned: site, locale, routing (page, ancestors, view restrictions), children (1 + one per
#: child type), locales, translations (head links and language switcher), nav, home's
#: translation for the switcher. Identical for 3 and 30.
HOME_QUERIES = 11


def _grow_scope(page, count):
    from cems_pages.models import ScopeSite

    for i in range(count):
        ScopeSite.objects.create(page=page, name=f"厂区 {i}", sort_order=i + 10)


def _grow_glossary(page, count):
    from cems_pages.models import GlossaryTerm

    for i in range(count):
        GlossaryTerm.objects.create(
            page=page, clause_number=f"3.{i + 2}", term=f"术语 {i}", definition="定义"
        )


def _grow_procedure(page, count):
    for _i in range(count):
        WorkInstructionPageFactory(parent=page)


#: Pinned query counts of a public page view by an auditor, whatever the number of rows.
#: As read by staff, who also get the document's translation status (one query).
#: The head's links and the language switcher share one translations query and one locale read.
PAGE_QUERIES = {"glossary": 17, "policy": 16, "procedure": 20, "scope": 18}
GROWERS = {
    "policy": lambda page, count: None,
    "scope": _grow_scope,
    "glossary": _grow_glossary,
    "procedure": _grow_procedure,
}


@pytest.mark.parametrize("key", sorted(PAGE_QUERIES))
def test_document_query_counts_are_pinned_for_3_and_30_rows(
    client, auditor, tree, django_assert_num_queries, key
):
    page = tree[key]
    client.force_login(auditor)
    GROWERS[key](page, 3)
    client.get(page.url)
    with django_assert_num_queries(PAGE_QUERIES[key]):
        assert client.get(page.url).status_code == 200
    GROWERS[key](page, 27)
    with django_assert_num_queries(PAGE_QUERIES[key]):
        response = client.get(page.url)
    assert response.status_code == 200


def test_menu_shows_short_titles_with_the_full_title_on_hover(client, home):
    policy = PolicyPageFactory(parent=home, title="碳排放管理方针（2026 年版）", menu_title="方针")
    untitled = PolicyPageFactory(parent=home, slug="second", title="第二方针")
    html = client.get(home.url).content.decode()
    assert f'title="{policy.title}">方针</a>' in html
    assert f'href="{untitled.url}">第二方针</a>' in html
