"""The login page for private documents and pages wears the site's layout, in both languages."""

from django.urls import reverse
from django.utils import translation

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "heading"), [("en", "Log in"), ("zh-hans", "登录")])
def test_login_page_uses_the_site_layout(client, language, heading):
    with translation.override(language):
        url = reverse("wagtailcore_login")
    response = client.get(url, {"next": "/documents/1/cert.pdf"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html and 'id="site-login"' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'name="next" value="/documents/1/cert.pdf"' in html


@pytest.mark.django_db
def test_login_page_logs_in(client, django_user_model):
    django_user_model.objects.create_user("staff", password="pw")
    with translation.override("en"):
        url = reverse("wagtailcore_login")
    response = client.post(url, {"username": "staff", "password": "pw", "next": "/en/"})
    assert response.status_code == 302 and response["Location"] == "/en/"
