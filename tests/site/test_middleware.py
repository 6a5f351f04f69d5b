"""LocaleMiddlewareExceptApi: API 404s stay JSON 404s; public pages keep the language redirect."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_404_is_not_redirected_to_a_language_prefix(client):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_unknown_api_path_is_a_plain_404(client):
    response = client.get("/api/v2/no-such-endpoint/")
    assert response.status_code == 404
    assert "Location" not in response


def test_unprefixed_public_path_redirects_to_the_default_language(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 302
    assert response["Location"].startswith("/zh-hans/")
