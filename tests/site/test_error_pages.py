"""404 and 500 pages in the site's layout and the visitor's language (issue 8 item 18)."""

from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/zh-hans/no-such-page/", "zh-hans", "页面未找到"),
        ("/en/no-such-page/", "en", "Page not found"),
    ],
)
def test_404_wears_the_site_layout_in_the_visitors_language(client, path, language, heading):
    from tests.cems_pages.factories import site_root

    site_root()
    site_root("en")
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html and 'class="site-search"' in html
    assert "cems_pages/css/site.css" in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("zh-hans", "我们这边出了问题"), ("en", "Something went wrong on our side")],
)
def test_500_wears_the_site_layout_without_touching_the_database(language, heading):
    # No django_db mark: any query would raise, so the page renders without the database.
    request = RequestFactory().get(f"/{language}/anything/")
    with translation.override(language):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert 'class="site-header"' in html
    assert "cems_pages/css/site.css" in html
