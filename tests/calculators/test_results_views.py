"""Admin results view of an accounting run and its report downloads (6.3.2, 9.1)."""

import io
import re

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from ..refusals import assert_sent_to_login
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


def test_user_without_view_permission_is_refused(client, enterprise, make_user):
    run, _expected = build_run(enterprise)
    client.force_login(make_user("nobody"))  # every role reads results (calculators 0012)
    assert_sent_to_login(client.get(results_url(run)), results_url(run))
    report_url = reverse("calculators_run_report", args=(run.pk, "xlsx"))
    response = client.get(report_url)
    assert_sent_to_login(response, report_url)
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
#: then the run (1), its factor sets (1), its aggregated results (1), the other runs (1), its
#: issued report files (1), the withdrawn datasets (1) and its energy per carrier (1).
RESULTS_VIEW_QUERIES = 15


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


def test_a_done_run_without_results_renders(client, enterprise, auditor):
    from calculators.models import AccountingRun, RunResult

    run, _expected = build_run(enterprise, months=1)
    RunResult.objects.filter(run=run).delete()
    AccountingRun.objects.filter(pk=run.pk).update(total_tco2e=None)
    client.force_login(auditor)
    response = client.get(results_url(run))
    assert response.status_code == 200
    assert response.context["summary"].total == 0.0
    xlsx = client.get(reverse("calculators_run_report", args=(run.pk, "xlsx")))
    assert xlsx.status_code == 200
    load_workbook(io.BytesIO(xlsx.content))


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("queued", "is queued: it has no results yet"),
        ("running", "is still running: it has no results yet"),
        ("failed", "failed, so it has no results: division by zero"),
    ],
)
def test_a_run_without_results_redirects_to_its_page(client, enterprise, auditor, status, expected):
    from django.contrib.messages import get_messages

    from calculators.models import AccountingRun

    run, _expected = build_run(enterprise, months=1)
    AccountingRun.objects.filter(pk=run.pk).update(status=status, message="division by zero")
    client.force_login(auditor)
    detail = reverse("calculators_run_detail", args=(run.pk,))
    response = client.get(results_url(run), HTTP_ACCEPT_LANGUAGE="en")
    report = client.get(
        reverse("calculators_run_report", args=(run.pk, "pdf")), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    assert response["Location"] == detail
    assert report.status_code == 302
    assert report["Location"] == detail
    assert not report.get("Content-Disposition")
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts
    assert all(f"Run #{run.pk} {expected}" in text for text in texts)


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


def _other_run(run, year: int, status: str, total):
    import datetime as dt

    from calculators.models import AccountingRun

    return AccountingRun.objects.create(
        name=f"Run {year} {status}",
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 1, 1),
        gwp_set=run.gwp_set,
        status=status,
        total_tco2e=total,
    )


def test_comparison_leaves_out_runs_without_a_usable_total(client, enterprise, auditor):
    run, _expected = build_run(enterprise, months=1)
    approved = _other_run(run, 2024, "approved", 100.0)
    _other_run(run, 2024, "done", 0.0)  # newer run of 2024 with a zero total: not compared
    draft = _other_run(run, 2023, "done", 90.0)
    excluded = [
        _other_run(run, 2022, "queued", 80.0),
        _other_run(run, 2021, "failed", 70.0),
        _other_run(run, 2020, "running", 60.0),
        _other_run(run, 2019, "done", 0.0),
        _other_run(run, 2018, "approved", float("inf")),
        _other_run(run, 2017, "done", float("-inf")),
        _other_run(run, 2016, "done", None),
    ]
    client.force_login(auditor)
    response = client.get(results_url(run), HTTP_ACCEPT_LANGUAGE="en")
    rows = response.context["comparison"]["rows"]
    assert [r["pk"] for r in rows] == [draft.pk, approved.pk, run.pk]
    assert [r["draft"] for r in rows] == [True, False, True]
    assert not {r.pk for r in excluded} & {r["pk"] for r in rows}
    chart = response.context["comparison"]["chart"]
    assert "2023-01 – 2023-01 (draft)" in chart
    assert "2024-01 – 2024-01 (draft)" not in chart
    assert chart.count("<rect") == 3
    html = response.content.decode()
    assert html.count("cems-draft-tag") == 2


def test_comparison_rows_skip_non_finite_totals_without_a_query(django_assert_num_queries):
    import datetime as dt

    from calculators.models import AccountingRun
    from calculators.results_views import comparison_rows

    def unsaved(pk, year, status, total):
        return AccountingRun(
            pk=pk,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 1),
            status=status,
            total_tco2e=total,
        )

    current = unsaved(1, 2025, "approved", 50.0)
    others = [
        unsaved(2, 2024, "done", float("nan")),
        unsaved(3, 2024, "done", 40.0),
        unsaved(4, 2023, "approved", float("inf")),
        unsaved(5, 2022, "approved", 30.0),
    ]
    with django_assert_num_queries(0):
        rows = comparison_rows(current, others)
    assert [r["pk"] for r in rows] == [5, 3, 1]
    assert comparison_rows(unsaved(6, 2025, "done", float("nan")), others) == []


# --- charts ---------------------------------------------------------------------------------

SVG_SIZE = re.compile(r'<svg [^>]*width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"')


def _tick_labels(svg: str) -> list[str]:
    return re.findall(
        r'<text x="[\d.]+" y="[\d.]+" text-anchor="end" font-size="\d+">([^<]*)<', svg
    )


def test_charts_are_drawn_at_their_natural_size():
    """One SVG unit is one pixel, so a full-width chart's text is not blown up (nor any other)."""
    from calculators.reports import charts

    for svg in (
        charts.hbar_svg([("2024", 1.0), ("2025", 2.0)], width=640),
        charts.hbar_svg([("Scope 1", 3.0)]),
        charts.column_svg(["2025-01"], [("Scope 1", [3.0])]),
    ):
        width, height, view_width, view_height = SVG_SIZE.search(svg).groups()
        assert (width, height) == (view_width, view_height)
        assert 'width="100%"' not in svg
        sizes = {int(size) for size in re.findall(r'font-size="(\d+)"', svg)}
        assert sizes <= {charts.LABEL_SIZE, charts.SMALL_SIZE}


def test_every_chart_of_the_results_page_has_the_same_text_size(client, enterprise, auditor):
    import datetime as dt

    from calculators.models import AccountingRun

    run, _expected = build_run(enterprise, months=1)
    other, _ = build_run(enterprise, months=1)
    AccountingRun.objects.filter(pk=other.pk).update(
        period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 1, 1), total_tco2e=123.0
    )
    client.force_login(auditor)
    response = client.get(results_url(run))
    svgs = [*response.context["charts"].values(), response.context["comparison"]["chart"]]
    assert len(svgs) == 6
    for svg in svgs:
        width, _height, view_width, _view_height = SVG_SIZE.search(svg).groups()
        assert width == view_width
        assert set(re.findall(r'font-size="(\d+)"', svg)) <= {"11", "12"}


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0.0, 4905.0, [0, 1000, 2000, 3000, 4000, 5000]),
        (0.0, 11.0, [0, 2.5, 5, 7.5, 10, 12.5]),
        (0.0, 0.023, [0, 0.005, 0.01, 0.015, 0.02, 0.025]),
        (-35.0, 980.0, [-250, 0, 250, 500, 750, 1000]),
        (0.0, 0.0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    ],
)
def test_nice_ticks(low, high, ticks):
    from calculators.reports.charts import nice_ticks

    assert nice_ticks(low, high) == pytest.approx(ticks)


def test_month_axis_has_round_ticks_and_a_plain_zero():
    from calculators.reports import charts

    months = [f"2025-{m:02d}" for m in range(1, 13)]
    scope_1 = [1000.0 + 20 * m for m in range(12)]
    scope_2 = [2000.0 + 50 * m for m in range(11)] + [4905.0 - 1220.0]
    svg = charts.column_svg(months, [("Scope 1", scope_1), ("Scope 2", scope_2)])
    assert _tick_labels(svg) == ["0", "1,000", "2,000", "3,000", "4,000", "5,000"]
    assert "0.00" not in svg
    assert "1,226" not in svg
    assert charts.tick_label(0.0, 0.25) == "0"
    assert charts.tick_label(-0.5, 0.25) == "-0.50"
    assert charts.tick_label(7.5, 2.5) == "7.5"


def _label_lines(svg: str) -> list[str]:
    return re.findall(r"<tspan [^>]*>([^<]*)</tspan>", svg)


def test_english_bar_labels_are_shown_in_full():
    from calculators.reports import charts

    labels = ["Scope 1 (direct)", "Scope 2 (energy indirect)", "F01 Suzhou assembly plant"]
    svg = charts.hbar_svg([(label, 100.0 * (i + 1)) for i, label in enumerate(labels)])
    assert _label_lines(svg) == labels
    assert "…" not in svg


def test_a_long_label_wraps_then_is_cut_and_keeps_its_full_text_in_a_tooltip():
    from calculators.reports import charts

    label = "F02 Wuxi foundry melting shop, induction furnaces and ladle preheating station"
    svg = charts.hbar_svg([(label, 10.0), ("F01", 5.0)], width=520)
    lines = _label_lines(svg)
    assert len(lines) == 3  # two for the long label, one for "F01"
    assert lines[0].startswith("F02 Wuxi")
    assert lines[1].endswith("…")
    assert not lines[1][:-1].endswith(" ")
    for line in lines[:2]:
        assert charts.text_width(line) <= 520 * charts.MAX_LABEL_SHARE
    assert f"<title>{label}: 10.00 tCO2e</title>" in svg


def test_chinese_labels_wrap_between_characters():
    from calculators.reports.charts import text_width, wrap_label

    label = "F01 苏州总装厂涂装车间及其配套的废气处理设施与危险废物暂存间"
    lines = wrap_label(label, 150)
    assert len(lines) == 2
    assert lines[0] != label
    assert lines[1].endswith("…")
    assert all(text_width(line) <= 150 for line in lines)
    assert wrap_label("范围二（能源间接排放）", 150) == ["范围二（能源间接排放）"]


@pytest.mark.parametrize("total", [float("inf"), float("-inf")])
def test_run_list_marks_a_non_finite_total(client, enterprise, auditor, total):
    from calculators.models import AccountingRun

    run, _expected = build_run(enterprise, months=1)
    fine, _ = build_run(enterprise, months=1)
    AccountingRun.objects.filter(pk=run.pk).update(total_tco2e=total)
    AccountingRun.objects.filter(pk=fine.pk).update(total_tco2e=1234.5)
    client.force_login(auditor)
    response = client.get(reverse("calculators_run_list"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert not re.search(r">\s*-?inf\s*<", html)
    assert "Invalid total" in html
    assert "1,234.500" in html
