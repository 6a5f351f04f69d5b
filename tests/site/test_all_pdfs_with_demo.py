"""Every PDF the product offers, rendered from the full demo in both languages (issue 8 item 1).

The demo (``manage.py cems_demo``: registers, pages, accounting, assessment, review) is loaded
once for the module inside a transaction rolled back at the end. Each PDF is fetched through
its real view as a user allowed to see it (the auditor, who reads everything), in Chinese and
in English; the test settings make PDF templates raise on any variable they cannot resolve
(``CEMS_STRICT_PDF_TEMPLATES``), so a template error in any record of the demo fails here.

Adding a PDF to the product? Add its endpoint to :func:`pdf_requests`.
"""

import re
from io import BytesIO

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
from pypdf import PdfReader

LANGUAGES = ("zh-hans", "en")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo_db(full_demo):
    """The full demo, loaded once (tests/conftest.py ``full_demo``); gone after the module."""


@pytest.fixture
def auditor_client(demo_db, db):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="auditor"))
    return client


def expected_heading(msgid: str, language: str) -> str:
    """The translated heading the PDF must show: Chinese characters in Chinese, else the msgid."""
    with translation.override(language):
        text = translation.gettext(msgid)
    if language == "zh-hans":
        assert HAN.search(text), f"{msgid!r} is not translated into Chinese"
    else:
        assert text == msgid
    return text


def pdf_requests() -> list[tuple[str, str, str | None, str]]:
    """(what, URL, language, heading msgid) of every PDF the demo offers.

    Admin URLs (language ``None``) are fetched in each language (``?lang=``); a document is
    fetched in its own page's language, under that language's URL prefix.
    """
    from wagtail.models import Page

    from calculators.models import AccountingRun, Assessment, RunStatus
    from cems_pages.models import ControlledDocument
    from cems_registers.models import Audit, ManagementReview

    requests = []
    for review in ManagementReview.objects.order_by("pk"):
        url = reverse("cems_registers_management_review_pack_pdf", args=(review.pk,))
        requests.append((f"review {review}", url, None, "Management review pack"))
    for audit in Audit.objects.order_by("pk"):
        url = reverse("cems_registers_audit_report_pdf", args=(audit.pk,))
        requests.append((f"audit {audit}", url, None, "Audit report"))
    for run in AccountingRun.objects.filter(status__in=[RunStatus.DONE, RunStatus.APPROVED]):
        url = reverse("calculators_run_report", args=(run.pk, "pdf"))
        requests.append((f"run {run.pk}", url, None, "Greenhouse gas emissions accounting report"))
    for assessment in Assessment.objects.order_by("pk"):
        url = reverse("calculators_assessment_report", args=(assessment.pk, "pdf"))
        requests.append(
            (f"assessment {assessment.pk}", url, None, "Assessment of reduction potential")
        )
    documents = Page.objects.live().type(ControlledDocument).select_related("locale")
    for page in documents.order_by("pk"):
        language = page.locale.language_code
        path = f"/{language}/pdf/{page.pk}/"
        requests.append((f"document {page.pk} {page.title}", path, language, "Document number"))
    return requests


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_the_demo_offers_every_kind_of_pdf(auditor_client):
    kinds = {what.split()[0] for what, *_rest in pdf_requests()}
    assert kinds == {"review", "audit", "run", "assessment", "document"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pdf_renders_from_the_demo(auditor_client, language):
    failures = []
    requests = pdf_requests()
    for what, url, only_language, heading in requests:
        if only_language not in (None, language):
            continue
        try:
            response = auditor_client.get(url, {} if only_language else {"lang": language})
        except Exception as exc:  # noqa: BLE001 any error: name the record, go on with the others
            failures.append(f"{what}: {type(exc).__name__}: {exc}")
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            failures.append(f"{what}: HTTP {response.status_code} {response['Content-Type']}")
            continue
        if not body.startswith(b"%PDF"):
            failures.append(f"{what}: not a PDF")
            continue
        expected = expected_heading(heading, language)
        if squeeze(expected) not in squeeze(pdf_text(body)):
            failures.append(f"{what}: {expected!r} not in the text")
    assert failures == [], "\n".join(failures)
    assert len(requests) >= 10
