"""Results disclosure of a year of the performance series (5.2.1 g, 6.3.2, 9.1): the series'
numbers on the page, its PDF and the API; a one-run year equal to that run's report; the runs
listed as the source with a note where they differ; clean errors; out of date when a month is
superseded; the approval workflow and both languages."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from wagtail.users.models import UserProfile

import pytest

from calculators.disclosure import disclosure_figures
from calculators.models import GwpSet, SeriesPoint
from calculators.performance import selectors
from calculators.reports.context import report_context
from calculators.services.runs import run_create
from cems_pages.models import DocumentStatus, ResultsDisclosurePage
from cems_pages.workflows import REVIEW_TASK, TOP_MANAGEMENT_TASK
from cems_registers.models import Facility
from tests.calculators.factories import builtin_sets

from . import test_disclosure as run_case
from .test_disclosure import (
    INTERNAL_KEYS,
    act,
    add_form,
    approved,
    current_task,
    keys_of,
    pdf_text,
    translate,
)

# the run case's fixtures: 2025's data approved, and its run approved into the series
approved_dataset = run_case.approved_dataset
approved_run = run_case.approved_run

pytestmark = pytest.mark.django_db

JUL_2025 = dt.date(2025, 7, 1)
OCT_2025 = dt.date(2025, 10, 1)
DEC_2025 = dt.date(2025, 12, 1)


def run_over(user, start, end, *, gwp="AR5", facilities=(), **options):
    run = run_create(
        user=user,
        period_start=start,
        period_end=end,
        factor_sets=builtin_sets(),
        gwp_set=GwpSet.objects.get(key=gwp),
        facilities=facilities,
        options=options or None,
    )
    run.refresh_from_db()
    return run


@pytest.fixture
def second_half(approved_run, data_submitter, data_reviewer):
    """July–December 2025 accounted again, biogenic CO2 in the total: 2025 now comes from two
    runs (January–June from the first)."""
    return approved(run_over(data_submitter, JUL_2025, DEC_2025, biomass="include"), data_reviewer)


def series_page(parent, *, year=2025, boundary=None, slug="results-2025-series", publish=True):
    page = ResultsDisclosurePage(
        title="2025 年度温室气体排放结果（绩效序列）",
        slug=slug,
        series_year=year,
        document_number="GP-CM-R2025S",
        approver="王建华（总经理）",
        live=False,
    )
    if boundary is not None:
        page.series_boundary = boundary
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def series_form(year, action="action-submit", **overrides):
    return add_form(
        "",
        action=action,
        series_year=year,
        series_boundary=overrides.pop("series_boundary", ""),
        slug=overrides.pop("slug", "results-2025-series"),
        **overrides,
    )


def series_totals(year=2025, boundary=""):
    by_scope = selectors.series_values(
        metrics=("tco2e", "energy_gj"),
        by=("scope",),
        boundary=boundary,
        year_from=year,
        year_to=year,
    )
    by_gas = selectors.series_values(
        by=("year", "gas"), boundary=boundary, year_from=year, year_to=year
    )
    return by_scope, by_gas


# --- the numbers are the series' ----------------------------------------------------------


def test_a_year_of_one_run_equals_that_runs_report_and_its_run_page(home, approved_run):
    figures = series_page(home).figures
    run_figures = disclosure_figures(run=approved_run)
    report = report_context(approved_run, "zh-hans")
    summary = report["summary"]
    assert figures["total_tco2e"] == pytest.approx(summary.total, rel=1e-12)
    for key in ("by_scope", "by_category", "by_gas", "by_facility", "cells"):
        assert len(figures[key]) == len(run_figures[key]), key
        for mine, theirs in zip(figures[key], run_figures[key], strict=True):
            assert {k: v for k, v in mine.items() if not isinstance(v, float)} == {
                k: v for k, v in theirs.items() if not isinstance(v, float)
            }
            for k, v in theirs.items():
                if isinstance(v, float):
                    assert mine[k] == pytest.approx(v, rel=1e-9, abs=1e-9), (key, k)
    assert [(r["key"], r["value"]) for r in figures["intensity"]] == [
        (r["key"], pytest.approx(r["value"], rel=1e-9)) for r in report["intensity"]
    ]
    assert figures["energy"]["gj"] == pytest.approx(run_figures["energy"]["gj"], rel=1e-12)
    assert [m["key"] for m in figures["methods"]] == [m["key"] for m in run_figures["methods"]]
    assert figures["gwp"] == run_figures["gwp"]
    assert figures["factor_sets"] == run_figures["factor_sets"]
    assert figures["trend"] == run_figures["trend"]
    assert figures["progress"] == run_figures["progress"]
    assert figures["boundary"] == run_figures["boundary"]
    assert [s["run"] for s in figures["sources"]] == [approved_run.pk]
    assert figures["sources"][0]["months"] == 12
    assert figures["notes"] == []


def test_a_year_of_two_runs_has_the_series_numbers_on_page_pdf_and_api(
    client, home, approved_run, second_half
):
    page = series_page(home)
    figures = page.figures
    by_scope, by_gas = series_totals()
    total = float(by_scope["tco2e"].sum())
    assert total != pytest.approx(approved_run.total_tco2e)  # July–December were re-accounted
    assert figures["total_tco2e"] == pytest.approx(total, rel=1e-9)
    assert [(r["scope"], r["tco2e"]) for r in figures["by_scope"] if r["scope"]] == [
        (int(r.scope), pytest.approx(r.tco2e, rel=1e-9))
        for r in by_scope.itertuples()
        if r.scope and r.tco2e
    ]
    gases = {r.gas: r.tco2e for r in by_gas.itertuples() if r.tco2e}
    assert {r["gas"]: pytest.approx(r["tco2e"], rel=1e-9) for r in figures["by_gas"]} == gases
    assert figures["energy"]["gj"] == pytest.approx(float(by_scope["energy_gj"].sum()), rel=1e-9)
    assert figures["trend"][-1]["tco2e"] == pytest.approx(total, rel=1e-9)
    # the runs are the source, month by month
    sources = [
        (s["run"], s["period_start"], s["period_end"], s["months"]) for s in figures["sources"]
    ]
    assert sources == [
        (approved_run.pk, "2025-01-01", "2025-06-01", 6),
        (second_half.pk, "2025-07-01", "2025-12-01", 6),
    ]
    assert {n["kind"] for n in figures["notes"]} == {"biomass"}
    assert figures["run"]["period_start"] == "2025-01-01"
    assert figures["run"]["period_end"] == "2025-12-01"
    # page, PDF and API show the same number
    shown = f"{total:,.3f}"
    html = client.get(page.url).content.decode()
    assert shown in html
    assert f"#{approved_run.pk}<" not in html and f"#{second_half.pk}<" not in html
    assert "不同" in html  # the note that the runs differ
    with translation.override("zh-hans"):
        pdf = client.get(reverse("cems_pages:document_pdf", args=[page.pk]))
    text = "".join(pdf_text(pdf).split())
    assert shown in text
    assert "2025-07" in text
    detail = client.get(f"/api/v2/results/{page.pk}/").json()
    assert detail["total_tco2e"] == pytest.approx(total, rel=1e-9)
    assert detail["period_start"] == "2025-01" and detail["period_end"] == "2025-12"
    listing = client.get("/api/v2/results/", {"year": 2025, "locale": "zh-hans"}).json()
    assert listing["meta"]["total_tco2e"] == pytest.approx(total, rel=1e-9)
    pages = client.get(f"/api/v2/pages/{page.pk}/", {"fields": "*"}).json()
    assert not keys_of(pages) & INTERNAL_KEYS
    # no run id or input hash in the public figures (docs/disclosure.md: not public)
    disclosed = pages["disclosed_results"]
    assert set(disclosed["run"]) & {"id", "input_hash"} == set()
    assert [set(s) & {"run"} for s in disclosed["sources"]] == [set(), set()]
    assert [s["months"] for s in disclosed["sources"]] == [6, 6]


def test_english_page_shows_the_same_numbers_and_the_sources(
    client, home, home_en, approved_run, second_half
):
    page = series_page(home)
    page_en = translate(page, title="Greenhouse gas results 2025 (series)")
    assert page_en.series_year == 2025
    total = page.figures["total_tco2e"]
    html = client.get(page_en.url).content.decode()
    assert f"{total:,.3f}" in html
    assert "Source of the figures" in html
    assert "treat emissions from biomass differently" in html
    detail = client.get(f"/api/v2/results/{page_en.pk}/").json()
    assert detail["total_tco2e"] == pytest.approx(total, rel=1e-12)


# --- clean errors -----------------------------------------------------------------------------


@pytest.fixture
def add_url(home):
    return reverse("wagtailadmin_pages:add", args=["cems_pages", "resultsdisclosurepage", home.pk])


def admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def form_errors(client, url, data, language="en") -> dict:
    """The form's errors as the user reads them; each is on the page shown."""
    response = client.post(url, data)
    assert response.status_code == 200, "the form should have been refused"
    html = response.content.decode()
    with translation.override(language):
        errors = {k: [str(e) for e in v] for k, v in response.context["form"].errors.items()}
    for messages in errors.values():
        for message in messages:
            assert escape(message) in html, message
    return errors


def test_both_or_neither_is_refused_and_nothing_saved(client, add_url, approved_run, editor):
    admin_language(editor, "en")
    client.force_login(editor)
    errors = form_errors(client, add_url, add_form(approved_run, series_year=2025))
    both = "Choose either an accounting run or a year of the performance series, not both."
    assert errors["run"] == [both] and errors["series_year"] == [both]
    errors = form_errors(client, add_url, series_form(""))
    assert errors["run"] == [
        "Choose the approved accounting run, or a year of the performance series, whose "
        "results are disclosed."
    ]
    admin_language(editor, "zh-hans")
    errors = form_errors(client, add_url, add_form(approved_run, series_year=2025), "zh-hans")
    assert errors["run"] == ["请选择核算批次或绩效序列的年度之一，不能同时选择。"]
    assert not ResultsDisclosurePage.objects.exists()


def test_a_year_without_approved_data_is_refused_naming_it(
    client, home, add_url, approved_run, editor
):
    admin_language(editor, "en")
    client.force_login(editor)
    errors = form_errors(client, add_url, series_form(2019))
    assert errors["series_year"] == ["The performance series has no approved data for 2019."]
    page = ResultsDisclosurePage(title="2019", slug="y2019", series_year=2019, live=False)
    home.add_child(instance=page)
    with pytest.raises(ValidationError) as error:
        page.save_revision()
    assert "2019" in error.value.message_dict["series_year"][0]
    assert not page.revisions.exists()


def test_a_year_in_several_boundaries_asks_for_one(
    client, add_url, approved_run, data_submitter, data_reviewer, editor
):
    facility = Facility.objects.filter(in_boundary=True).order_by("code").first()
    part = approved(
        run_over(data_submitter, dt.date(2025, 1, 1), DEC_2025, facilities=[facility]),
        data_reviewer,
    )
    admin_language(editor, "en")
    client.force_login(editor)
    errors = form_errors(client, add_url, series_form(2025))
    message = errors["series_year"][0]
    assert "has 2025 in several boundaries" in message
    assert "the whole boundary" in message and facility.code in message
    # the facility's boundary chosen: its series, from its run
    response = client.post(add_url, series_form(2025, series_boundary=str(facility.pk)))
    assert response.status_code == 302, response.context["form"].errors
    page = ResultsDisclosurePage.objects.get(slug="results-2025-series")
    assert page.series_boundary == str(facility.pk)
    assert [s["run"] for s in page.figures["sources"]] == [part.pk]
    assert page.figures["total_tco2e"] == pytest.approx(part.total_tco2e, rel=1e-9)
    assert [f["code"] for f in page.figures["boundary"] if f["in_boundary"]] == [facility.code]


def test_a_month_from_several_runs_is_refused_naming_months_and_runs(
    home, approved_run, second_half
):
    # a damaged series: July of the superseded run current again beside the new one
    SeriesPoint.objects.filter(run=approved_run, period=JUL_2025).update(is_current=True)
    page = ResultsDisclosurePage(title="2025", slug="mixed", series_year=2025, live=False)
    home.add_child(instance=page)
    with pytest.raises(ValidationError) as error:
        page.save_revision()
    message = error.value.message_dict["series_year"][0]
    assert "2025-07" in message
    assert f"#{approved_run.pk}" in message and f"#{second_half.pk}" in message


# --- out of date ------------------------------------------------------------------------------


def test_a_run_superseding_a_month_makes_the_page_out_of_date(
    client, home, approved_run, second_half, data_submitter, data_reviewer, admin_user
):
    page = series_page(home)
    assert page.out_of_date_reasons() == []
    old_total = page.figures["total_tco2e"]
    q4 = approved(run_over(data_submitter, OCT_2025, DEC_2025, gwp="AR6"), data_reviewer)
    page.refresh_from_db()
    reasons = [str(r) for r in page.out_of_date_reasons()]
    assert len(reasons) == 1
    assert "2025-10, 2025-11, 2025-12" in reasons[0]
    assert f"#{q4.pk}" in reasons[0] and f"#{second_half.pk}" in reasons[0]
    # the public page keeps the approved figures; the editor is warned
    assert f"{old_total:,.3f}" in client.get(page.url).content.decode()
    client.force_login(admin_user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert f"#{q4.pk}" in client.get(edit_url).content.decode()
    explorer = client.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode()
    assert "Out of date" in explorer or "已过时" in explorer
    # saving again takes the series as it is now: three runs, and a note on the GWP sets
    response = client.post(edit_url, series_form(2025, action="action-save", title=page.title))
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert [s["run"] for s in draft.figures["sources"]] == [approved_run.pk, second_half.pk, q4.pk]
    assert {"gwp", "biomass"} <= {n["kind"] for n in draft.figures["notes"]}
    assert draft.figures["gwp"]["key"] == "AR5 / AR6"
    by_scope, _by_gas = series_totals()
    assert draft.figures["total_tco2e"] == pytest.approx(float(by_scope["tco2e"].sum()), rel=1e-9)


# --- approval workflow and revisions -----------------------------------------------------------


def test_editor_submits_a_series_year_and_only_top_management_approves(
    client, add_url, approved_run, second_half, editor, reviewer, top_manager
):
    client.force_login(editor)
    response = client.post(add_url, series_form(2025))
    assert response.status_code == 302, response.context["form"].errors
    page = ResultsDisclosurePage.objects.get(slug="results-2025-series")
    assert not page.live and page.series_year == 2025 and page.run_id is None
    assert page.series_boundary == ""
    assert current_task(page) == REVIEW_TASK
    act(client, reviewer, page, "approve")
    assert current_task(page) == TOP_MANAGEMENT_TASK
    act(client, editor, page, "approve")
    assert current_task(page) == TOP_MANAGEMENT_TASK
    act(client, top_manager, page, "approve")
    page.refresh_from_db()
    assert page.live and page.document_status == DocumentStatus.EFFECTIVE
    live = page.live_revision.as_object()
    assert live.figures["basis"]["series"] == {"year": 2025, "boundary": ""}
    assert [s["run"] for s in live.figures["sources"]] == [approved_run.pk, second_half.pk]


def test_editor_cannot_publish_a_series_year_directly(client, add_url, approved_run, editor):
    client.force_login(editor)
    client.post(add_url, series_form(2025, action="action-publish"))
    page = ResultsDisclosurePage.objects.filter(slug="results-2025-series").first()
    assert page is not None and not page.live


def test_edit_form_offers_the_series_years_in_both_languages(client, home, approved_run, editor):
    page = series_page(home)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for language, label in (("en", "Year of the performance series"), ("zh-hans", "绩效序列年份")):
        admin_language(editor, language)
        html = client.get(url).content.decode()
        assert label.lower() in html.lower(), language
        assert '<option value="2025" selected>2025</option>' in html
