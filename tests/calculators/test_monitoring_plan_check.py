"""The 2025 demo run checked against a monitoring plan (8.5, 9.1.4): flags, page, pack."""

import datetime as dt
import io
import json
import zipfile

from django.urls import reverse
from django.utils import translation

import pytest

from calculators.models import ActivityRecord
from calculators.monitoring_plan_check import run_monitoring_check
from calculators.services.runs import run_approve
from cems_registers.models import EmissionSource, MeasuringInstrument, MonitoringPlan
from cems_registers.monitoring import plan_context
from cems_registers.roles import Role
from cems_registers.services.monitoring_plans import (
    monitoring_plan_approve,
    monitoring_plan_create,
    monitoring_plan_new_version,
    monitoring_plan_submit,
)
from cems_site.evidence.builder import pack_write
from cems_site.evidence.monitoring import monitoring_plan_files

from ..users import role_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def meter(code, *sources):
    instrument = MeasuringInstrument.objects.create(
        code=code, name=f"流量计 {code}", measures="Nm³"
    )
    instrument.sources.set(sources)
    return instrument


@pytest.fixture
def plan(done_run):
    """An approved plan for 2025: S01 and S03 measured monthly, S03's NCV measured monthly."""
    s01, s03 = (EmissionSource.objects.get(code=code) for code in ("S01", "S03"))
    m01, m02 = meter("M01", s01), meter("M02", s03)
    meter("M09")
    keeper = role_user("keeper", Role.REGISTER_KEEPERS)
    plan = monitoring_plan_create(
        code="MP-01",
        title="数据质量控制计划",
        boundary=s01.facility.parent or s01.facility,
        effective_from=dt.date(2025, 1, 1),
        items=[
            {"source": s01, "parameter": "activity_data", "instrument": m01},
            {"source": s03, "parameter": "activity_data", "instrument": m02},
            {"source": s03, "parameter": "ncv", "method": "measured", "frequency": "monthly"},
        ],
    )
    monitoring_plan_submit(plan=plan, user=keeper)
    return monitoring_plan_approve(plan=plan, user=role_user("ceo", Role.TOP_MANAGEMENT))


@pytest.fixture
def gaps(done_run):
    """May of S01 missing, July of S01 read on an instrument the plan does not name."""
    rows = ActivityRecord.objects.filter(source__code="S01", dataset_id__in=done_run.dataset_ids)
    rows.filter(period=dt.date(2025, 5, 1)).delete()
    rows.filter(period=dt.date(2025, 7, 1)).update(data_source="M09 临时流量计")


def test_flags_of_the_2025_run(done_run, plan, gaps, django_assert_num_queries):
    with django_assert_num_queries(6):
        check = run_monitoring_check(done_run)
    assert check["plans"] == [plan]
    found = [(f["kind"], f["source"], f["period"]) for f in check["flags"]]
    # the demo data test S03's gas quarterly (March, June, September, December)
    assert [p for k, s, p in found if k == "default_used"] == [
        "2025-01",
        "2025-02",
        "2025-04",
        "2025-05",
        "2025-07",
        "2025-08",
        "2025-10",
        "2025-11",
    ]
    assert ("no_data", "S01", "2025-05") in found
    instrument = [f for f in check["flags"] if f["kind"] == "instrument_not_in_plan"]
    assert [(f["source"], f["period"], f["params"]["instrument"]) for f in instrument] == [
        ("S01", "2025-07", "M09")
    ]
    assert len(found) == 10


def test_the_runs_page_shows_the_flags(client, done_run, plan, gaps):
    client.force_login(role_user("datareviewer", Role.DATA_REVIEWERS))
    url = reverse("calculators_run:inspect", args=(done_run.pk,))
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'id="run-monitoring-flags"' in page
    assert page.count('data-kind="default_used"') == 8
    assert "缺少数据的月份" in page and "S01，2025-05：没有活动数据" in page
    assert "M09" in page
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Instrument not in the plan" in english


def test_without_a_plan_nothing_is_flagged(client, done_run):
    assert run_monitoring_check(done_run) == {"plans": [], "flags": []}
    client.force_login(role_user("datareviewer", Role.DATA_REVIEWERS))
    page = client.get(
        reverse("calculators_run:inspect", args=(done_run.pk,)), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "No approved monitoring plan was in force" in page


def test_the_evidence_pack_holds_the_plan_in_force(done_run, plan):
    run = run_approve(run=done_run, user=role_user("datareviewer", Role.DATA_REVIEWERS))
    files = monitoring_plan_files(run)
    assert [name for name, _data in files] == [
        "monitoring-plan-MP-01-v1-zh-hans.pdf",
        "monitoring-plan-MP-01-v1-zh-hans.xlsx",
        "monitoring-plan-MP-01-v1-en.pdf",
        "monitoring-plan-MP-01-v1-en.xlsx",
    ]
    xlsx = dict(files)["monitoring-plan-MP-01-v1-zh-hans.xlsx"]
    assert xlsx == dict(monitoring_plan_files(run))["monitoring-plan-MP-01-v1-zh-hans.xlsx"]
    out = io.BytesIO()
    manifest = pack_write(run=run, out=out)
    archive = zipfile.ZipFile(out)
    assert manifest["monitoring_plan"]["status"] == "in force"
    assert manifest["monitoring_plan"]["plans"][0]["version"] == 1
    assert archive.read("monitoring_plan/monitoring-plan-MP-01-v1-zh-hans.xlsx") == xlsx
    assert json.loads(archive.read("manifest.json"))["monitoring_plan"]["plans"][0]["code"] == (
        "MP-01"
    )
    assert "MP-01 v1" in archive.read("README.txt").decode()
    assert MonitoringPlan.objects.get().approved_at < run.approved_at


def plan_files_in_pack(run) -> dict[str, bytes]:
    out = io.BytesIO()
    pack_write(run=run, out=out)
    archive = zipfile.ZipFile(out)
    return {n: archive.read(n) for n in archive.namelist() if n.startswith("monitoring_plan/")}


def test_a_rebuilt_pack_shows_the_plan_as_it_stood_at_the_runs_approval(done_run, plan):
    """A recalibration, a renamed source and a new plan version after the run's approval leave
    the pack's plan files byte-identical (6.3.3: the verifier checks a rebuild later)."""
    run = run_approve(run=done_run, user=role_user("datareviewer", Role.DATA_REVIEWERS))
    before = plan_files_in_pack(run)
    assert len(before) == 4
    meter = MeasuringInstrument.objects.get(code="M01")
    meter.next_calibration = dt.date(2031, 1, 31)
    meter.name = "流量计 M01（更换后）"
    meter.save()
    source = EmissionSource.objects.get(code="S03")
    source.name = "天然气熔炼炉（改造后）"
    source.save()
    ceo = role_user("ceo", Role.TOP_MANAGEMENT)
    keeper = role_user("keeper", Role.REGISTER_KEEPERS)
    draft = monitoring_plan_new_version(plan=plan, user=keeper)
    draft.effective_from = dt.date(2026, 1, 1)
    draft.save()
    monitoring_plan_submit(plan=draft, user=keeper)
    monitoring_plan_approve(plan=draft, user=ceo)
    assert MonitoringPlan.objects.get(pk=plan.pk).status == "superseded"
    after = plan_files_in_pack(run)
    assert after.keys() == before.keys()
    for name, data in before.items():
        assert after[name] == data, name
    # today's export of the plan shows today's data
    with translation.override("zh-hans"):
        items = plan_context(plan_id=plan.pk)["items"]
    assert any("更换后" in row["instrument"] for row in items)
    assert any("改造后" in row["source"] for row in items)
