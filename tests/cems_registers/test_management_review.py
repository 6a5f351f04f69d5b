"""Management review inputs gathered from the registers (clause 9.5)."""

import datetime as dt

from django.urls import reverse

import pytest

from cems_registers.models import ManagementReview
from cems_registers.services.management_review import (
    management_review_create,
    management_review_gather_inputs,
)

from . import factories as f


def make_registers():
    open_nc = f.NonconformityFactory(
        code="NC-OPEN", title="流量计超期", due_date=dt.date(2026, 5, 1)
    )
    f.CorrectiveActionFactory(nonconformity=open_nc, description="送检 M02")
    closed_nc = f.NonconformityFactory(code="NC-CLOSED", status="closed")
    f.CorrectiveActionFactory(
        nonconformity=closed_nc,
        description="已完成",
        completed_on=dt.date(2026, 2, 1),
        effective=True,
    )
    f.RiskFactory(title="高分风险", likelihood=5, impact=5)
    f.RiskFactory(title="低分风险", likelihood=1, impact=2)
    f.RiskFactory(title="已关闭风险", likelihood=5, impact=4, status="closed")
    obligation = f.ComplianceObligationFactory(title="碳排放权交易管理暂行条例")
    f.ComplianceEvaluationFactory(obligation=obligation, evaluated_on=dt.date(2026, 3, 1))
    f.ComplianceEvaluationFactory(obligation=obligation, evaluated_on=dt.date(2025, 3, 1))
    f.ImplementationPlanFactory(code="PL-A", budget=100, spent=40, people="2 人")
    f.ImplementationPlanFactory(code="PL-X", budget=999, status="cancelled")
    audit = f.AuditFactory(title="无锡内审", audited_on=dt.date(2026, 6, 1), conclusion="基本符合")
    f.AuditFindingFactory(audit=audit, kind="minor")
    f.AuditFindingFactory(audit=audit, kind="observation")
    f.InterestedPartyFactory(party="欧洲整车客户")


def test_inputs_snapshot_the_registers(db):
    f.ManagementReviewFactory(title="上次评审", held_on=dt.date(2025, 12, 20))
    make_registers()
    review = management_review_create(title="2026 年度管理评审", held_on=dt.date(2026, 12, 15))
    inputs = review.inputs

    assert inputs["period"] == {"since": "2025-12-20", "until": "2026-12-15"}
    assert [nc["code"] for nc in inputs["open_nonconformities"]] == ["NC-OPEN"]
    assert [a["description"] for a in inputs["open_actions"] if a["kind"] == "corrective"] == [
        "送检 M02"
    ]
    assert [r["title"] for r in inputs["top_risks"]] == ["高分风险", "低分风险"]
    assert inputs["top_risks"][0]["score"] == 25
    assert [e["date"] for e in inputs["compliance_evaluations"]] == ["2026-03-01"]
    assert inputs["resources"]["budget"] == 100.0
    assert inputs["resources"]["spent"] == 40.0
    assert [p["code"] for p in inputs["resources"]["plans"]] == ["PL-A"]
    assert inputs["audits"][0]["findings"]["minor"] == 1
    assert inputs["audits"][0]["findings"]["observation"] == 1
    assert [p["party"] for p in inputs["interested_party_changes"]] == ["欧洲整车客户"]
    assert "2026-03-01" in review.inputs_text


def test_later_register_edits_do_not_change_a_held_review(db):
    make_registers()
    review = management_review_create(title="评审", held_on=dt.date(2026, 12, 15))
    f.NonconformityFactory(code="NC-LATER")
    review.refresh_from_db()
    assert "NC-LATER" not in [nc["code"] for nc in review.inputs["open_nonconformities"]]
    management_review_gather_inputs(review=review)
    assert "NC-LATER" in [nc["code"] for nc in review.inputs["open_nonconformities"]]


def test_gathering_uses_a_fixed_number_of_queries(db, django_assert_max_num_queries):
    make_registers()
    review = f.ManagementReviewFactory(held_on=dt.date(2026, 12, 15))
    # a fixed budget; the sections other apps contribute (review_inputs) add their own
    with django_assert_max_num_queries(40) as small:
        management_review_gather_inputs(review=review)
    for i in range(10):
        nc = f.NonconformityFactory(code=f"NC-MORE-{i}")
        f.CorrectiveActionFactory(nonconformity=nc)
        f.AuditFindingFactory(audit=f.AuditFactory(audited_on=dt.date(2026, 7, 1)))
    with django_assert_max_num_queries(len(small.captured_queries)):
        management_review_gather_inputs(review=review)


def test_review_created_in_the_admin_gathers_inputs(client, register_keeper):
    make_registers()
    client.force_login(register_keeper)
    response = client.post(
        reverse("wagtailsnippets_cems_registers_managementreview:add"),
        {
            "title": "年度评审",
            "held_on": "2026-12-15",
            "decisions-TOTAL_FORMS": "0",
            "decisions-INITIAL_FORMS": "0",
            "decisions-MIN_NUM_FORMS": "0",
            "decisions-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    review = ManagementReview.objects.get()
    assert [nc["code"] for nc in review.inputs["open_nonconformities"]] == ["NC-OPEN"]
    inspect = client.get(
        reverse("wagtailsnippets_cems_registers_managementreview:inspect", args=(review.pk,))
    )
    html = inspect.content.decode()
    assert "NC-OPEN 流量计超期" in html
    assert "<br>" in html


# --- the pack PDF holds every kind of row the snapshot can hold (issue 8 item 1) -------------


def pdf_text(data: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    assert data.startswith(b"%PDF")
    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def make_every_kind_of_input(owner):
    """One open record of every kind the snapshot gathers, each owned by a named person."""
    make_registers()
    earlier = f.ManagementReviewFactory(title="上次评审", held_on=dt.date(2025, 12, 20))
    f.ReviewDecisionFactory(review=earlier, decision="复核光伏方案", owner=owner)
    f.ContextIssueFactory(title="电价上涨")
    f.ObjectiveFactory(code="OBJ-1", title="单位产值排放下降")
    risk = f.RiskFactory(title="碳价上涨", likelihood=4, impact=4)
    f.RiskActionFactory(risk=risk, description="签订绿电长协", owner=owner)
    nc = f.NonconformityFactory(code="NC-ACT", title="台账缺失")
    f.CorrectiveActionFactory(nonconformity=nc, description="补录台账", owner=owner)
    f.ChangeFactory(title="新增天然气锅炉")


@pytest.fixture
def full_review(make_user):
    owner = make_user("wangfang", first_name="芳", last_name="王")
    make_every_kind_of_input(owner)
    return management_review_create(title="2026 年度管理评审", held_on=dt.date(2026, 12, 15))


def test_the_snapshot_of_the_test_holds_every_kind_of_row(full_review):
    inputs = full_review.inputs
    lists = {
        "previous_decisions": inputs["previous_decisions"],
        "context_issue_changes": inputs["context_issue_changes"],
        "interested_party_changes": inputs["interested_party_changes"],
        "objectives": inputs["objectives"],
        "open_nonconformities": inputs["open_nonconformities"],
        "compliance_evaluations": inputs["compliance_evaluations"],
        "audits": inputs["audits"],
        "top_risks": inputs["top_risks"],
        "plans": inputs["resources"]["plans"],
        "changes": inputs["changes"],
    }
    assert [key for key, rows in lists.items() if not rows] == []
    assert {row["kind"] for row in inputs["open_actions"]} == {"corrective", "risk"}
    # every list of the snapshot is covered above: a new one must be added to this test
    # (``contributed`` holds other apps' sections: cems_registers.review_inputs)
    assert set(inputs) - set(lists) == {
        "period",
        "previous_review",
        "open_actions",
        "resources",
        "contributed",
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh-hans",
            [
                "管理评审资料",
                "纠正或预防措施",
                "NC-ACT",
                "补录台账",
                "签订绿电长协",
                "碳价上涨",
                "王芳",
            ],
        ),
        ("en", ["Management review pack", "NC-ACT", "补录台账", "签订绿电长协", "碳价上涨"]),
    ],
)
def test_pack_pdf_renders_every_kind_of_row(full_review, language, expected):
    """Open corrective and risk actions together used to fail (VariableDoesNotExist [risk])."""
    from cems_registers.reports import management_review_pack_pdf

    text = pdf_text(management_review_pack_pdf(review_id=full_review.pk, language=language))
    for snippet in expected:
        assert snippet in text, snippet


def test_pack_pdf_view_with_open_actions(client, full_review, auditor):
    client.force_login(auditor)
    url = reverse("cems_registers_management_review_pack_pdf", args=(full_review.pk,))
    for language, heading in (("zh-hans", "管理评审资料"), ("en", "Management review pack")):
        response = client.get(url, {"lang": language})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert heading in pdf_text(response.content)


def test_pack_pdf_reads_a_snapshot_with_missing_keys(db):
    """A snapshot gathered by another version (no ``kind``, no owner) still renders."""
    from cems_registers.reports import management_review_pack_context, management_review_pack_pdf

    review = f.ManagementReviewFactory(
        title="旧评审",
        held_on=dt.date(2025, 6, 30),
        inputs={
            "period": {"until": "2025-06-30"},
            "open_actions": [
                {"nonconformity": "NC-OLD", "description": "旧措施"},
                {"risk": "旧风险", "description": "旧风险措施"},
            ],
            "top_risks": [{"title": "旧风险", "likelihood": 3, "impact": 3}],
        },
    )
    context = management_review_pack_context(review_id=review.pk)
    assert [(row["kind"], row["subject"], row["owner"]) for row in context["actions"]] == [
        ("corrective", "NC-OLD", None),
        ("risk", "旧风险", None),
    ]
    assert context["risks"][0]["score"] is None
    text = pdf_text(management_review_pack_pdf(review_id=review.pk, language="zh-hans"))
    assert "NC-OLD" in text and "旧风险措施" in text
