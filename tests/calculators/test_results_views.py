"""Admin results view of an accounting run and its report downloads (6.3.2, 9.1)."""

import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from .reports_builders import build_run

pytestmark = pytest.mark.django_db


def results_url(run) -> str:
    return reverse("calculators_run_results", args=(run.pk,))


def test_anonymous_is_sent_to_login(client, enterprise):
    run, _expected = build_run(enterprise)
    response = client.get(results_url(run))
    assert response.status_code == 302
    assert "login" in response["Location"]
    report = client.get(reverse("calculators_run_report", args=(run.pk, "pdf")))
    assert report.status_code == 302
    assert "login" in report["Location"]


def test_user_without_view_permission_is_refused(client, enterprise, editor):
    run, _expected = build_run(enterprise)
    client.force_login(editor)
    assert client.get(results_url(run)).status_code in (302, 403)
    response = client.get(reverse("calculators_run_report", args=(run.pk, "xlsx")))
    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition")


def test_auditor_sees_the_totals(client, enterprise, auditor):
    run, expected = build_run(enterprise, months=2)
    client.force_login(auditor)
    response = client.get(results_url(run))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.total == pytest.approx(expected["total"])
    assert {g["gas"]: g["tco2e"] for g in summary.by_gas} == pytest.approx(expected["gas"])
    assert {s["scope"]: s["tco2e"] for s in summary.by_scope} == pytest.approx(expected["scope"])
    assert {c["category"]: c["tco2e"] for c in summary.by_category} == pytest.approx(
        expected["category"]
    )
    assert {s["code"]: s["tco2e"] for s in summary.by_source} == pytest.approx(expected["source"])
    assert {f["code"]: f["tco2e"] for f in summary.by_facility} == pytest.approx(
        expected["facility"]
    )
    assert {m["month"]: m["tco2e"] for m in summary.by_month} == pytest.approx(expected["month"])
    assert summary.biogenic_t == pytest.approx(expected["biogenic"])
    html = response.content.decode()
    assert f"{expected['total']:,.3f}" in html
    assert html.count("<svg") >= 5  # month, scope, gas, category, facility charts
    assert "abc123" in html  # input hash
    assert reverse("calculators_run_report", args=(run.pk, "pdf")) in html
    assert reverse("calculators_dataset_detail", args=(run.dataset_ids[0],)) in html


def test_unknown_run_is_404(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("calculators_run_results", args=(999999,))).status_code == 404


#: Queries of one results page: session, user, groups/permissions, the admin's own furniture,
#: then the run (1), its factor sets (1), its aggregated results (1) and the other runs (1).
RESULTS_VIEW_QUERIES = 12


def test_query_count_is_the_same_for_a_small_and_a_large_run(
    client, enterprise, auditor, django_assert_num_queries
):
    small, _ = build_run(enterprise, months=1)
    large, _ = build_run(enterprise, months=12, copies=6)
    client.force_login(auditor)
    with django_assert_num_queries(RESULTS_VIEW_QUERIES):
        assert client.get(results_url(small)).status_code == 200
    with django_assert_num_queries(RESULTS_VIEW_QUERIES):
        assert client.get(results_url(large)).status_code == 200


def test_xlsx_download(client, enterprise, auditor):
    run, expected = build_run(enterprise, months=2)
    client.force_login(auditor)
    response = client.get(reverse("calculators_run_report", args=(run.pk, "xlsx")) + "?lang=en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('-en.xlsx"')
    wb = load_workbook(io.BytesIO(response.content))
    cover = wb[wb.sheetnames[0]]
    values = {r[0]: r[1] for r in cover.iter_rows(values_only=True) if r[0]}
    assert values["Total emissions (tCO2e)"] == pytest.approx(expected["total"])


def test_pdf_download_in_chinese(client, enterprise, auditor):
    run, _expected = build_run(enterprise, months=1)
    client.force_login(auditor)
    response = client.get(reverse("calculators_run_report", args=(run.pk, "pdf")) + "?lang=zh-hans")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_unknown_format_is_404(client, enterprise, auditor):
    run, _expected = build_run(enterprise, months=1)
    client.force_login(auditor)
    assert client.get(reverse("calculators_run_report", args=(run.pk, "docx"))).status_code == 404


def test_a_run_without_results_renders(client, enterprise, auditor):
    from calculators.models import AccountingRun, RunResult, RunStatus

    run, _expected = build_run(enterprise, months=1)
    RunResult.objects.filter(run=run).delete()
    AccountingRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED, total_tco2e=None)
    client.force_login(auditor)
    response = client.get(results_url(run))
    assert response.status_code == 200
    assert response.context["summary"].total == 0.0
    xlsx = client.get(reverse("calculators_run_report", args=(run.pk, "xlsx")))
    assert xlsx.status_code == 200
    load_workbook(io.BytesIO(xlsx.content))


def test_comparison_with_other_periods(client, enterprise, auditor):
    import datetime as dt

    from calculators.models import AccountingRun

    run, expected = build_run(enterprise, months=1)
    other, _ = build_run(enterprise, months=1)
    AccountingRun.objects.filter(pk=other.pk).update(
        period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 1, 1), total_tco2e=123.0
    )
    longer, _ = build_run(enterprise, months=2)  # another length: not compared
    client.force_login(auditor)
    response = client.get(results_url(run))
    rows = response.context["comparison"]["rows"]
    assert [r["pk"] for r in rows] == [other.pk, run.pk]
    assert rows[0]["total"] == pytest.approx(123.0)
    assert rows[1]["current"]
    assert rows[1]["per_t"] == pytest.approx(0.5)
    assert longer.pk not in [r["pk"] for r in rows]
    assert "<svg" in response.context["comparison"]["chart"]
