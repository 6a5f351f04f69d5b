"""Shared fragments of the public site (cems_pages.cache.public_fragment): the menu, the home
link, a page's readable children, its translations, the locales, rich-text page links, the
API's page items and site scope. Kept between requests under the public cache's generation and
used with the response cache OFF; each is rebuilt after a publish, unpublish, move, view
restriction, a document's status saved or a run's approval, and never shows a draft (4.2, 4.3,
7.3.3, 9.1)."""

import re

from django.core.cache import cache
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from cems_pages.cache import public_cache_generation, public_fragment
from cems_pages.models import DocumentStatus
from tests.calculators.conftest import approved_year, done_run, enterprise  # noqa: F401

from .conftest import publish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    """Response cache off (every request renders), shared fragments on."""
    settings.CEMS_PUBLIC_CACHE_SECONDS = 0
    settings.CEMS_PUBLIC_IDS_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def _nav(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert response.get("X-Cems-Cache") is None  # rendered, not a stored response
    match = re.search(r'<nav class="site-nav".*?</nav>', response.content.decode(), re.S)
    assert match is not None
    return match.group(0)


def _children_pks(client, path) -> set[int]:
    response = client.get(path)
    assert response.status_code == 200
    return {child.pk for child in response.context["children"]}


def _api_items(client) -> dict[int, dict]:
    response = client.get("/api/v2/pages/", {"limit": 20})
    assert response.status_code == 200
    return {item["id"]: item for item in response.json()["items"]}


def test_a_second_render_reads_the_fragments_and_issues_fewer_queries(client, tree):
    from django.db import connection

    home = tree["home"]
    with CaptureQueriesContext(connection) as first:
        assert client.get(home.url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        again = client.get(home.url)
    assert again.status_code == 200
    # site, routing (cems_pages.cache.route_public_page), nav, home link, children,
    # translations, locales and the rendered body all kept: no query at all
    assert len(second.captured_queries) == 0 < len(first.captured_queries)
    assert {child.pk for child in again.context["children"]} >= {tree["policy"].pk}


def test_publishing_a_new_title_shows_in_menu_children_and_api(client, tree):
    home, policy = tree["home"], tree["policy"]
    assert policy.title in _nav(client, home.url)
    assert _api_items(client)[policy.pk]["title"] == policy.title
    policy.title = "修订后的碳排放管理方针"
    policy.menu_title = ""
    policy.save_revision().publish()
    assert "修订后的碳排放管理方针" in _nav(client, home.url)
    response = client.get(home.url)
    titles = {child.title for child in response.context["children"]}
    assert "修订后的碳排放管理方针" in titles
    assert _api_items(client)[policy.pk]["title"] == "修订后的碳排放管理方针"


def test_a_draft_never_reaches_menu_children_or_api(client, tree):
    home, policy = tree["home"], tree["policy"]
    live_title = policy.title
    _nav(client, home.url)
    _api_items(client)
    policy.title = "草稿标题，不应公开"
    policy.save_revision()  # a draft: not published
    html = client.get(home.url).content.decode()
    assert "草稿标题" not in html and live_title in html
    assert _api_items(client)[policy.pk]["title"] == live_title
    assert "草稿标题" not in client.get(policy.url).content.decode()


def test_unpublishing_removes_the_page_from_every_fragment(client, tree):
    home, policy = tree["home"], tree["policy"]
    assert f'href="{policy.url}"' in _nav(client, home.url)
    assert policy.pk in _children_pks(client, home.url)
    assert policy.pk in _api_items(client)
    policy.unpublish()
    assert f'href="{policy.url}"' not in _nav(client, home.url)
    assert policy.pk not in _children_pks(client, home.url)
    assert policy.pk not in _api_items(client)


def test_moving_a_page_changes_menu_children_and_api_urls(client, tree):
    home, glossary, scope = tree["home"], tree["glossary"], tree["scope"]
    old_url = glossary.url
    assert f'href="{old_url}"' in _nav(client, home.url)
    assert glossary.pk in _children_pks(client, home.url)
    old_html_url = _api_items(client)[glossary.pk]["meta"]["html_url"]
    glossary.move(scope, pos="last-child")
    glossary.refresh_from_db()
    assert f'href="{old_url}"' not in _nav(client, home.url)
    assert glossary.pk not in _children_pks(client, home.url)
    new_html_url = _api_items(client)[glossary.pk]["meta"]["html_url"]
    assert new_html_url != old_html_url and new_html_url.endswith(glossary.url)


def test_a_status_saved_directly_leaves_menu_and_children(client, tree):
    home, policy = tree["home"], tree["policy"]
    assert policy.pk in _children_pks(client, home.url)
    policy.withdraw_on_approval = True
    policy.save()  # no publish signal: the document's save raises the generation
    assert policy.document_status == DocumentStatus.WITHDRAWN
    assert f'href="{policy.url}"' not in _nav(client, home.url)
    assert policy.pk not in _children_pks(client, home.url)
    assert policy.pk not in _api_items(client)


def test_a_view_restriction_removes_the_page_from_menu_and_api(client, tree):
    home, policy = tree["home"], tree["policy"]
    assert policy.pk in _api_items(client)
    _nav(client, home.url)
    PageViewRestriction.objects.create(page=policy, restriction_type=PageViewRestriction.LOGIN)
    assert policy.pk not in _api_items(client)  # the API's site scope was rebuilt


def test_menu_and_children_are_kept_per_audience(client, auditor, tree):
    home, manual = tree["home"], tree["manual"]
    assert manual.title not in _nav(client, home.url)  # internal: not for the public
    client.force_login(auditor)
    assert manual.title in _nav(client, home.url)
    assert manual.pk in _children_pks(client, home.url)
    client.logout()
    assert manual.title not in _nav(client, home.url)
    assert manual.pk not in _children_pks(client, home.url)


def test_menu_is_kept_per_language(client, tree, tree_en):
    assert "Carbon policy" in _nav(client, tree_en["home"].url)
    assert "Carbon policy" not in _nav(client, tree["home"].url)
    assert tree["policy"].title in _nav(client, tree["home"].url)


def test_a_new_translation_appears_in_the_switcher_at_once(client, tree, home_en):
    policy = tree["policy"]
    html = client.get(policy.url).content.decode()
    assert '<link rel="alternate" hreflang="en"' not in html
    assert 'href="/en/policy/"' not in html  # the switcher goes to the English home page
    english = publish_translation(policy, title="Carbon policy", draft_title="Carbon policy")
    html = client.get(policy.url).content.decode()
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english.url}">' in html
    assert f'<a href="{english.url}" lang="en" hreflang="en">English</a>' in html


def test_rich_text_page_links_follow_a_changed_slug(client, tree):
    home, policy = tree["home"], tree["policy"]
    home.intro = f'<p>见<a linktype="page" id="{policy.pk}">碳排放管理方针</a>。</p>'
    home.save_revision().publish()
    assert f'<a href="{policy.url}">碳排放管理方针</a>' in client.get(home.url).content.decode()
    policy.slug = "carbon-policy-2027"
    policy.save_revision().publish()
    policy.refresh_from_db()
    html = client.get(home.url).content.decode()
    assert f'<a href="{policy.url}">碳排放管理方针</a>' in html
    assert "carbon-policy-2027" in policy.url


def test_a_run_approval_rebuilds_every_fragment(
    client,
    tree,
    done_run,  # noqa: F811
    data_reviewer,
):
    from calculators.services.runs import run_approve

    built = []
    public_fragment("probe", (), lambda: built.append(1) or "first")
    assert public_fragment("probe", (), lambda: built.append(1) or "again") == "first"
    before = public_cache_generation()
    run_approve(run=done_run, user=data_reviewer)
    assert public_cache_generation() > before
    assert public_fragment("probe", (), lambda: built.append(1) or "rebuilt") == "rebuilt"
    assert len(built) == 2


def test_fragments_are_off_with_the_setting_at_zero(settings, tree):
    settings.CEMS_PUBLIC_IDS_SECONDS = 0
    values = iter(["one", "two"])
    assert public_fragment("probe", (), lambda: next(values)) == "one"
    assert public_fragment("probe", (), lambda: next(values)) == "two"
