"""The MEE emission report of every approved run of the full demo, PDF and XLSX, in Chinese and
English, fetched through its admin view as the auditor (issue 12 §4; same fixture as
``test_all_pdfs_with_demo``: strict PDF templates, so an unresolved variable fails here)."""

import io
import re

from django.urls import reverse

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from .test_all_pdfs_with_demo import auditor_client, demo_db, expected_heading  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_every_approved_demo_run_renders_in_both_languages(auditor_client):  # noqa: F811
    from calculators.models import AccountingRun, MeeReport, RunStatus
    from calculators.reports.context import report_context

    runs = list(AccountingRun.objects.filter(status=RunStatus.APPROVED).order_by("pk"))
    assert runs, "the demo has an approved run"
    for run in runs:
        for language in ("zh-hans", "en"):
            heading = expected_heading("Enterprise greenhouse gas emission report", language)
            total = report_context(run, language)["summary"].total
            url = reverse("calculators_run:mee_report", args=(run.pk, "pdf"))
            response = auditor_client.get(f"{url}?lang={language}")
            assert response.status_code == 200, (run.pk, language)
            body = b"".join(response.streaming_content)
            reader = PdfReader(io.BytesIO(body))
            text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
            assert re.sub(r"\s+", "", heading) in text
            assert f"{total:,.3f}" in text
            url = reverse("calculators_run:mee_report", args=(run.pk, "xlsx"))
            response = auditor_client.get(f"{url}?lang={language}")
            assert response.status_code == 200
            workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
            annex1 = workbook[workbook.sheetnames[5]]
            last = [r for r in annex1.iter_rows(values_only=True) if any(r)][-1]
            assert last[1] == pytest.approx(total)
        assert MeeReport.objects.filter(run=run).count() == 4
