"""Monitoring plans (8.5, 9.1.4): validation, versions and approval, exports, roles."""

import datetime as dt
import zipfile
from io import BytesIO, StringIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cems_registers import models as m
from cems_registers.monitoring import (
    monitoring_plan_pdf,
    monitoring_plan_xlsx,
    plan_context,
    plans_in_force,
)
from cems_registers.services.monitoring_plans import (
    monitoring_plan_approve,
    monitoring_plan_create,
    monitoring_plan_new_version,
    monitoring_plan_return,
    monitoring_plan_submit,
)

from ..refusals import assert_denied_in_admin, assert_sent_to_login
from . import factories as f

pytestmark = pytest.mark.django_db


def snippet_url(action, *args):
    return reverse(f"wagtailsnippets_cems_registers_monitoringplan:{action}", args=args)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.fixture
def setup(db):
    company = f.FacilityFactory(code="HQ", name="集团")
    site = m.Facility.objects.create(code="S1", name="苏州厂", parent=company)
    source = f.EmissionSourceFactory(code="G01", name="燃气锅炉", facility=site)
    meter = f.MeasuringInstrumentFactory(code="M01", name="天然气流量计")
    return {"company": company, "site": site, "source": source, "meter": meter}


def make_plan(setup, *, version=1, effective=dt.date(2025, 1, 1), **item):
    row = {
        "source": setup["source"],
        "parameter": m.MonitoringParameter.ACTIVITY_DATA,
        "method": m.MonitoringMethod.MEASURED,
        "instrument": setup["meter"],
        "frequency": m.MonitoringFrequency.MONTHLY,
        **item,
    }
    return monitoring_plan_create(
        code="MP-01",
        title="数据质量控制计划",
        boundary=setup["company"],
        effective_from=effective,
        items=[row],
        version=version,
    )


def approved(plan, keeper, ceo):
    monitoring_plan_submit(plan=plan, user=keeper)
    return monitoring_plan_approve(plan=plan, user=ceo)


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [m.InstrumentStatus.RETIRED, m.InstrumentStatus.OUT_OF_SERVICE])
def test_a_withdrawn_instrument_is_refused_naming_row_field_and_value(setup, status):
    setup["meter"].status = status
    setup["meter"].save()
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        make_plan(setup)
    message = " ".join(caught.value.messages)
    assert "Row 1" in message and "Measuring instrument" in message
    assert "M01 天然气流量计" in message
    assert m.MonitoringPlan.objects.count() == 0  # nothing half-saved
    assert m.MonitoringPlanItem.objects.count() == 0


def test_the_refusal_reads_in_chinese(setup):
    setup["meter"].status = m.InstrumentStatus.RETIRED
    setup["meter"].save()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        make_plan(setup)
    message = " ".join(caught.value.messages)
    assert "第 1 行" in message and "M01" in message and "报废" in message


def test_measured_activity_data_names_its_instrument(setup):
    with pytest.raises(ValidationError) as caught:
        make_plan(setup, instrument=None)
    assert "Row 1" in " ".join(caught.value.messages) or "第 1 行" in " ".join(
        caught.value.messages
    )
    # a default value needs no instrument
    plan = make_plan(setup, instrument=None, parameter="ncv", method="default")
    assert plan.items.count() == 1


def test_status_is_set_only_by_approval(setup):
    plan = make_plan(setup)
    plan.status = m.MonitoringPlanStatus.APPROVED
    with pytest.raises(ValidationError):
        plan.full_clean()


# --- submit, approve, supersede ----------------------------------------------------------------


def test_approval_supersedes_the_plan_in_force(setup, register_keeper, top_manager):
    first = approved(make_plan(setup), register_keeper, top_manager)
    assert first.status == m.MonitoringPlanStatus.APPROVED
    assert first.approved_by == top_manager and first.submitted_by == register_keeper

    second = monitoring_plan_new_version(plan=first, user=register_keeper)
    assert (second.version, second.status) == (2, m.MonitoringPlanStatus.DRAFT)
    assert list(second.items.values_list("instrument__code", flat=True)) == ["M01"]
    second.effective_from = dt.date(2026, 1, 1)
    second.save()
    approved(second, register_keeper, top_manager)

    first.refresh_from_db()
    assert first.status == m.MonitoringPlanStatus.SUPERSEDED and first.superseded_at
    in_force = m.MonitoringPlan.objects.filter(status=m.MonitoringPlanStatus.APPROVED)
    assert list(in_force) == [second]
    # the plan in force at a date is the one effective then, superseded or not
    assert plans_in_force(on=dt.date(2025, 6, 30)) == [first]
    assert plans_in_force(on=dt.date(2026, 6, 30)) == [second]
    assert plans_in_force(on=dt.date(2024, 12, 31)) == []


def test_only_top_management_approves_a_submitted_plan(setup, register_keeper, top_manager):
    plan = make_plan(setup)
    with pytest.raises(ValidationError):
        monitoring_plan_approve(plan=plan, user=top_manager)  # a draft
    monitoring_plan_submit(plan=plan, user=register_keeper)
    with pytest.raises(PermissionDenied):
        monitoring_plan_approve(plan=plan, user=register_keeper)
    monitoring_plan_return(plan=plan, user=top_manager)
    plan.refresh_from_db()
    assert plan.status == m.MonitoringPlanStatus.DRAFT and plan.submitted_at is None


def test_an_instrument_withdrawn_after_submission_blocks_approval(
    setup, register_keeper, top_manager
):
    plan = make_plan(setup)
    monitoring_plan_submit(plan=plan, user=register_keeper)
    setup["meter"].status = m.InstrumentStatus.RETIRED
    setup["meter"].save()
    with pytest.raises(ValidationError) as caught:
        monitoring_plan_approve(plan=plan, user=top_manager)
    assert "M01" in " ".join(caught.value.messages)
    plan.refresh_from_db()
    assert plan.status == m.MonitoringPlanStatus.SUBMITTED and plan.approved_at is None


def test_a_plan_without_rows_is_not_submitted(setup, register_keeper):
    plan = make_plan(setup)
    plan.items.all().delete()
    with pytest.raises(ValidationError):
        monitoring_plan_submit(plan=plan, user=register_keeper)


# --- admin --------------------------------------------------------------------------------------


def form_data(setup, instrument):
    return nested_form_data(
        {
            "code": "MP-02",
            "title": "计划",
            "version": "1",
            "boundary": setup["company"].pk,
            "effective_from": "2025-01-01",
            "items": inline_formset(
                [
                    {
                        "source": setup["source"].pk,
                        "parameter": "activity_data",
                        "method": "measured",
                        "instrument": instrument.pk,
                        "frequency": "monthly",
                    }
                ]
            ),
        }
    )


def test_keeper_creates_a_plan_in_the_admin(client, setup, register_keeper):
    client.force_login(register_keeper)
    response = client.post(snippet_url("add"), form_data(setup, setup["meter"]))
    assert response.status_code == 302
    plan = m.MonitoringPlan.objects.get(code="MP-02")
    assert plan.items.get().instrument == setup["meter"]
    assert plan.history.count() == 1


def test_the_admin_refuses_a_retired_instrument_and_saves_nothing(client, setup, register_keeper):
    retired = f.MeasuringInstrumentFactory(code="M99", status=m.InstrumentStatus.RETIRED)
    client.force_login(register_keeper)
    response = client.post(
        snippet_url("add"), form_data(setup, retired), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200
    assert "M99" in response.content.decode() and "报废" in response.content.decode()
    assert not m.MonitoringPlan.objects.filter(code="MP-02").exists()


def test_an_approved_plan_is_not_edited(client, setup, register_keeper, top_manager):
    plan = approved(make_plan(setup), register_keeper, top_manager)
    client.force_login(register_keeper)
    data = form_data(setup, setup["meter"])
    data["code"] = "MP-01"
    response = client.post(snippet_url("edit", plan.pk), data)
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.status == m.MonitoringPlanStatus.APPROVED and plan.code == "MP-01"
    assert plan.items.count() == 1


def test_actions_in_the_admin(client, setup, register_keeper, top_manager):
    plan = make_plan(setup)
    client.force_login(register_keeper)
    page = client.get(snippet_url("inspect", plan.pk)).content.decode()
    assert snippet_url("action", plan.pk, "submit") in page
    assert snippet_url("action", plan.pk, "approve") not in page
    assert client.post(snippet_url("action", plan.pk, "submit")).status_code == 302
    assert_denied_in_admin(client.post(snippet_url("action", plan.pk, "approve")))
    client.force_login(top_manager)
    assert client.get(snippet_url("action", plan.pk, "approve")).status_code == 200
    client.post(snippet_url("action", plan.pk, "approve"))
    plan.refresh_from_db()
    assert plan.status == m.MonitoringPlanStatus.APPROVED


ROLES = [
    # fixture, may view, may add, may approve
    ("register_keeper", True, True, False),
    ("management_representative", True, False, False),
    ("top_manager", True, False, True),
    ("auditor", True, False, False),
    ("editor", True, False, False),
    ("reviewer", True, False, False),
    ("data_submitter", True, False, False),
    ("data_reviewer", True, False, False),
]


@pytest.mark.parametrize(("role", "view", "add", "approve"), ROLES, ids=[r[0] for r in ROLES])
def test_permissions_per_role(client, request, setup, register_keeper, role, view, add, approve):
    plan = make_plan(setup)
    monitoring_plan_submit(plan=plan, user=register_keeper)
    client.force_login(request.getfixturevalue(role))
    listing = client.get(snippet_url("list"))
    export = client.get(reverse("cems_registers_monitoring_plan_export", args=(plan.pk, "xlsx")))
    assert (listing.status_code == 200) is view
    assert (export.status_code == 200) is view
    add_response = client.get(snippet_url("add"))
    if add:
        assert add_response.status_code == 200
    else:
        assert_denied_in_admin(add_response)
    approve_response = client.post(snippet_url("action", plan.pk, "approve"))
    plan.refresh_from_db()
    if approve:
        assert plan.status == m.MonitoringPlanStatus.APPROVED
    else:
        assert_denied_in_admin(approve_response)
        assert plan.status == m.MonitoringPlanStatus.SUBMITTED


def test_anonymous_is_sent_to_login(client, setup):
    plan = make_plan(setup)
    url = reverse("cems_registers_monitoring_plan_export", args=(plan.pk, "pdf"))
    assert_sent_to_login(client.get(url), url)


# --- exports ------------------------------------------------------------------------------------


def test_xlsx_escapes_formulas_and_is_stable(setup):
    plan = make_plan(setup, data_flow="=HYPERLINK(1)")
    when = dt.datetime(2025, 1, 2, 3, 4, 6, tzinfo=dt.UTC)
    first = monitoring_plan_xlsx(plan_id=plan.pk, language="zh-hans", generated=when)
    assert first == monitoring_plan_xlsx(plan_id=plan.pk, language="zh-hans", generated=when)
    assert {i.date_time for i in zipfile.ZipFile(BytesIO(first)).infolist()} == {
        (2025, 1, 2, 11, 4, 6)  # local time (Asia/Shanghai); zip keeps even seconds
    }
    core = zipfile.ZipFile(BytesIO(first)).read("docProps/core.xml").decode()
    assert "2025-01-02T03:04:06Z</dcterms:modified>" in core  # not the time of the save
    cells = [
        c for row in load_workbook(BytesIO(first)).active.iter_rows(values_only=True) for c in row
    ]
    assert "'=HYPERLINK(1)" in cells
    assert "数据质量控制计划" in cells and "M01 天然气流量计" in cells


def test_demo_plan_exports_in_both_languages(admin_user, tmp_path):
    from cems_registers.demo import load_demo

    load_demo(users={"keeper": admin_user, "ceo": admin_user}, stdout=StringIO())
    plan = m.MonitoringPlan.objects.get(code="MP-01", version=2)
    assert plan.status == m.MonitoringPlanStatus.APPROVED
    assert m.MonitoringPlan.objects.get(code="MP-01", version=1).status == "superseded"
    with translation.override("zh-hans"):
        context = plan_context(plan_id=plan.pk)
    assert len(context["items"]) == plan.items.count() == 13
    zh = monitoring_plan_pdf(plan_id=plan.pk, language="zh-hans")
    en = monitoring_plan_pdf(plan_id=plan.pk, language="en")
    (tmp_path / "zh.pdf").write_bytes(zh)
    zh_text, en_text = pdf_text(zh), pdf_text(en)
    assert "数据质量控制计划" in zh_text and "天然气熔炼炉" in zh_text and "M02" in zh_text
    assert "Data quality control plan" in en_text and "Gas-fired melting furnace" in en_text
    assert zh_text.index("1 ") < zh_text.index("4 ")
    workbook = load_workbook(BytesIO(monitoring_plan_xlsx(plan_id=plan.pk, language="en")))
    values = [c for row in workbook.active.iter_rows(values_only=True) for c in row if c]
    assert "4 How each parameter is determined" in values
