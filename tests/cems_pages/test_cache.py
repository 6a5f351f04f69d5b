"""The public response cache (cems_pages.cache): hits, keys, bypass, and every invalidation."""

from django.core.cache import cache

import pytest

from cems_pages.cache import public_cache_generation
from tests.calculators.conftest import approved_year, done_run, enterprise  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_cache(settings):
    settings.CEMS_PUBLIC_CACHE_SECONDS = 600
    settings.CEMS_PUBLIC_MAX_AGE = 60
    cache.clear()
    yield
    cache.clear()


def get(client, path, **extra):
    response = client.get(path, **extra)
    return response, response.get("X-Cems-Cache")


def test_second_anonymous_request_is_served_from_the_cache_without_a_query(
    client, tree, django_assert_num_queries
):
    first, state = get(client, "/zh-hans/policy/")
    assert first.status_code == 200 and state == "miss"
    with django_assert_num_queries(0):
        second, state = get(client, "/zh-hans/policy/")
    assert state == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    assert second["Last-Modified"] == first["Last-Modified"]
    assert second["ETag"] == first["ETag"]


def test_language_is_part_of_the_key(client, tree_en, tree):
    zh, _ = get(client, "/zh-hans/policy/")
    en, state = get(client, "/en/policy/")
    assert state == "miss"
    assert "碳排放管理方针" in zh.content.decode()
    assert "Carbon policy" in en.content.decode()
    assert get(client, "/en/policy/")[1] == "hit"


def test_api_is_cached_per_query_and_format(client, tree):
    assert get(client, "/api/v2/pages/", data={"limit": 5})[1] == "miss"
    assert get(client, "/api/v2/pages/", data={"limit": 5})[1] == "hit"
    assert get(client, "/api/v2/pages/", data={"limit": 6})[1] == "miss"
    browsable, state = get(client, "/api/v2/pages/", data={"limit": 5}, HTTP_ACCEPT="text/html")
    assert browsable["Content-Type"].startswith("text/html")  # never the stored JSON
    assert state != "hit"


def test_conditional_get_answers_304(client, tree):
    first, _ = get(client, "/api/v2/pages/")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(
        "/zh-hans/", HTTP_IF_MODIFIED_SINCE=get(client, "/zh-hans/")[0]["Last-Modified"]
    )
    assert since.status_code == 304


def test_logged_in_users_bypass_the_cache(client, auditor, tree):
    get(client, "/zh-hans/")
    client.force_login(auditor)
    response, state = get(client, "/zh-hans/")
    assert state is None
    assert "private" in response["Cache-Control"]
    # staff see the internal manual in the menu, which the cached public copy lacks
    assert tree["manual"].title in response.content.decode()


def test_publishing_a_change_invalidates(client, tree):
    get(client, "/zh-hans/policy/")
    policy = tree["policy"]
    policy.title = "修订后的碳排放管理方针"
    policy.save_revision().publish()
    response, state = get(client, "/zh-hans/policy/")
    assert state == "miss"
    assert "修订后的碳排放管理方针" in response.content.decode()


def test_unpublishing_invalidates(client, tree):
    assert get(client, "/zh-hans/policy/")[0].status_code == 200
    tree["policy"].unpublish()
    assert client.get("/zh-hans/policy/").status_code == 404
    ids = {item["id"] for item in client.get("/api/v2/pages/").json()["items"]}
    assert tree["policy"].pk not in ids


def test_moving_a_page_invalidates(client, tree):
    glossary = tree["glossary"]
    old_url = glossary.url
    assert get(client, old_url)[0].status_code == 200
    before = public_cache_generation()
    glossary.move(tree["scope"], pos="last-child")  # the tree is not checked by move()
    glossary.refresh_from_db()
    assert public_cache_generation() > before
    assert glossary.url != old_url
    assert client.get(old_url).status_code == 301  # Wagtail's redirect, not the stored page
    assert get(client, glossary.url)[0].status_code == 200


def test_a_changed_slug_is_served_at_the_new_url_at_once(client, tree):
    get(client, "/zh-hans/policy/")
    policy = tree["policy"]
    policy.slug = "carbon-policy"
    policy.save_revision().publish()
    assert client.get("/zh-hans/policy/").status_code == 404
    assert get(client, "/zh-hans/carbon-policy/")[0].status_code == 200


def test_a_new_view_restriction_invalidates(client, tree):
    from wagtail.models import PageViewRestriction

    get(client, "/zh-hans/policy/")
    PageViewRestriction.objects.create(
        page=tree["policy"], restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/zh-hans/policy/")
    assert response.status_code == 302  # to the login page, no longer the cached copy


def test_run_approval_invalidates(client, tree, done_run, data_reviewer):  # noqa: F811
    from calculators.services.runs import run_approve

    get(client, "/zh-hans/")
    before = public_cache_generation()
    run_approve(run=done_run, user=data_reviewer)
    assert public_cache_generation() > before
    assert get(client, "/zh-hans/")[1] == "miss"


def test_pages_with_a_csrf_form_and_errors_are_not_kept(client, tree):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=tree["policy"], restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    form, state = get(client, "/zh-hans/policy/")
    assert form.status_code == 200 and state is None  # password form: CSRF token used
    assert get(client, "/zh-hans/no-such-page/")[1] is None
    assert get(client, "/zh-hans/no-such-page/")[0].status_code == 404


def test_admin_and_calculators_api_are_never_cached(client, tree):
    assert get(client, "/admin/login/")[1] is None
    assert get(client, "/api/calculators/datasets/")[1] is None


def test_off_when_the_setting_is_zero(client, tree, settings):
    settings.CEMS_PUBLIC_CACHE_SECONDS = 0
    get(client, "/zh-hans/")
    assert get(client, "/zh-hans/")[1] is None
