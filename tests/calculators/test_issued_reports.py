"""An approved run's report is issued once and kept unchanged, with its hash (6.3.2, 7.5, 9.1)."""

import hashlib

from django.urls import reverse

import pytest

from calculators.models import RunReport, RunStatus
from calculators.services.report_archive import reports_issue
from calculators.services.runs import run_approve
from cems_registers.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def approved_run(done_run, make_user, settings, django_capture_on_commit_callbacks):
    settings.CEMS_ISSUE_REPORTS = True  # off in the test settings: four renders per approval
    checker = make_user("checker", Role.DATA_REVIEWERS)
    with django_capture_on_commit_callbacks(execute=True):  # the queued task runs (sync broker)
        run = run_approve(run=done_run, user=checker)
    return run


def test_approval_issues_the_report_in_each_language_and_format(approved_run):
    reports = {(r.language, r.fmt): r for r in RunReport.objects.filter(run=approved_run)}
    assert set(reports) == {("zh-hans", "pdf"), ("zh-hans", "xlsx"), ("en", "pdf"), ("en", "xlsx")}
    for report in reports.values():
        with report.file.open("rb") as f:
            body = f.read()
        assert hashlib.sha256(body).hexdigest() == report.sha256
        assert report.size == len(body)
    with reports[("zh-hans", "pdf")].file.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    # issuing again keeps what was issued
    again = reports_issue(run=approved_run)
    assert {r.pk for r in again} == {r.pk for r in reports.values()}


def test_downloads_of_an_approved_run_are_the_issued_files(client, approved_run, auditor):
    issued = RunReport.objects.get(run=approved_run, language="en", fmt="pdf")
    with issued.file.open("rb") as f:
        kept = f.read()
    client.force_login(auditor)
    url = reverse("calculators_run_report", args=[approved_run.pk, "pdf"]) + "?lang=en"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == kept
    assert response["X-Report-SHA256"] == issued.sha256
    page = client.get(reverse("calculators_run_results", args=[approved_run.pk]))
    assert b'id="issued-reports"' in page.content
    assert issued.sha256.encode() in page.content


def test_drafts_are_rendered_on_request_and_not_issued(client, done_run, auditor):
    assert done_run.status == RunStatus.DONE
    assert reports_issue(run=done_run) == []
    client.force_login(auditor)
    url = reverse("calculators_run_report", args=[done_run.pk, "xlsx"]) + "?lang=zh-hans"
    response = client.get(url)
    assert response.status_code == 200 and "X-Report-SHA256" not in response
    assert response.content[:2] == b"PK"
    assert not RunReport.objects.exists()
