"""The cached ids of hidden pages (cems_pages.models.visibility.hidden_page_ids): read once per
generation of the public cache, and a page unpublished, made internal, withdrawn or restricted
leaves the menu and the children lists at once (4.3, 7.3.3)."""

import re

from django.core.cache import cache

from wagtail.models import PageViewRestriction

import pytest

from cems_pages.models import DocumentStatus
from cems_pages.selectors import hidden_page_ids, public_pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_cache(settings):
    settings.CEMS_PUBLIC_CACHE_SECONDS = 600
    settings.CEMS_PUBLIC_IDS_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def _nav(response) -> str:
    match = re.search(r'<nav class="site-nav".*?</nav>', response.content.decode(), re.S)
    assert match is not None
    return match.group(0)


def _shows(client, path, page) -> tuple[bool, bool | None]:
    """(``page`` in the menu of ``path``, ``page`` among its children or None if cached or listing none)."""
    response = client.get(path)
    assert response.status_code == 200
    in_nav = f'href="{page.url}"' in _nav(response)
    cached = response.context is None or "children" not in response.context
    children = None if cached else response.context["children"]
    in_children = None if children is None else any(c.pk == page.pk for c in children)
    return in_nav, in_children


def test_hidden_ids_are_read_once_per_generation(tree, django_assert_num_queries):
    ids = hidden_page_ids()
    assert tree["manual"].pk in ids  # the tree's manual is internal
    with django_assert_num_queries(1):  # the page query alone, the ids from the cache
        pages = list(public_pages())
    assert tree["manual"].pk not in {page.pk for page in pages}
    assert tree["policy"].pk in {page.pk for page in pages}


def test_hidden_ids_are_not_cached_when_the_public_cache_is_off(settings, tree):
    settings.CEMS_PUBLIC_IDS_SECONDS = 0
    assert hidden_page_ids() is None
    assert tree["manual"].pk not in set(public_pages().values_list("pk", flat=True))


def test_unpublished_page_leaves_nav_and_children_at_once(client, tree):
    home, policy = tree["home"], tree["policy"]
    assert _shows(client, home.url, policy) == (True, True)
    policy.unpublish()
    assert _shows(client, home.url, policy) == (False, False)


def test_page_made_internal_and_published_leaves_nav_and_children(client, tree):
    home, policy = tree["home"], tree["policy"]
    assert _shows(client, home.url, policy) == (True, True)
    policy.is_public = False
    policy.save_revision().publish()
    assert _shows(client, home.url, policy) == (False, False)
    assert client.get(policy.url).status_code != 200


def test_withdrawn_document_saved_directly_leaves_the_menu(client, tree):
    home, policy, scope = tree["home"], tree["policy"], tree["scope"]
    assert _shows(client, home.url, policy) == (True, True)
    assert policy.pk not in hidden_page_ids()
    policy.withdraw_on_approval = True
    policy.save()  # a live save withdraws it; no publish signal: the save drops the cached ids
    assert policy.document_status == DocumentStatus.WITHDRAWN
    assert policy.pk in hidden_page_ids()
    assert _shows(client, scope.url, policy)[0] is False


def test_restriction_raises_the_generation(client, tree):
    home, policy = tree["home"], tree["policy"]
    assert client.get(home.url)["X-Cems-Cache"] == "miss"
    assert client.get(home.url)["X-Cems-Cache"] == "hit"
    PageViewRestriction.objects.create(page=policy, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(home.url)["X-Cems-Cache"] == "miss"
    assert client.get(policy.url).status_code == 302  # to the login


def test_hidden_ids_serve_pages_rendered_with_the_response_cache_off(settings, client, tree):
    settings.CEMS_PUBLIC_CACHE_SECONDS = 0
    home, policy = tree["home"], tree["policy"]
    assert _shows(client, home.url, policy) == (True, True)
    assert hidden_page_ids() is not None
    policy.unpublish()
    assert _shows(client, home.url, policy) == (False, False)
