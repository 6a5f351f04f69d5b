"""Documents as PDF in Chinese or English with the header block (7.3.2)."""

import io

from django.urls import reverse
from django.utils import translation

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def pdf_url(page, language):
    with translation.override(language):
        return reverse("cems_pages:document_pdf", args=[page.pk])


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_policy_pdf_contains_its_chinese_title_and_header_block(client, tree):
    policy = tree["policy"]
    response = client.get(pdf_url(policy, "zh-hans"))
    assert response.status_code == 200
    text = pdf_text(response)
    assert policy.title in text
    assert policy.document_number in text
    assert policy.approver.split()[0] in text
    assert policy.effective_date.isoformat() in text
    assert "遵守适用的法律法规和其他要求" in text


def test_english_pdf_uses_the_english_translation(client, tree, tree_en):
    response = client.get(pdf_url(tree["policy"], "en"))
    text = pdf_text(response)
    assert tree_en["policy"].title in text
    assert "Document number" in text


def test_procedure_pdf_for_staff_has_steps(client, auditor, tree):
    client.force_login(auditor)
    text = pdf_text(client.get(pdf_url(tree["procedure"], "zh-hans")))
    assert tree["procedure"].title in text
    assert "收集数据" in text


def test_internal_pdf_is_refused_to_anonymous(client, tree):
    response = client.get(pdf_url(tree["procedure"], "zh-hans"))
    assert response.status_code == 404  # like a missing page (issue 13 §6)
    assert response["Content-Type"] != "application/pdf"


def test_withdrawn_pdf_is_404_for_anonymous(client, tree):
    policy = tree["policy"]
    policy.withdraw_on_approval = True
    policy.save_revision().publish()
    assert client.get(pdf_url(policy, "zh-hans")).status_code == 404


def test_home_page_has_no_pdf(client, tree):
    assert client.get(pdf_url(tree["home"], "zh-hans")).status_code == 404
