"""Sitemap with hreflang alternates, robots.txt, canonical/alternate links, <html lang> and
Open Graph tags of the public pages (cems_pages.seo, templates/base.html)."""

import re
import xml.etree.ElementTree as ET

import pytest

from .factories import PolicyPageFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_public_pages_in_both_languages_with_alternates(
    client, tree_en, tree, home, django_assert_max_num_queries
):
    from wagtail.models import PageViewRestriction

    PolicyPageFactory(parent=home, slug="draft", publish=False)
    PolicyPageFactory(parent=home, slug="old", withdraw_on_approval=True)
    private = PolicyPageFactory(parent=home, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    sitemap(client)  # warm Wagtail's per-process caches
    with django_assert_max_num_queries(20) as before:
        urls = sitemap(client)
    for slug in ("a", "b", "c"):
        PolicyPageFactory(parent=home, slug=f"more-{slug}")
    with django_assert_max_num_queries(20) as after:
        assert len(sitemap(client)) == len(urls) + 3
    assert len(after.captured_queries) == len(before.captured_queries)
    base = "http://testserver"
    assert urls[f"{base}/zh-hans/policy/"] == {
        "zh-hans": f"{base}/zh-hans/policy/",
        "en": f"{base}/en/policy/",
        "x-default": f"{base}/zh-hans/policy/",
    }
    assert urls[f"{base}/en/policy/"]["zh-hans"] == f"{base}/zh-hans/policy/"
    for path in ("/zh-hans/", "/en/", "/zh-hans/scope/", "/en/glossary/"):
        assert f"{base}{path}" in urls, path
    for path in ("/zh-hans/manual/", "/en/manual/", "/zh-hans/draft/", "/zh-hans/old/"):
        assert f"{base}{path}" not in urls, path
    assert f"{base}/zh-hans/private/" not in urls
    assert not any(tree["procedure"].slug in url for url in urls)


def test_robots_keeps_the_admin_out_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt", HTTP_HOST="cems.example.com")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /documents/" in lines
    assert "Sitemap: http://cems.example.com/sitemap.xml" in lines


def head(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    return html, html.split("</head>")[0]


def test_page_head_has_lang_canonical_alternates_and_open_graph(client, tree_en, tree):
    html, zh = head(client, "/zh-hans/policy/")
    assert '<html lang="zh-hans">' in html
    assert '<link rel="canonical" href="http://testserver/zh-hans/policy/">' in zh
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/policy/">' in zh
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/zh-hans/policy/">' in zh
    )
    assert '<meta property="og:title" content="碳排放管理方针">' in zh
    assert '<meta property="og:url" content="http://testserver/zh-hans/policy/">' in zh
    assert '<meta property="og:locale" content="zh_CN">' in zh
    assert '<meta property="og:locale:alternate" content="en_US">' in zh
    html, en = head(client, "/en/policy/")
    assert '<html lang="en">' in html
    assert '<link rel="canonical" href="http://testserver/en/policy/">' in en
    assert '<meta property="og:title" content="Carbon policy">' in en
    assert '<meta property="og:locale" content="en_US">' in en


def test_untranslated_page_has_no_alternates(client, tree):
    _html, zh = head(client, "/zh-hans/scope/")
    assert '<link rel="canonical" href="http://testserver/zh-hans/scope/">' in zh
    assert not re.search(r'rel="alternate" hreflang=', zh)


def test_search_page_is_canonical_without_its_query(client, tree):
    _html, zh = head(client, "/zh-hans/search/?q=%E7%A2%B3")
    assert '<link rel="canonical" href="http://testserver/zh-hans/search/">' in zh
