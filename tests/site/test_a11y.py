"""WCAG 2.1 AA of the public templates: axe-core (vendored, tests/site/vendor/axe-core) in
headless Chromium over every public page type in both languages; keyboard navigation (skip
link first, focus visible)."""

from pathlib import Path

import pytest

from tests.cems_pages.conftest import home, home_en, tree, tree_en  # noqa: F401
from tests.cems_pages.factories import ProcedurePageFactory
from tests.cems_pages.test_disclosure import (  # noqa: F401
    approved_dataset,
    approved_run,
    make_page,
    translate,
)
from tests.cems_pages.test_feedback import make_feedback_page

from .browser import SiteServer, chromium_driver, record

pytestmark = pytest.mark.django_db

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
#: axe-core rule tags of WCAG 2.0 and 2.1, levels A and AA.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


@pytest.fixture
def browser():
    driver = chromium_driver()
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


def public_paths(tree, tree_en):  # noqa: F811
    procedure = ProcedurePageFactory(
        parent=tree["manual"], slug="public-procedure", title="信息交流程序", is_public=True
    )
    paths = []
    for prefix, pages in (("/zh-hans", tree), ("/en", tree_en)):
        paths += [
            f"{prefix}/",
            pages["policy"].url,
            pages["scope"].url,
            pages["glossary"].url,
            f"{prefix}/search/?q=%E7%A2%B3",
            f"{prefix}/no-such-page/",
        ]
    paths.append(procedure.url)
    return paths


def axe_violations(driver, url: str) -> list[dict]:
    driver.get(url)
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
        WCAG_AA,
    )


def test_public_pages_have_no_serious_or_critical_wcag_violation(
    client,
    tree_en,  # noqa: F811
    tree,  # noqa: F811
    browser,
):
    paths = public_paths(tree, tree_en)
    recorded = record(client, paths)
    for path in paths[:4]:
        assert recorded[path][0] == 200, path
    assert recorded[paths[-1]][0] == 200  # the public procedure
    found = {}
    with SiteServer(recorded=recorded) as server:
        for path in paths:
            violations = axe_violations(browser, server.url + path)
            assert violations is not None, path
            blocking = [v for v in violations if v["impact"] in BLOCKING]
            if blocking:
                found[path] = blocking
    assert found == {}


def test_disclosure_and_feedback_pages_have_no_serious_or_critical_wcag_violation(
    client,
    home_en,  # noqa: F811
    tree,  # noqa: F811
    approved_run,  # noqa: F811
    make_user,
    browser,
):
    from wagtail.models import Locale

    from cems_registers.roles import Role

    disclosure = make_page(tree["home"], approved_run)
    disclosure_en = translate(disclosure)
    feedback = make_feedback_page(
        parent=tree["home"], handler=make_user("handler", Role.REGISTER_KEEPERS)
    )
    feedback_en = feedback.copy_for_translation(Locale.objects.get(language_code="en")).specific
    feedback_en.title = feedback_en.draft_title = "Feedback"
    feedback_en.save()
    feedback_en.save_revision().publish()
    paths = [disclosure.url, disclosure_en.url, feedback.url, feedback_en.url]
    recorded = record(client, paths)
    assert [recorded[path][0] for path in paths] == [200] * 4
    found = {}
    with SiteServer(recorded=recorded) as server:
        for path in paths:
            blocking = [
                v for v in axe_violations(browser, server.url + path) if v["impact"] in BLOCKING
            ]
            if blocking:
                found[path] = blocking
    assert found == {}


def test_a_violation_would_be_found(client, tree, browser):  # noqa: F811
    """The check is live: a page with an image without alt text and grey-on-white text fails."""
    html = (
        b'<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main>'
        b'<img src="/static/none.png"><p style="color:#ccc;background:#fff">faint</p>'
        b"</main></body></html>"
    )
    with SiteServer(recorded={"/bad/": (200, "text/html; charset=utf-8", html)}) as server:
        ids = {v["id"] for v in axe_violations(browser, server.url + "/bad/")}
    assert {"image-alt", "color-contrast"} <= ids


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(client, tree, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    recorded = record(client, ["/zh-hans/policy/"])
    with SiteServer(recorded=recorded) as server:
        browser.get(server.url + "/zh-hans/policy/")
        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        active = browser.switch_to.active_element
        assert "skip-link" in active.get_attribute("class")
        assert active.text == "跳到正文"
        assert active.is_displayed() and active.rect["y"] >= 0
        outline = browser.execute_script(
            "const s = getComputedStyle(document.activeElement);"
            "return [s.outlineStyle, s.outlineWidth];"
        )
        assert outline[0] != "none" and outline[1] != "0px"
        active.send_keys(Keys.ENTER)
        assert browser.execute_script("return document.activeElement.id") == "main"
        # every link and control of the page is reachable: none is taken out of the tab order
        assert (
            browser.execute_script(
                'return document.querySelectorAll(\'a[tabindex="-1"], button[tabindex="-1"]\').length'
            )
            == 0
        )
