"""Headless API v2: only live public pages (4.3, 5.2); JSON 404s, never a redirect."""

import pytest

from .factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def listed_ids(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 20, **params})
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def test_public_pages_are_listed_internal_ones_are_not(client, tree):
    ids = listed_ids(client)
    for key in ("home", "policy", "scope", "glossary"):
        assert tree[key].pk in ids
    for key in ("manual", "procedure", "rule", "instruction", "process_map"):
        assert tree[key].pk not in ids


def test_internal_page_is_not_retrievable_by_id_even_for_staff(client, auditor, tree):
    for user in (None, auditor):
        if user:
            client.force_login(user)
        response = client.get(f"/api/v2/pages/{tree['procedure'].pk}/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")


def test_withdrawn_and_draft_pages_are_hidden(client, home):
    withdrawn = PolicyPageFactory(parent=home, slug="old", withdraw_on_approval=True)
    draft = PolicyPageFactory(parent=home, slug="draft", publish=False)
    ids = listed_ids(client)
    assert withdrawn.pk not in ids and draft.pk not in ids
    assert client.get(f"/api/v2/pages/{withdrawn.pk}/").status_code == 404


def test_type_filter_exposes_structured_fields(client, tree):
    response = client.get(
        "/api/v2/pages/",
        {"type": "cems_pages.ScopePage", "fields": "gases,sites,exclusions,document_number"},
    )
    item = response.json()["items"][0]
    assert item["gases"] == ["CO2", "CH4", "N2O"]
    assert item["sites"][0]["name"] == "一号厂区"
    assert item["exclusions"][0]["reason"] == "不在运行控制范围内"
    detail = client.get(f"/api/v2/pages/{tree['policy'].pk}/").json()
    assert "遵守适用的法律法规" in detail["compliance_commitment"]
    assert detail["approver"] == tree["policy"].approver


def test_type_filter_does_not_leak_internal_documents(client, tree):
    response = client.get("/api/v2/pages/", {"type": "cems_pages.ProcedurePage"})
    assert response.json()["items"] == []


def test_unknown_page_is_a_json_404_not_a_redirect(client, db):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "Location" not in response


# --- absolute URLs (issue 8 item 11) ---------------------------------------------------------


def test_urls_are_on_the_request_host_not_the_site_record(client, tree):
    response = client.get("/api/v2/pages/", {"limit": 20}, HTTP_HOST="cems.example.com")
    items = response.json()["items"]
    assert items
    for item in items:
        assert item["meta"]["detail_url"].startswith("http://cems.example.com/api/v2/pages/")
        assert item["meta"]["html_url"].startswith("http://cems.example.com/zh-hans/")
    policy = client.get(f"/api/v2/pages/{tree['policy'].pk}/", HTTP_HOST="cems.example.com")
    parent = policy.json()["meta"]["parent"]
    assert (
        parent["meta"]["detail_url"] == f"http://cems.example.com/api/v2/pages/{tree['home'].pk}/"
    )
    assert parent["meta"]["html_url"] == "http://cems.example.com/zh-hans/"


def test_urls_follow_the_configured_api_base_url(client, tree, settings):
    settings.WAGTAILAPI_BASE_URL = "https://cems.example.org"
    item = client.get(f"/api/v2/pages/{tree['policy'].pk}/").json()
    assert (
        item["meta"]["detail_url"] == f"https://cems.example.org/api/v2/pages/{tree['policy'].pk}/"
    )
    assert item["meta"]["html_url"] == "https://cems.example.org/zh-hans/policy/"


def test_secure_request_gives_https_urls(client, tree):
    response = client.get("/api/v2/pages/", secure=True, HTTP_HOST="cems.example.com")
    assert response.json()["items"][0]["meta"]["detail_url"].startswith("https://cems.example.com/")


# --- finding a page by the path the site shows ------------------------------------------------


def find(client, html_path, **params):
    return client.get("/api/v2/pages/find/", {"html_path": html_path, **params})


def test_find_by_language_prefixed_path_in_both_languages(client, tree_en, tree):
    for path, page in (
        ("/zh-hans/policy/", tree["policy"]),
        ("/en/policy/", tree_en["policy"]),
        ("/zh-hans/", tree["home"]),
        ("/en/", tree_en["home"]),
        ("policy", tree["policy"]),  # no prefix: the default language
        ("http://cems.example.com/en/scope/", tree_en["scope"]),
    ):
        response = find(client, path)
        assert response.status_code == 302, path
        assert response["Location"] == f"http://testserver/api/v2/pages/{page.pk}/?", path
        detail = client.get(response["Location"])
        assert detail.json()["id"] == page.pk


def test_english_page_html_url_round_trips_through_find(client, tree_en):
    item = client.get(f"/api/v2/pages/{tree_en['policy'].pk}/").json()
    assert item["meta"]["html_url"] == "http://testserver/en/policy/"
    assert item["meta"]["locale"] == "en"
    response = client.get(
        "/api/v2/pages/find/",
        {"html_path": item["meta"]["html_url"], "fields": "title"},
        HTTP_HOST="cems.example.com",
    )
    assert response["Location"] == (
        f"http://cems.example.com/api/v2/pages/{tree_en['policy'].pk}/?fields=title"
    )


def test_find_never_reaches_internal_draft_withdrawn_or_private_pages(
    client, auditor, tree_en, tree, home
):
    from wagtail.models import PageViewRestriction

    PolicyPageFactory(parent=home, slug="draft-policy", publish=False)
    PolicyPageFactory(parent=home, slug="old-policy", withdraw_on_approval=True)
    private = PolicyPageFactory(parent=home, slug="private-policy")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    paths = [
        "/zh-hans/manual/",
        f"/zh-hans/manual/{tree['procedure'].slug}/",
        "/en/manual/",
        "/zh-hans/draft-policy/",
        "/zh-hans/old-policy/",
        "/zh-hans/private-policy/",
        "/zh-hans/no-such-page/",
        "/fr/policy/",
    ]
    for user in (None, auditor):
        if user:
            client.force_login(user)
        for path in paths:
            response = find(client, path)
            assert response.status_code == 404, (user, path)
            assert response["Content-Type"].startswith("application/json")


# --- search like the site search --------------------------------------------------------------


def test_cjk_search_finds_what_the_site_search_finds(client, tree_en, tree):
    from django.contrib.auth.models import AnonymousUser

    from wagtail.models import Locale

    from cems_pages.selectors import search_pages

    site = {
        page.pk
        for page in search_pages(
            query="锅炉", user=AnonymousUser(), locale=Locale.objects.get(language_code="zh-hans")
        )
    }
    assert site == {tree["scope"].pk}
    assert listed_ids(client, search="锅炉", locale="zh-hans") == site
    # without ?locale= both languages: the English copy still holds the Chinese text
    assert listed_ids(client, search="锅炉") == {tree["scope"].pk, tree_en["scope"].pk}
    # the internal instruction's English title holds "Boiler": staff-only, never in the API
    assert listed_ids(client, search="Boiler") == set()
    assert listed_ids(client, search="Terms", locale="en") == {tree_en["glossary"].pk}


def test_search_never_matches_drafts_internal_withdrawn_or_private_pages(client, auditor, home):
    from wagtail.models import PageViewRestriction

    draft = PolicyPageFactory(parent=home, slug="d", title="锅炉方针草稿", publish=False)
    withdrawn = PolicyPageFactory(
        parent=home, slug="w", title="旧锅炉方针", withdraw_on_approval=True
    )
    internal = PolicyPageFactory(parent=home, slug="i", title="锅炉内部方针", is_public=False)
    private = PolicyPageFactory(parent=home, slug="p", title="锅炉私有方针")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    public = PolicyPageFactory(parent=home, slug="ok", title="锅炉公开方针")
    client.force_login(auditor)
    assert listed_ids(client, search="锅炉") == {public.pk}
    for hidden in (draft, withdrawn, internal, private):
        assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404


def test_empty_search_matches_nothing(client, tree):
    assert listed_ids(client, search="  ") == set()


# --- other endpoints --------------------------------------------------------------------------


def test_documents_of_the_private_root_collection_are_hidden_even_for_staff(client, auditor, db):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    if not CollectionViewRestriction.objects.filter(collection=root).exists():
        CollectionViewRestriction.objects.create(
            collection=root, restriction_type=CollectionViewRestriction.LOGIN
        )
    document = get_document_model().objects.create(
        title="内部审核证据", file=ContentFile(b"evidence", name="evidence.txt"), collection=root
    )
    for user in (None, auditor):
        if user:
            client.force_login(user)
        response = client.get("/api/v2/documents/")
        assert response.status_code == 200
        assert response.json()["items"] == []
        assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404


def test_the_public_api_has_no_register_endpoint(client, db):
    from cems_site.api import api_router

    assert set(api_router._endpoints) == {"pages", "images", "documents"}
    for name in ("sources", "risks", "objectives", "snippets", "datasets"):
        assert client.get(f"/api/v2/{name}/").status_code == 404
