"""Carbon performance, objectives progress, alerts and the assessment feed the management
review's inputs (9.5 c, 9.1, 6.4)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone, translation

import pytest

from calculators.performance import services
from calculators.services.runs import run_approve
from cems_registers.models import Indicator, Objective, ObjectiveStatus
from cems_registers.services.management_review import (
    management_review_create,
    management_review_inputs_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_run(done_run, data_reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return run_approve(run=done_run, user=data_reviewer)


def test_the_review_sees_performance_and_progress_of_the_approved_runs(
    approved_run, management_representative
):
    objective = Objective.objects.create(
        code="OB-R",
        title="总量下降",
        status=ObjectiveStatus.APPROVED,
        approved_at=timezone.now(),
        owner=management_representative,
    )
    indicator = Indicator.objects.create(
        objective=objective,
        name="排放总量",
        metric="total_emissions",
        unit="tCO2e",
        baseline_year=2025,
        baseline_value=Decimal("1"),
        target_value=Decimal("100"),
        target_year=2030,
    )
    services.indicator_update(indicator=indicator)
    review = management_review_create(title="2026 年度管理评审", held_on=dt.date(2026, 3, 1))
    sections = {s["key"]: s for s in review.inputs["contributed"]}
    performance = sections["carbon_performance"]["rows"]
    assert performance[0][0] == 2025
    assert performance[0][1] == pytest.approx(approved_run.total_tco2e, abs=1e-3)
    progress = sections["objectives_progress"]["rows"]
    assert progress[0][:3] == ["OB-R", "排放总量", 2025]
    assert progress[0][7] == f"#{approved_run.pk}"
    assert sections["deviation_alerts"]["columns"][0] == "Month"
    with translation.override("zh-hans"):
        text = management_review_inputs_text(review.inputs)
        assert f"· {translation.gettext('On track')} ·" in text
    assert "对照目标的碳绩效" in text
    assert "OB-R · 排放总量 · 2025" in text
    assert progress[0][6] == "On track"  # stored as its msgid, shown in the reader's language
    with translation.override("en"):
        assert "On track" in management_review_inputs_text(review.inputs)


def test_without_approved_runs_the_performance_section_is_left_out(db):
    review = management_review_create(title="空评审", held_on=dt.date(2026, 3, 1))
    keys = {s["key"] for s in review.inputs["contributed"]}
    assert "carbon_performance" not in keys and "objectives_progress" not in keys
    assert "deviation_alerts" in keys  # an empty table says "none in the period"


def test_the_pack_pdf_shows_the_contributed_sections_in_both_languages(approved_run):
    import io

    from pypdf import PdfReader

    from cems_registers.reports import management_review_pack_pdf

    review = management_review_create(title="2026 年度管理评审", held_on=dt.date(2026, 3, 1))
    for language, heading in (
        ("zh-hans", "碳绩效（已批准的核算运行）"),
        ("en", "Carbon performance"),
    ):
        pdf = management_review_pack_pdf(review_id=review.pk, language=language)
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert heading in text.replace("\n", "")
        assert "2025" in text
