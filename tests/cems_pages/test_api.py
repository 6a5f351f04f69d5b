"""Headless API v2: only live public pages (4.3, 5.2); JSON 404s, never a redirect."""

import pytest

from cems_pages.models import DocumentStatus

from .factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def listed_ids(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 20, **params})
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def test_public_pages_are_listed_internal_ones_are_not(client, tree):
    ids = listed_ids(client)
    for key in ("home", "policy", "scope", "glossary"):
        assert tree[key].pk in ids
    for key in ("manual", "procedure", "rule", "instruction", "process_map"):
        assert tree[key].pk not in ids


def test_internal_page_is_not_retrievable_by_id_even_for_staff(client, auditor, tree):
    for user in (None, auditor):
        if user:
            client.force_login(user)
        response = client.get(f"/api/v2/pages/{tree['procedure'].pk}/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")


def test_withdrawn_and_draft_pages_are_hidden(client, home):
    withdrawn = PolicyPageFactory(parent=home, slug="old", document_status=DocumentStatus.WITHDRAWN)
    draft = PolicyPageFactory(parent=home, slug="draft", publish=False)
    ids = listed_ids(client)
    assert withdrawn.pk not in ids and draft.pk not in ids
    assert client.get(f"/api/v2/pages/{withdrawn.pk}/").status_code == 404


def test_type_filter_exposes_structured_fields(client, tree):
    response = client.get(
        "/api/v2/pages/",
        {"type": "cems_pages.ScopePage", "fields": "gases,sites,exclusions,document_number"},
    )
    item = response.json()["items"][0]
    assert item["gases"] == ["CO2", "CH4", "N2O"]
    assert item["sites"][0]["name"] == "一号厂区"
    assert item["exclusions"][0]["reason"] == "不在运行控制范围内"
    detail = client.get(f"/api/v2/pages/{tree['policy'].pk}/").json()
    assert "遵守适用的法律法规" in detail["compliance_commitment"]
    assert detail["approver"] == tree["policy"].approver


def test_type_filter_does_not_leak_internal_documents(client, tree):
    response = client.get("/api/v2/pages/", {"type": "cems_pages.ProcedurePage"})
    assert response.json()["items"] == []


def test_unknown_page_is_a_json_404_not_a_redirect(client, db):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "Location" not in response
