"""Audit report and management review pack PDFs: Chinese headings are extractable text."""

import datetime as dt
from io import BytesIO

import pytest
from pypdf import PdfReader

from cems_registers.models import (
    Audit,
    AuditFinding,
    AuditProgramme,
    ManagementReview,
    Nonconformity,
    ReviewDecision,
)
from cems_registers.reports import audit_report_pdf, management_review_pack_pdf

from ..refusals import assert_denied_in_admin

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.fixture
def audit(register_keeper):
    programme = AuditProgramme.objects.create(
        code="AP-2026",
        title="2026 年度内部审核",
        purpose="验证碳排放管理体系的符合性",
        criteria="T/CSES 146—2024",
        scope="全部场所",
    )
    audit = Audit.objects.create(
        programme=programme,
        title="苏州总装厂审核",
        audited_on=dt.date(2026, 5, 20),
        overview="审核了能源计量和数据管理。",
        conclusion="体系基本有效。",
        distribution="管理者代表、各部门负责人",
        owner=register_keeper,
    )
    finding = AuditFinding.objects.create(
        audit=audit, reference="F-1", clause="9.1", kind="minor", description="电表未按期校准"
    )
    Nonconformity.objects.create(
        code="NC-001",
        title="电表校准逾期",
        source="audit",
        finding=finding,
        description="二号电表校准过期两个月",
    )
    return audit


def test_audit_report_in_chinese(audit):
    text = pdf_text(audit_report_pdf(audit_id=audit.pk, language="zh-hans"))
    for expected in (
        "审核报告",
        "苏州总装厂审核",
        "电表未按期校准",
        "NC-001",
        "电表校准逾期",
        "体系基本有效",
    ):
        assert expected in text


def test_audit_report_in_english(audit):
    text = pdf_text(audit_report_pdf(audit_id=audit.pk, language="en"))
    assert "Audit report" in text
    assert "Findings" in text and "Nonconformities raised" in text
    assert "苏州总装厂审核" in text  # record content stays as entered


def test_audit_report_query_count(audit, django_assert_num_queries):
    from cems_registers.reports import audit_report_context

    with django_assert_num_queries(3):
        context = audit_report_context(audit_id=audit.pk)
        assert [nc.code for nc in context["nonconformities"]] == ["NC-001"]


@pytest.fixture
def review(register_keeper):
    from cems_registers.services.management_review import management_review_create

    review = management_review_create(
        title="2026 年度管理评审",
        held_on=dt.date(2026, 6, 30),
        chair=register_keeper,
        conclusions="体系适宜、充分、有效。",
    )
    ReviewDecision.objects.create(review=review, decision="增加光伏装机 2 MW", kind="improvement")
    return review


def test_management_review_pack_in_chinese(review):
    text = pdf_text(management_review_pack_pdf(review_id=review.pk, language="zh-hans"))
    for expected in ("管理评审", "2026 年度管理评审", "增加光伏装机", "体系适宜"):
        assert expected in text


def test_pdf_views_need_view_permission(client, audit, review, auditor, make_user):
    from django.urls import reverse

    audit_url = reverse("cems_registers_audit_report_pdf", args=(audit.pk,))
    review_url = reverse("cems_registers_management_review_pack_pdf", args=(review.pk,))
    client.force_login(auditor)
    response = client.get(audit_url, {"lang": "zh-hans"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "审核报告" in pdf_text(response.content)
    assert client.get(review_url, {"lang": "en"}).status_code == 200

    outsider = make_user("outsider", "Data submitters")
    client.force_login(outsider)
    assert_denied_in_admin(client.get(audit_url))
    assert not ManagementReview.objects.none().exists()
