"""docs/frontend-example/index.html in headless Chromium: the policy and the disclosed results
rendered from the public API alone, in Chinese and English."""

from pathlib import Path

import pytest

from tests.cems_pages.conftest import home, home_en, tree, tree_en  # noqa: F401
from tests.cems_pages.test_disclosure import (  # noqa: F401
    approved_dataset,
    approved_run,
    page,
    page_en,
)

from .browser import SiteServer, chromium_driver

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "frontend-example"


@pytest.fixture
def browser():
    driver = chromium_driver()
    yield driver
    driver.quit()


def rendered(browser, server, language: str) -> dict:
    browser.get(f"{server.url}/example/index.html?lang={language}")
    state = server.pump(
        until=lambda: browser.execute_script("return document.body.dataset.state"), timeout=90
    )
    return browser.execute_script(
        """
        const text = id => document.getElementById(id).textContent;
        return {
          state: document.body.dataset.state,
          status: text("status"),
          lang: document.documentElement.lang,
          policy: text("policy-title"),
          statement: text("policy-statement"),
          commitments: [...document.querySelectorAll("#policy-commitments [data-field]")]
            .map(n => [n.dataset.field, n.textContent]),
          link: document.getElementById("policy-link").href,
          tables: [...document.querySelectorAll("#results-body table")].map(t => ({
            id: Number(t.dataset.disclosure),
            rows: t.querySelectorAll("tbody tr").length,
            total: Number(t.querySelector("[data-total]").dataset.total),
          })),
          headings: [...document.querySelectorAll("#results-body h3")].map(n => n.textContent),
        };
        """
    ) | {"pumped": state}


def test_the_example_renders_policy_and_results_from_the_api(
    client,
    tree_en,  # noqa: F811
    tree,  # noqa: F811
    page,  # noqa: F811
    page_en,  # noqa: F811
    browser,
):
    totals = {
        language: client.get("/api/v2/results/", {"locale": language}).json()["meta"]["total_tco2e"]
        for language in ("zh-hans", "en")
    }
    assert totals["zh-hans"] > 0
    with SiteServer(client=client, folders={"/example/": EXAMPLE}) as server:
        zh = rendered(browser, server, "zh-hans")
        en = rendered(browser, server, "en")
        api_paths = list(server.api_paths)

    assert zh["state"] == "done", zh["status"]
    assert zh["lang"] == "zh-Hans"
    assert zh["policy"] == tree["policy"].title
    assert "低碳发展" in zh["statement"]
    assert [field for field, _text in zh["commitments"]] == [
        "compliance_commitment",
        "climate_action_commitment",
        "objectives_framework",
    ]
    assert "遵守适用的法律法规" in zh["commitments"][0][1]
    assert zh["link"].endswith("/zh-hans/policy/")
    assert [table["id"] for table in zh["tables"]] == [page.pk]
    assert zh["tables"][0]["rows"] > 1
    assert zh["tables"][0]["total"] == pytest.approx(totals["zh-hans"], rel=1e-9)
    assert page.title in zh["headings"][0]

    assert en["state"] == "done", en["status"]
    assert en["lang"] == "en"
    assert en["policy"] == "Carbon policy"
    assert [table["id"] for table in en["tables"]] == [page_en.pk]
    assert en["tables"][0]["total"] == pytest.approx(totals["en"], rel=1e-9)
    # the page read nothing but the public API
    assert api_paths and all(path.startswith("/api/v2/") for path in api_paths)
    assert any(path.startswith("/api/v2/results/") for path in api_paths)


def test_the_example_says_so_when_nothing_is_disclosed(client, tree, browser):  # noqa: F811
    with SiteServer(client=client, folders={"/example/": EXAMPLE}) as server:
        zh = rendered(browser, server, "zh-hans")
    assert zh["state"] == "done"
    assert zh["policy"] == tree["policy"].title
    assert zh["tables"] == []
