"""The MEE emission report of an approved run (issue 12 §4, 6.3.2): its numbers are the run's,
only approved runs are exported, the issued file keeps its SHA-256, and who may read it."""

import hashlib
import io
import re
from collections import defaultdict

from django.db.models import Sum
from django.urls import reverse

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from calculators.models import AccountingRun, MeeReport, RunResult, RunStatus
from calculators.reports.context import report_context
from calculators.reports.mee import MEE_LINES, MeeReportRefused, mee_context, mee_pdf
from calculators.reports.mee_xlsx import mee_xlsx
from calculators.services.mee_report import mee_report_issue
from calculators.services.runs import run_approve
from cems_registers.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def approved_run(done_run, make_user):
    return run_approve(run=done_run, user=make_user("checker", Role.DATA_REVIEWERS))


def _sheet_rows(workbook, title: str) -> list[tuple]:
    return [r for r in workbook[title].iter_rows(values_only=True) if any(c is not None for c in r)]


def _url(run, fmt: str, language: str) -> str:
    return reverse("calculators_run:mee_report", args=(run.pk, fmt)) + f"?lang={language}"


def test_category_lines_are_the_runs_totals(approved_run):
    """Each source-category line is the database sum of the run's results of its categories."""
    ctx = mee_context(approved_run, "zh-hans")
    by_category = dict(
        RunResult.objects.filter(run=approved_run)
        .values_list("category")
        .annotate(t=Sum("tco2e"))
        .order_by()
    )
    expected = defaultdict(float)
    named = {c for _k, _l, cats in MEE_LINES for c in cats}
    for category, tco2e in by_category.items():
        key = next((k for k, _l, cats in MEE_LINES if category in cats), "other")
        assert category in named or key == "other"
        expected[key] += tco2e
    lines = {line["key"]: line["tco2e"] for line in ctx["mee_lines"]}
    assert lines.keys() == {k for k, _l, _c in MEE_LINES}
    for key, value in lines.items():
        assert value == pytest.approx(expected.get(key, 0.0), abs=1e-6), key
    assert lines["combustion"] > 0 and lines["electricity_in"] > 0
    assert sum(lines.values()) == pytest.approx(ctx["summary"].total, abs=1e-6)
    assert ctx["summary"].total == pytest.approx(
        AccountingRun.objects.get(pk=approved_run.pk).total_tco2e
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_number_in_the_workbook_is_the_runs(approved_run, language):
    """Annex 1 holds the category lines and the total; annex 2 and part 3 every activity row
    aggregate, annex 3 and part 4 every factor, as the accounting report has them."""
    report = report_context(approved_run, language)
    ctx = mee_context(approved_run, language)
    wb = load_workbook(io.BytesIO(mee_xlsx(ctx)))
    assert len(wb.sheetnames) == 8
    annex1, annex2, annex3 = wb.sheetnames[5:]

    rows = _sheet_rows(wb, annex1)[2:]  # title, header
    assert [r[1] for r in rows[:-1]] == pytest.approx([line["tco2e"] for line in ctx["mee_lines"]])
    assert rows[-1][1] == pytest.approx(report["summary"].total)

    for sheet in (wb.sheetnames[2], annex2):
        rows = _sheet_rows(wb, sheet)[2:]
        assert len(rows) == len(report["activity"]) > 0
        for got, want in zip(rows, report["activity"], strict=True):
            assert got[0] == want["source"]
            assert got[4] == pytest.approx(want["quantity"])
            assert got[5] == want["unit"]
            assert (got[6] or "") == want["data_source"]

    for sheet in (wb.sheetnames[3], annex3):
        rows = _sheet_rows(wb, sheet)[2:]
        assert len(rows) == len(report["factors"]) > 0
        for got, want in zip(rows, report["factors"], strict=True):
            assert got[3] == want["value"]
            assert (got[4] or "") == want["unit"]

    emissions = _sheet_rows(wb, wb.sheetnames[1])
    totals = [r[1] for r in emissions if r[0] == ctx_label(language, "Total emissions (tCO2e)")]
    assert totals == [pytest.approx(report["summary"].total)]


def ctx_label(language: str, msgid: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return translation.gettext(msgid)


def test_what_cems_does_not_hold_is_not_recorded(approved_run):
    ctx = mee_context(approved_run, "zh-hans")
    enterprise = ctx["enterprise"]
    assert enterprise["credit_code"] == enterprise["legal_representative"] == "未记录"
    assert enterprise["name"] == ctx["entity"]["name"] != "未记录"
    wb = load_workbook(io.BytesIO(mee_xlsx(ctx)))
    values = [r[1] for r in _sheet_rows(wb, wb.sheetnames[0]) if len(r) > 1]
    assert "未记录" in values
    assert mee_context(approved_run, "en")["enterprise"]["industry"] == "not recorded"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_pdf_renders_the_total_and_the_annexes(approved_run, language):
    ctx = mee_context(approved_run, language)
    body = mee_pdf(ctx)
    assert body.startswith(b"%PDF-")
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages))
    assert f"{ctx['summary'].total:,.3f}" in text
    for msgid in (
        "Enterprise greenhouse gas emission report",
        "Annex table 3 Emission factors and calculation coefficients",
    ):
        assert re.sub(r"\s+", "", ctx_label(language, msgid)) in text
    if language == "zh-hans":
        assert "企业温室气体排放报告" in text


def test_a_run_that_is_not_approved_is_refused(client, done_run, auditor):
    assert done_run.status == RunStatus.DONE
    with pytest.raises(MeeReportRefused) as info:
        mee_context(done_run, "en")
    assert f"Run #{done_run.pk} is not approved" in info.value.messages[0]
    client.force_login(auditor)
    response = client.get(_url(done_run, "pdf", "zh-hans"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("calculators_run:inspect", args=(done_run.pk,))
    assert "未经批准" in response.content.decode() or "未批准" in response.content.decode()
    assert not MeeReport.objects.exists()
    page = client.get(reverse("calculators_run:inspect", args=(done_run.pk,)))
    assert (
        reverse("calculators_run:mee_report", args=(done_run.pk, "pdf"))
        not in page.content.decode()
    )


def test_issued_once_with_its_hash_and_checked_on_download(client, approved_run, auditor):
    client.force_login(auditor)
    page = client.get(reverse("calculators_run:inspect", args=(approved_run.pk,))).content.decode()
    assert reverse("calculators_run:mee_report", args=(approved_run.pk, "xlsx")) in page
    first = client.get(_url(approved_run, "xlsx", "zh-hans"))
    assert first.status_code == 200
    body = b"".join(first.streaming_content)
    issued = MeeReport.objects.get(run=approved_run, language="zh-hans", fmt="xlsx")
    assert first["X-Report-SHA256"] == issued.sha256 == hashlib.sha256(body).hexdigest()
    second = client.get(_url(approved_run, "xlsx", "zh-hans"))
    assert b"".join(second.streaming_content) == body
    assert MeeReport.objects.filter(run=approved_run).count() == 1

    with issued.file.open("wb") as handle:  # altered behind cems's back
        handle.write(body[:-1] + b"x")
    response = client.get(_url(approved_run, "xlsx", "zh-hans"), follow=True)
    assert "SHA-256" in response.content.decode()
    assert response.redirect_chain


def test_unknown_language_or_format(approved_run):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        mee_report_issue(run=approved_run, language="fr", fmt="pdf")
    assert not MeeReport.objects.exists()


@pytest.mark.parametrize("role", list(Role))
def test_whoever_reads_the_runs_report_reads_the_mee_report(client, make_user, approved_run, role):
    user = make_user(f"u_{role.name.lower()}", role)
    client.force_login(user)
    accounting = client.get(reverse("calculators_run_report", args=(approved_run.pk, "xlsx")))
    mee = client.get(_url(approved_run, "xlsx", "en"))
    assert (accounting.status_code == 200) == (mee.status_code == 200)
    assert mee.status_code == (200 if user.has_perm("calculators.view_accountingrun") else 403)


def test_anonymous_is_sent_to_login(client, approved_run):
    response = client.get(_url(approved_run, "pdf", "en"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
    assert not MeeReport.objects.exists()


def test_a_user_without_a_role_is_refused(client, make_user, approved_run):
    from django.contrib.auth.models import Permission

    nobody = make_user("nobody")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    response = client.get(_url(approved_run, "pdf", "zh-hans"))
    assert response.status_code in (302, 403)
    assert "X-Report-SHA256" not in response
    assert not MeeReport.objects.exists()


def test_three_queries_beyond_the_accounting_report(approved_run):
    """The MEE context adds the run's status, the entity's contact and the instruments."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as accounting:
        report_context(approved_run.pk, "en")
    with CaptureQueriesContext(connection) as mee:
        mee_context(approved_run.pk, "en")
    assert len(mee) == len(accounting) + 3
