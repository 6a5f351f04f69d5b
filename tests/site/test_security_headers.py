"""Security headers (issue 13 §5; cems_site.security.headers): an enforced
Content-Security-Policy on the public site, report-only on the admin, Referrer-Policy and
Permissions-Policy on every response; the public pages run in headless Chromium under the
policy without a single violation."""

import json
import logging

from django.test import override_settings

import pytest

from cems_registers.roles import Role
from tests.cems_pages.conftest import home, tree  # noqa: F401
from tests.cems_pages.test_feedback import make_feedback_page

from .browser import SiteServer, chromium_driver, record

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"

#: Collects every CSP violation of the page from its first script on.
LISTEN = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation', e => window.__csp.push("
    "[e.disposition, e.effectiveDirective, e.blockedURI, e.lineNumber].join(' ')));"
)


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_public_pages_get_an_enforced_policy(client, tree):  # noqa: F811
    for url in (tree["home"].url, tree["policy"].url, "/zh-hans/no-such-page/"):
        response = client.get(url)
        policy = directives(response[CSP])
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
        assert f"{CSP}-Report-Only" not in response
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_api_and_login_pages_carry_the_headers_too(client):
    for url in ("/api/v2/pages/", "/zh-hans/_util/login/"):
        response = client.get(url)
        assert "script-src 'self'" in response[CSP], url
        assert "Permissions-Policy" in response


def test_the_admin_policy_is_report_only_and_can_be_enforced(client, make_user, settings):
    client.force_login(make_user("editor", Role.EDITORS))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert CSP not in response
    report_only = directives(response[f"{CSP}-Report-Only"])
    assert report_only["script-src"] == ["'self'"]
    assert report_only["report-uri"] == ["/csp-report/"]
    settings.CEMS_CSP_ADMIN_REPORT_ONLY = False
    enforced = client.get("/admin/")
    assert "report-uri /csp-report/" in enforced[CSP]
    assert f"{CSP}-Report-Only" not in enforced


@override_settings(CEMS_PUBLIC_CACHE_SECONDS=600)
def test_cached_public_responses_keep_the_headers(client, tree):  # noqa: F811
    from django.core.cache import cache

    cache.clear()
    client.get(tree["policy"].url)
    hit = client.get(tree["policy"].url)
    assert hit["X-Cems-Cache"] == "hit"
    assert "script-src 'self'" in hit[CSP]
    assert hit["Referrer-Policy"] == "same-origin"


def test_csp_reports_are_logged_and_bounded(client, caplog):
    report = {"csp-report": {"violated-directive": "script-src-elem", "blocked-uri": "inline"}}
    with caplog.at_level(logging.INFO, logger="cems.csp"):
        response = client.post("/csp-report/", json.dumps(report), "application/csp-report")
    assert response.status_code == 204
    assert "script-src-elem" in caplog.text
    assert client.post("/csp-report/", "not json", "application/csp-report").status_code == 400
    assert client.get("/csp-report/").status_code == 405


@pytest.fixture
def browser():
    driver = chromium_driver()
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTEN})
    yield driver
    driver.quit()


def with_meta_policy(body: bytes, header: str) -> bytes:
    """The page with its CSP header as a ``<meta>`` (the test server sends no headers);
    ``frame-ancestors`` and reporting are header-only directives, left out."""
    kept = "; ".join(
        part.strip()
        for part in header.split(";")
        if part.split()[0] not in {"frame-ancestors", "report-uri"}
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{kept}">'.encode()
    return body.replace(b"<head>", b"<head>" + meta, 1)


def violations(driver, url: str) -> list[str]:
    driver.get(url)
    return driver.execute_script("return window.__csp")


def test_public_pages_run_in_chromium_without_a_violation(client, tree, make_user, browser):  # noqa: F811
    feedback = make_feedback_page(
        parent=tree["home"], handler=make_user("handler", Role.REGISTER_KEEPERS)
    )
    paths = [
        tree["home"].url,
        tree["policy"].url,
        tree["scope"].url,
        feedback.url,
        "/zh-hans/search/?q=%E7%A2%B3",
        "/zh-hans/no-such-page/",
    ]
    header = client.get(tree["home"].url)[CSP]
    recorded = {
        path: (status, kind, with_meta_policy(body, header))
        for path, (status, kind, body) in record(client, paths).items()
    }
    bad = (
        200,
        "text/html; charset=utf-8",
        with_meta_policy(
            b"<html><head></head><body>"
            b"<script>document.title='x'</script><p style='color:red'>ok</p></body></html>",
            header,
        ),
    )
    recorded["/bad/"] = bad
    found = {}
    with SiteServer(recorded=recorded) as server:
        for path in paths:
            if found_here := violations(browser, server.url + path):
                found[path] = found_here
        # the check would see one: an inline script is refused (inline styles are allowed)
        control = violations(browser, server.url + "/bad/")
    assert found == {}
    assert [v.split()[:2] for v in control] == [["enforce", "script-src-elem"]]
