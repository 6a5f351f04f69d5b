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


# --- CORS for the public, read-only API (issue 8 item 11) -------------------------------------

ORIGIN = "https://front.example.com"


def test_cors_is_off_by_default(client, settings):
    settings.CEMS_API_CORS_ALLOWED_ORIGINS = []
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


def test_allowed_origin_may_read_the_public_api(client, settings):
    settings.CEMS_API_CORS_ALLOWED_ORIGINS = [ORIGIN]
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in response["Vary"]
    assert "Access-Control-Allow-Credentials" not in response


def test_other_origins_and_other_apis_get_no_cors_header(client, settings):
    settings.CEMS_API_CORS_ALLOWED_ORIGINS = [ORIGIN]
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example.net")
    assert "Access-Control-Allow-Origin" not in other
    calculators = client.get("/api/calculators/datasets/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in calculators
    page = client.get("/zh-hans/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in page


def test_preflight_allows_reading_only(client, settings):
    settings.CEMS_API_CORS_ALLOWED_ORIGINS = [ORIGIN]
    response = client.options(
        "/api/v2/pages/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "POST" not in response["Access-Control-Allow-Methods"]
    write = client.options(
        "/api/v2/pages/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="DELETE"
    )
    assert "Access-Control-Allow-Origin" not in write


def test_wildcard_allows_any_origin(client, settings):
    settings.CEMS_API_CORS_ALLOWED_ORIGINS = ["*"]
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://any.example.com")
    assert response["Access-Control-Allow-Origin"] == "*"
