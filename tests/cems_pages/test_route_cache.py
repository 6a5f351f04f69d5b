"""Kept routing of the public site (cems_pages.cache.route_public_page, request_site): the Site
of a host and the routed live page with its view restrictions, kept for anonymous visitors
under the public cache's generation and used with the response cache OFF (4.2, 4.3, 7.3.3).
A kept route still goes through Wagtail's serving: the internal-document 404, the view
restrictions and drafts are decided as without it; a publish, unpublish, move or restriction
drops it. API listings read their kept items in one cache call."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from cems_pages.cache import public_cache_generation, public_fragments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    """Response cache off (every request renders), shared fragments on."""
    settings.CEMS_PUBLIC_CACHE_SECONDS = 0
    settings.CEMS_PUBLIC_IDS_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def _get(client, path):
    response = client.get(path)
    assert response.get("X-Cems-Cache") is None  # rendered, never a stored response
    return response


def test_a_kept_route_renders_the_same_page_without_a_query(client, tree):
    home, policy = tree["home"], tree["policy"]
    for page in (home, policy):
        first = _get(client, page.url)
        assert first.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            again = _get(client, page.url)
        assert again.status_code == 200
        assert again.content == first.content
        assert again.context["page"].pk == page.pk
        # site, locale, routing, restrictions, every fragment and the body kept
        assert len(queries.captured_queries) == KEPT_PAGE_QUERIES, queries.captured_queries


#: Anonymous home and policy page rendered anew with routing and fragments kept.
KEPT_PAGE_QUERIES = 0


def test_unpublishing_drops_the_route(client, tree):
    policy = tree["policy"]
    assert _get(client, policy.url).status_code == 200
    policy.unpublish()
    assert _get(client, policy.url).status_code == 404


def test_a_draft_is_never_served_from_a_kept_route(client, tree):
    policy = tree["policy"]
    live_title = policy.title
    assert live_title in _get(client, policy.url).content.decode()
    policy.title = "草稿标题，不应公开"
    policy.save_revision()
    html = _get(client, policy.url).content.decode()
    assert live_title in html and "草稿标题" not in html
    policy.save_revision().publish()
    assert "草稿标题" in _get(client, policy.url).content.decode()


def test_a_changed_slug_moves_the_route(client, tree):
    policy = tree["policy"]
    old_url = policy.url
    assert _get(client, old_url).status_code == 200
    policy.slug = "carbon-policy-2027"
    policy.save_revision().publish()
    policy.refresh_from_db()
    assert _get(client, old_url).status_code == 404
    assert _get(client, policy.url).status_code == 200


def test_a_login_restriction_added_later_is_enforced(client, tree):
    policy = tree["policy"]
    assert _get(client, policy.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=policy, restriction_type=PageViewRestriction.LOGIN
    )
    for _ in range(2):  # built, then kept: the restriction is part of the kept route
        response = _get(client, policy.url)
        assert response.status_code == 302
        assert "login" in response["Location"]
    restriction.delete()
    assert _get(client, policy.url).status_code == 200


def test_a_password_restriction_on_an_ancestor_is_enforced_from_the_kept_route(client, tree):
    home, policy = tree["home"], tree["policy"]
    PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for _ in range(2):
        response = _get(client, policy.url)
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()
        assert policy.title not in response.content.decode()


def test_internal_documents_stay_404_for_anonymous_and_open_for_staff(client, auditor, tree):
    manual = tree["manual"]
    for _ in range(2):
        assert _get(client, manual.url).status_code == 404
    client.force_login(auditor)
    assert _get(client, manual.url).status_code == 200
    client.logout()
    assert _get(client, manual.url).status_code == 404


def test_a_status_saved_directly_hides_the_page_at_once(client, tree):
    policy = tree["policy"]
    assert _get(client, policy.url).status_code == 200
    policy.is_public = False
    policy.save()  # no publish: the document's save raises the generation
    assert _get(client, policy.url).status_code == 404


def test_paths_that_route_nowhere_are_not_kept(client, tree):
    generation = public_cache_generation()
    for _ in range(2):
        assert _get(client, "/zh-hans/no-such-page/").status_code == 404
    keys = [key for key in cache._cache if ":route:" in key]  # locmem's own dict
    assert len(keys) == 0
    _get(client, tree["policy"].url)
    keys = [key for key in cache._cache if f":{generation}:route:" in key]
    assert len(keys) == 1


def test_routes_are_kept_per_language(client, tree, tree_en):
    zh, en = tree["policy"], tree_en["policy"]
    for _ in range(2):
        assert _get(client, zh.url).context["page"].pk == zh.pk
        assert _get(client, en.url).context["page"].pk == en.pk


def test_api_listing_reads_kept_items_in_one_cache_call(client, tree, monkeypatch):
    first = client.get("/api/v2/pages/", {"limit": 20}).json()
    calls = []
    original = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: calls.append(keys) or original(keys))
    again = client.get("/api/v2/pages/", {"limit": 20}).json()
    assert again == first
    item_reads = [keys for keys in calls if any(":api-page:" in key for key in keys)]
    assert len(item_reads) == 1 and len(item_reads[0]) == len(first["items"]) > 1


def test_public_fragments_builds_only_what_is_missing():
    built = []

    def build(index):
        built.append(index)
        return f"value {index}"

    assert public_fragments("probe", [(1,), (2,)], build) == ["value 0", "value 1"]
    assert public_fragments("probe", [(2,), (3,), (1,)], build) == [
        "value 1",
        "value 1",
        "value 0",
    ]
    assert built == [0, 1, 1]  # only (3,) was built the second time, as index 1


def test_kept_bodies_follow_publishing_never_drafts(client, tree):
    policy = tree["policy"]
    assert "遵守适用的法律法规和其他要求" in _get(client, policy.url).content.decode()
    policy.compliance_commitment = "<p>草稿承诺，不应公开</p>"
    policy.save_revision()  # a draft
    html = _get(client, policy.url).content.decode()
    assert "草稿承诺" not in html and "遵守适用的法律法规和其他要求" in html
    policy.compliance_commitment = "<p>新的合规承诺</p>"
    policy.save_revision().publish()
    html = _get(client, policy.url).content.decode()
    assert "新的合规承诺" in html and "遵守适用的法律法规和其他要求" not in html


def test_kept_home_cards_are_for_anonymous_visitors_only(client, auditor, tree):
    home, manual, policy = tree["home"], tree["manual"], tree["policy"]
    for _ in range(2):
        html = _get(client, home.url).content.decode()
        assert f'<a href="{policy.url}">' in html
        assert f'<a href="{manual.url}">' not in html  # internal
    client.force_login(auditor)
    assert f'<a href="{manual.url}">' in _get(client, home.url).content.decode()
    client.logout()
    assert f'<a href="{manual.url}">' not in _get(client, home.url).content.decode()
    policy.unpublish()
    assert f'<a href="{policy.url}">' not in _get(client, home.url).content.decode()


def test_kept_bodies_are_per_language(client, tree, tree_en):
    zh, en = tree["policy"], tree_en["policy"]
    for _ in range(2):
        zh_html = _get(client, zh.url).content.decode()
        en_html = _get(client, en.url).content.decode()
        assert "合规承诺" in zh_html and "Compliance commitment" not in zh_html
        assert "Compliance commitment" in en_html
