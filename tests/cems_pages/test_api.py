"""Headless API v2: only live public pages (4.3, 5.2); JSON 404s, never a redirect."""

import pytest

from cems_pages.selectors import search_pages

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

    assert set(api_router._endpoints) <= {"pages", "images", "documents", "results"}
    for name in ("sources", "risks", "objectives", "snippets", "datasets"):
        assert client.get(f"/api/v2/{name}/").status_code == 404


# --- issue 10 §3: translations, locales, search, images, nothing internal ---------------------


def test_every_page_lists_its_public_translations(client, tree_en, tree):
    from wagtail.models import PageViewRestriction

    # the English glossary is private: it is no translation the public may follow
    PageViewRestriction.objects.create(
        page=tree_en["glossary"], restriction_type=PageViewRestriction.LOGIN
    )
    items = client.get("/api/v2/pages/", {"locale": "zh-hans", "limit": 20}).json()["items"]
    by_id = {item["id"]: item["meta"]["translations"] for item in items}
    assert by_id[tree["policy"].pk] == [
        {
            "id": tree_en["policy"].pk,
            "locale": "en",
            "title": "Carbon policy",
            "html_url": "http://testserver/en/policy/",
            "detail_url": f"http://testserver/api/v2/pages/{tree_en['policy'].pk}/",
        }
    ]
    assert by_id[tree["glossary"].pk] == []
    detail = client.get(f"/api/v2/pages/{tree_en['scope'].pk}/").json()
    assert [(t["id"], t["locale"]) for t in detail["meta"]["translations"]] == [
        (tree["scope"].pk, "zh-hans")
    ]


def test_translations_of_a_listing_are_read_in_one_query(
    client, tree_en, tree, django_assert_max_num_queries
):
    """The listing's query count does not grow with its items because of translations."""
    client.get("/api/v2/pages/", {"limit": 1})  # warm Wagtail's per-process caches
    with django_assert_max_num_queries(50) as few:
        client.get("/api/v2/pages/", {"limit": 2})
    with django_assert_max_num_queries(50) as many:
        response = client.get("/api/v2/pages/", {"limit": 20})
    assert len(response.json()["items"]) > 2
    assert all(item["meta"]["translations"] for item in response.json()["items"])
    assert len(many.captured_queries) == len(few.captured_queries)


def test_both_locales_are_served_and_found_by_path(client, tree_en, tree):
    zh = listed_ids(client, locale="zh-hans")
    en = listed_ids(client, locale="en")
    assert tree["policy"].pk in zh and tree["policy"].pk not in en
    assert tree_en["policy"].pk in en and tree_en["policy"].pk not in zh
    for path, page in (("/en/policy/", tree_en["policy"]), ("/zh-hans/policy/", tree["policy"])):
        response = find(client, path)
        assert response["Location"].endswith(f"/api/v2/pages/{page.pk}/?"), path


@pytest.mark.parametrize(
    ("query", "locale"), [("碳排放", "zh-hans"), ("碳", "zh-hans"), ("carbon", "en")]
)
def test_search_returns_what_the_site_search_returns(client, tree_en, tree, query, locale):
    from django.contrib.auth.models import AnonymousUser

    from wagtail.models import Locale

    site = {
        page.pk
        for page in search_pages(
            query=query,
            user=AnonymousUser(),
            locale=Locale.objects.get(language_code=locale),
        )
    }
    assert site  # the query finds something, so the comparison means something
    assert listed_ids(client, search=query, locale=locale) == site
    page = client.get(f"/search/?q={query}".replace("/search", f"/{locale}/search"))
    for item in search_pages(
        query=query, user=AnonymousUser(), locale=Locale.objects.get(language_code=locale)
    ):
        assert item.title in page.content.decode()


def test_policy_commitments_are_structured_fields_in_both_languages(client, tree_en, tree):
    fields = "statement,compliance_commitment,climate_action_commitment,objectives_framework"
    for locale, text in (("zh-hans", "遵守适用的法律法规"), ("en", "遵守适用的法律法规")):
        items = client.get(
            "/api/v2/pages/",
            {"type": "cems_pages.PolicyPage", "locale": locale, "fields": fields},
        ).json()["items"]
        assert len(items) == 1
        assert text in items[0]["compliance_commitment"]
        assert items[0]["climate_action_commitment"].startswith("<p>")
        assert items[0]["objectives_framework"]


#: Keys that would give away internal bookkeeping, people or register data.
INTERNAL_KEYS = {
    "search_text",
    "document_owner",
    "owner",
    "locked",
    "locked_by",
    "latest_revision",
    "live_revision",
    "has_unpublished_changes",
    "draft_title",
    "withdraw_on_approval",
    "password",
    "email",
    "username",
    "created_by",
    "approved_by",
    "dataset_ids",
    "input_hash",
    "file_hash",
    "uploaded_by_user",
}


def all_keys(value) -> set:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in all_keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in all_keys(item)}
    return set()


def test_walking_every_endpoint_with_all_fields_shows_nothing_internal(client, auditor, tree, home):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.models import Collection, PageViewRestriction

    from cems_site.api import api_router
    from tests.cems_registers.factories import InterestedPartyFactory, RiskFactory

    hidden = {
        "draft": PolicyPageFactory(parent=home, slug="d", title="草稿方针XJ1", publish=False),
        "withdrawn": PolicyPageFactory(
            parent=home, slug="w", title="废止方针XJ2", withdraw_on_approval=True
        ),
        "internal": PolicyPageFactory(parent=home, slug="i", title="内部方针XJ3", is_public=False),
        "private": PolicyPageFactory(parent=home, slug="p", title="私有方针XJ4"),
    }
    PageViewRestriction.objects.create(
        page=hidden["private"], restriction_type=PageViewRestriction.LOGIN
    )
    party = InterestedPartyFactory()
    risk = RiskFactory()
    get_document_model().objects.create(
        title="审核证据XJ5",
        file=ContentFile(b"evidence", name="evidence.txt"),
        collection=Collection.get_first_root_node(),
    )
    secrets = [page.title for page in hidden.values()]
    secrets += ["审核证据XJ5", str(party), str(risk), tree["procedure"].title]
    for user in (None, auditor):  # the public API shows a logged-in auditor no more
        if user:
            client.force_login(user)
        texts, keys = [], set()
        for name, endpoint in api_router._endpoints.items():
            fields = {"fields": "*"} if "fields" in endpoint.known_query_parameters else {}
            for listing in walk(client, f"/api/v2/{name}/", fields):
                texts.append(listing.content.decode())
                keys |= all_keys(listing.json())
                for item in listing.json()["items"]:
                    if "id" not in item:
                        continue
                    detail = client.get(f"/api/v2/{name}/{item['id']}/", fields)
                    assert detail.status_code == 200, (name, item["id"])
                    texts.append(detail.content.decode())
                    keys |= all_keys(detail.json())
        assert not keys & INTERNAL_KEYS, keys & INTERNAL_KEYS
        text = "\n".join(texts)
        for secret in secrets:
            assert secret not in text, secret
        for page in hidden.values():
            assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert tree["policy"].title in text  # the walk did reach the public pages


def walk(client, path: str, query: dict):
    """Every page of a listing (20 items a page, Wagtail's most)."""
    offset = 0
    while True:
        response = client.get(path, {**query, "limit": 20, "offset": offset})
        assert response.status_code == 200, (path, response.content[:200])
        yield response
        offset += 20
        if offset >= response.json()["meta"]["total_count"]:
            return
