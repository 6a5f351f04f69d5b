"""The calculators' demo loader: services end to end, idempotent (6.3, 8.5, 9.1)."""

import io

import pytest
from pypdf import PdfReader

from calculators.demo import APPROVED_YEAR, CORRECTION, load_demo
from calculators.demo_data import DEMO_YEARS
from calculators.models import AccountingRun, Dataset, DatasetStatus, RunResult, RunStatus
from calculators.reports import report_context, report_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_load_demo_is_idempotent(enterprise, data_submitter, data_reviewer, auditor):
    users = {"submitter": data_submitter, "datareviewer": data_reviewer, "auditor": auditor}
    out = io.StringIO()
    summary = load_demo(users=users, stdout=out)
    # a year file each, the withdrawn first upload, the 2025 green electricity
    assert f"{len(DEMO_YEARS) + 2} new datasets" in summary
    datasets = Dataset.objects.all()
    assert datasets.count() == len(DEMO_YEARS) + 2
    withdrawn = datasets.get(status=DatasetStatus.WITHDRAWN)
    assert withdrawn.filename == CORRECTION[-1] and withdrawn.withdraw_reason
    assert datasets.filter(status=DatasetStatus.APPROVED).count() == len(DEMO_YEARS) + 1
    assert set(datasets.values_list("submitted_by", flat=True)) == {data_submitter.pk}
    assert set(datasets.values_list("reviewed_by", flat=True)) == {data_reviewer.pk}
    runs = {r.period_start.year: r for r in AccountingRun.objects.all()}
    assert sorted(runs) == list(DEMO_YEARS)
    for run in runs.values():
        assert run.status == RunStatus.APPROVED, run.message  # all in the performance series
        assert run.total_tco2e > 0
    assert runs[APPROVED_YEAR].approved_by == data_reviewer
    # the withdrawn first upload is left out of its year's run
    assert withdrawn.pk not in runs[CORRECTION[0]].dataset_ids
    year_file = datasets.get(filename=f"demo-activity-{CORRECTION[0]}.csv")
    assert runs[CORRECTION[0]].input_rows == year_file.row_count
    results = RunResult.objects.count()
    totals = {y: r.total_tco2e for y, r in runs.items()}

    summary = load_demo(users=users, stdout=io.StringIO())
    assert "0 new datasets" in summary
    assert Dataset.objects.count() == len(DEMO_YEARS) + 2
    assert AccountingRun.objects.count() == len(DEMO_YEARS)
    assert RunResult.objects.count() == results
    assert {r.period_start.year: r.total_tco2e for r in AccountingRun.objects.all()} == totals

    # the approved run's report renders in Chinese
    pdf = report_pdf(report_context(runs[APPROVED_YEAR], "zh-hans"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "温室气体排放核算报告" in text
    assert f"{runs[APPROVED_YEAR].total_tco2e:,.3f}" in text
