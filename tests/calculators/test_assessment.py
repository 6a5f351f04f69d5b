"""Assessments of reduction potential (6.4): services, re-assessment trigger, admin pages."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from calculators.assessment import charts, services
from calculators.assessment.due import reassessment_due
from calculators.assessment.forms import AssessmentForm, parse_plan
from calculators.models import AccountingRun, Assessment, GwpSet, RunStatus
from cems_registers.due import due_items
from cems_registers.models import Facility, ReductionOpportunity

pytestmark = pytest.mark.django_db


def approved_run(year: int, total: float, production: float) -> AccountingRun:
    """An approved whole-year run with its total and production (no result rows)."""
    return AccountingRun.objects.create(
        name=f"run {year}",
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 1),
        gwp_set=GwpSet.objects.get(key="AR5"),
        status=RunStatus.APPROVED,
        total_tco2e=total,
        intensity={"per_t": {"production": production, "intensity": total / production}},
        approved_at=timezone.now(),
    )


def opportunity(code: str, **values) -> ReductionOpportunity:
    fields = {
        "title": f"措施 {code}",
        "title_en": f"Measure {code}",
        "category": "efficiency",
        "abatement_per_year": Decimal("100"),
        "capital_cost": Decimal("10"),  # 万元
        "operating_cost": Decimal("0"),
        "annual_savings": Decimal("3"),
        "lifetime_years": 10,
        "selected": True,
        "status": "assessed",
    }
    fields.update(values)
    return ReductionOpportunity.objects.create(code=code, **fields)


@pytest.fixture
def history():
    return [approved_run(2024, 1000.0, 500.0), approved_run(2025, 1100.0, 500.0)]


def create(**values):
    inputs = {"year": 2025, "target_year": 2028, "discount_rate": "0.08"}
    inputs.update(values)
    return services.assessment_create(**inputs)


def test_create_ranks_forecasts_and_freezes_with_the_runs_used(history, management_representative):
    opportunity("OP-A", annual_savings=Decimal("20"))  # pays: savings exceed annualised capex
    opportunity("OP-B", annual_savings=Decimal("0"), selected=False)
    opportunity("OP-X", status="rejected")  # rejected ones are not assessed
    assessment = create(
        production_plan={2026: 550}, user=management_representative, recommendations="先做 A"
    )
    results = assessment.results
    assert assessment.run_ids == [history[0].pk, history[1].pk]
    assert results["current"]["run_id"] == history[1].pk
    assert results["current"]["tco2e"] == pytest.approx(1100.0)
    assert [r["code"] for r in results["ranking"]] == ["OP-A", "OP-B"]
    # OP-B: 100,000 CNY × CRF(8 %, 10 a) 0.1490295 = 14,902.95 CNY/a over 100 t
    assert results["ranking"][1]["cost_per_t"] == pytest.approx(149.0295, abs=1e-3)
    # 2026 from the plan: 2.2 tCO2e/t × 550 t; 2027–28 on the trend (+100 t a year)
    bau = {row["year"]: row["bau"] for row in results["forecast"]}
    assert bau[2026] == pytest.approx(1210.0)
    assert bau[2027] == pytest.approx(1300.0)
    assert bau[2028] == pytest.approx(1400.0)
    # only OP-A is selected: 100 t a year from 2026
    measures = {row["year"]: row["with_measures"] for row in results["forecast"]}
    assert measures[2028] == pytest.approx(1300.0)
    assert assessment.status == "draft" and assessment.created_by == management_representative


def test_opportunity_without_abatement_is_named_and_nothing_is_saved(history):
    opportunity("OP-Z", abatement_per_year=Decimal("0"))  # saved around the form's check
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        create()
    text = " ".join(caught.value.messages)
    assert "OP-Z" in text and "expected abatement" in text
    assert Assessment.objects.count() == 0


def test_opportunity_form_refuses_zero_abatement_naming_the_field():
    item = ReductionOpportunity(
        code="OP-0", title="x", category="other", abatement_per_year=Decimal("0")
    )
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert "abatement_per_year" in caught.value.message_dict


@pytest.mark.parametrize("rate", ["eight", "nan", "-0.1", "2"])
def test_rate_that_is_not_a_number_names_the_field(history, rate):
    with pytest.raises(ValidationError) as caught:
        create(discount_rate=rate)
    assert "discount_rate" in caught.value.message_dict
    form = AssessmentForm(data={"year": 2025, "target_year": 2030, "discount_rate": rate})
    assert not form.is_valid()
    assert rate in form.errors["discount_rate"][0]
    assert Assessment.objects.count() == 0


def test_year_without_an_approved_run_is_refused(history):
    with pytest.raises(ValidationError) as caught:
        create(year=2023, target_year=2030)
    assert "year" in caught.value.message_dict


def test_production_plan_lines_are_parsed_or_named():
    assert parse_plan("2026: 12,500\n2027 = 13000\n\n2028\t14000") == {
        2026: 12500.0,
        2027: 13000.0,
        2028: 14000.0,
    }
    with pytest.raises(ValidationError) as caught:
        parse_plan("2026: 100\n2027: lots")
    assert "2" in caught.value.messages[0] and "2027: lots" in caught.value.messages[0]


def test_approval_is_for_top_management_once(history, register_keeper, top_manager):
    opportunity("OP-A")
    assessment = create(recommendations="实施 OP-A")
    with pytest.raises(PermissionDenied):
        services.assessment_approve(assessment=assessment, user=register_keeper)
    approved = services.assessment_approve(assessment=assessment, user=top_manager)
    assert approved.is_approved and approved.approved_by == top_manager
    with pytest.raises(ValidationError):
        services.assessment_approve(assessment=approved, user=top_manager)
    with pytest.raises(ValidationError):
        services.assessment_update(
            assessment=approved, year=2025, target_year=2029, discount_rate=0
        )


def test_approval_needs_recommendations(history, top_manager):
    opportunity("OP-A")
    assessment = create()
    with pytest.raises(ValidationError) as caught:
        services.assessment_approve(assessment=assessment, user=top_manager)
    assert "recommendations" in caught.value.message_dict
    assessment.refresh_from_db()
    assert not assessment.is_approved


def _approved(top_manager, days_ago: int) -> Assessment:
    opportunity("OP-A")
    assessment = services.assessment_approve(
        assessment=create(recommendations="ok"), user=top_manager
    )
    Assessment.objects.filter(pk=assessment.pk).update(
        approved_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return assessment


def test_reassessment_is_due_12_months_after_approval(history, top_manager, admin_user):
    today = timezone.localdate()
    assert reassessment_due(today=today) is None  # nothing approved yet: nothing triggered
    _approved(top_manager, days_ago=100)
    assert reassessment_due(today=today) is None  # 265 days to go
    Assessment.objects.update(approved_at=timezone.now() - dt.timedelta(days=370))
    item = reassessment_due(today=today)
    assert item is not None and item.overdue
    assert item.due_date == today - dt.timedelta(days=5)
    # the registers' panel and digest list it
    assert any(i.model is Assessment for i in due_items(today=today, user=admin_user))


def test_reassessment_is_due_after_a_significant_change(history, top_manager):
    _approved(top_manager, days_ago=10)
    today = timezone.localdate()
    assert reassessment_due(today=today) is None
    Facility.objects.create(code="F09", name="新建喷涂线", kind="site", in_boundary=True)
    item = reassessment_due(today=today)
    assert item is not None
    assert item.due_date == today + dt.timedelta(days=30)
    assert "F09" in item.title


def test_reassessment_item_hidden_from_users_who_cannot_see_assessments(
    history, top_manager, make_user
):
    _approved(top_manager, days_ago=400)
    nobody = make_user("nobody")
    assert not any(
        i.model is Assessment for i in due_items(today=timezone.localdate(), user=nobody)
    )


def test_macc_svg_draws_a_bar_per_opportunity_with_labels_in_chinese():
    bars = [
        {"code": "OP1", "label": "空压机变频", "category": "efficiency", "x0": 0, "x1": 100,
         "width": 100, "height": -50.0, "selected": True},
        {"code": "OP2", "label": "光伏", "category": "energy_structure", "x0": 100, "x1": 400,
         "width": 300, "height": 120.0, "selected": False},
    ]  # fmt: skip
    svg = charts.macc_svg(
        bars,
        categories={"efficiency": "能效提升", "energy_structure": "能源结构"},
        title="边际减排成本曲线",
        x_label="累计减排量",
        y_label="成本",
    )
    assert svg.count('class="macc-bar"') == 2
    assert "空压机变频" in svg and "能源结构" in svg and "边际减排成本曲线" in svg
    # the wider bar is three times as wide as the first
    import re

    widths = [
        float(w)
        for w in re.findall(
            r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="#', svg
        )[:2]
    ]
    assert widths[1] == pytest.approx(3 * widths[0], rel=0.02)
    assert charts.macc_svg([], categories={}, title="", x_label="", y_label="") == ""


def refused(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_pages_for_each_role(client, history, management_representative, auditor, top_manager):
    opportunity("OP-A")
    client.force_login(management_representative)
    response = client.post(
        reverse("calculators_assessment_create"),
        {
            "year": 2025,
            "target_year": 2028,
            "discount_rate": "8%",
            "production_plan": "2026: 520",
            "recommendations": "先实施 OP-A",
        },
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert assessment.discount_rate == Decimal("0.0800")
    page = client.get(reverse("calculators_assessment_detail", args=(assessment.pk,)))
    assert page.status_code == 200
    content = page.content.decode()
    assert "<svg" in content and "措施 OP-A" in content
    assert 'id="approve-form"' not in content  # not top management
    # a bad rate comes back on the form, naming the field, and saves nothing
    bad = client.post(
        reverse("calculators_assessment_create"),
        {"year": 2025, "target_year": 2028, "discount_rate": "abc"},
    )
    assert bad.status_code == 200 and "abc" in bad.content.decode()
    assert Assessment.objects.count() == 1

    client.force_login(auditor)
    assert client.get(reverse("calculators_assessment_list")).status_code == 200
    # the admin turns PermissionDenied into a redirect to its dashboard
    assert refused(client.get(reverse("calculators_assessment_create")))
    assert refused(client.post(reverse("calculators_assessment_approve", args=(assessment.pk,))))
    assessment.refresh_from_db()
    assert not assessment.is_approved

    client.force_login(top_manager)
    english = client.get(
        reverse("calculators_assessment_detail", args=(assessment.pk,)),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert 'id="approve-form"' in english.content.decode()
    client.post(reverse("calculators_assessment_approve", args=(assessment.pk,)))
    assessment.refresh_from_db()
    assert assessment.is_approved and assessment.approved_by == top_manager


@pytest.mark.slow
def test_report_of_the_demo_year_in_both_languages(
    approved_year, data_submitter, data_reviewer, management_representative, top_manager, tmp_path
):
    """The demo's 2025 year accounted and approved, the demo opportunities assessed: PDF and
    XLSX in Chinese and English (written to var/test-output/ to be looked at)."""
    import io
    import pathlib
    import subprocess

    from openpyxl import load_workbook

    from calculators.assessment.report import assessment_context, assessment_pdf, assessment_xlsx
    from calculators.performance.services import series_approve
    from calculators.services.runs import run_approve
    from cems_registers.demo.opportunities import OPPORTUNITIES

    from .factories import run_2025

    run = run_approve(run=run_2025(data_submitter, biomass="memo"), user=data_reviewer)
    series_approve(run=run)  # what the task queued on the approval's commit does
    for (
        code,
        title,
        title_en,
        category,
        _f,
        abatement,
        capex,
        opex,
        savings,
        life,
        start,
        sel,
        status,
    ) in OPPORTUNITIES:
        opportunity(
            code,
            title=title,
            title_en=title_en,
            category=category,
            abatement_per_year=Decimal(abatement),
            capital_cost=Decimal(capex),
            operating_cost=Decimal(opex),
            annual_savings=Decimal(savings),
            lifetime_years=life,
            start_year=start,
            selected=sel,
            status=status,
        )
    assessment = services.assessment_approve(
        assessment=create(
            target_year=2030,
            production_plan={2026: 16700, 2030: 19500},
            recommendations="优先实施负成本措施。",
            user=management_representative,
        ),
        user=top_manager,
    )
    assert assessment.run_ids == [run.pk]
    # the approved run fed the performance series: the year is read from it, energy included
    current = assessment.results["current"]
    assert current["run_ids"] == [run.pk]
    assert current["energy_gj"] > 0
    assert current["energy_tce"] == pytest.approx(current["energy_gj"] / 29.3076)
    assert current["tco2e"] == pytest.approx(run.total_tco2e, rel=1e-9)
    ranking = assessment.results["ranking"]
    assert len(ranking) == 10  # OP06 is implemented: not assessed
    costs = [r["cost_per_t"] for r in ranking]
    assert costs == sorted(costs)
    out = pathlib.Path("var/test-output")
    out.mkdir(parents=True, exist_ok=True)
    texts = {}
    for language in ("zh-hans", "en"):
        context = assessment_context(assessment, language)
        pdf = assessment_pdf(context)
        path = out / f"assessment-{language}.pdf"
        path.write_bytes(pdf)
        texts[language] = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        book = load_workbook(io.BytesIO(assessment_xlsx(context)))
        assert (
            len(book.sheetnames) == 6
        )  # assessment, boundary, key sources, ranking, MACC, forecast
        ranked = book.worksheets[3]
        assert ranked.cell(2, 2).value == ranking[0]["code"]
        assert ranked.cell(2, 11).value == pytest.approx(ranking[0]["cost_per_t"])
    assert "边际减排成本曲线" in texts["zh-hans"] and "重点排放源" in texts["zh-hans"]
    assert "冲天炉改中频感应电炉" in texts["zh-hans"]
    assert "Marginal abatement cost curve" in texts["en"]
    assert "Coke cupola replaced by a medium-frequency induction furnace" in texts["en"].replace(
        "\n", " "
    )
    for text in texts.values():
        assert f"#{run.pk}" in text


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_and_page_issue_a_constant_number_of_queries(client, history, admin_user):
    client.force_login(admin_user)
    opportunity("OP-A")
    first = create(recommendations="x")
    list_url = reverse("calculators_assessment_list")
    page_url = reverse("calculators_assessment_detail", args=(first.pk,))
    # Warm the per-process ContentType cache (the admin menu reads the form pages' types), so
    # the counts compared below do not depend on which test ran first in this process.
    _queries(client, list_url), _queries(client, page_url)
    one_list, one_page = _queries(client, list_url), _queries(client, page_url)
    for n in range(6):
        opportunity(f"OP-N{n}")
    create(), create()
    many = create()
    assert len(many.results["ranking"]) == 7
    assert _queries(client, list_url) == one_list
    assert _queries(client, reverse("calculators_assessment_detail", args=(many.pk,))) == one_page
