"""Results disclosure page (5.2.1 g, 9.1): figures from the approved run only, the report's
numbers, charts with tables, out-of-date warning, approval by top management, PDF, API."""

import io
import json

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text

import pytest
from pypdf import PdfReader

from calculators.demo_data import year_csv
from calculators.models import RunStatus
from calculators.performance.services import performance_update
from calculators.reports.context import report_context
from calculators.services.datasets import dataset_review, dataset_submit
from calculators.services.runs import run_approve
from cems_pages.models import DocumentStatus, ResultsDisclosurePage
from cems_pages.workflows import REVIEW_TASK, TOP_MANAGEMENT_TASK
from cems_registers.demo import accounting_registers
from tests.calculators.factories import DEC_2025, JAN_2025, run_2025

from .factories import no_comments

pytestmark = pytest.mark.django_db

#: Keys that must never appear in what anonymous visitors get.
INTERNAL_KEYS = {"basis", "datasets", "dataset_ids", "input_rows", "created_by", "approved_by"}


@pytest.fixture
def approved_dataset(db, data_submitter, data_reviewer):
    accounting_registers()
    result = dataset_submit(
        file_bytes=year_csv(2025),
        filename="demo-2025.csv",
        user=data_submitter,
        period_start=JAN_2025,
        period_end=DEC_2025,
    )
    dataset_review(dataset=result.dataset, user=data_reviewer, approve=True)
    return result.dataset


def approved(run, reviewer):
    run = run_approve(run=run, user=reviewer)
    performance_update(run_id=run.pk)  # what the approval queues on commit
    run.refresh_from_db()
    return run


@pytest.fixture
def approved_run(approved_dataset, data_submitter, data_reviewer):
    return approved(run_2025(data_submitter, biomass="memo"), data_reviewer)


def make_page(parent, run, *, publish=True, slug="results-2025", **fields):
    page = ResultsDisclosurePage(
        title=fields.pop("title", "2025 年度温室气体排放结果"),
        slug=slug,
        run=run,
        document_number="GP-CM-R2025",
        approver="王建华（总经理）",
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, title="Greenhouse gas results 2025"):
    copy = page.copy_for_translation(Locale.objects.get(language_code="en")).specific
    copy.title = copy.draft_title = title
    copy.document_status = DocumentStatus.DRAFT
    copy.save()
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def page(home, approved_run):
    return make_page(home, approved_run)


@pytest.fixture
def page_en(page, home_en):
    return translate(page)


def keys_of(value) -> set:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


# --- the numbers are the report's ----------------------------------------------------------


def test_figures_are_the_approved_reports_numbers(page, approved_run):
    report = report_context(approved_run, "zh-hans")
    summary = report["summary"]
    figures = page.figures
    assert figures["total_tco2e"] == pytest.approx(summary.total, rel=1e-12)
    assert figures["total_tco2e"] == pytest.approx(approved_run.total_tco2e, rel=1e-9)
    assert [(r["scope"], r["tco2e"]) for r in figures["by_scope"]] == [
        (r["scope"], pytest.approx(r["tco2e"], rel=1e-12)) for r in summary.by_scope
    ]
    assert [(r["category"], r["tco2e"]) for r in figures["by_category"]] == [
        (r["category"], pytest.approx(r["tco2e"], rel=1e-12)) for r in summary.by_category
    ]
    assert [(r["gas"], r["tco2e"], r["mass_t"]) for r in figures["by_gas"]] == [
        (r["gas"], pytest.approx(r["tco2e"], rel=1e-12), pytest.approx(r["mass_t"], rel=1e-12))
        for r in summary.by_gas
    ]
    assert [(r["key"], r["value"]) for r in figures["intensity"]] == [
        (r["key"], pytest.approx(r["value"], rel=1e-12)) for r in report["intensity"]
    ]
    assert figures["gwp"]["key"] == report["meta"]["gwp_key"]
    assert [fs["key"] for fs in figures["factor_sets"]] == [
        fs["key"] for fs in report["factor_sets"]
    ]
    # the scope × category × gas cells add up to the total, and the trend's last year too
    assert sum(c["tco2e"] for c in figures["cells"]) == pytest.approx(summary.total, rel=1e-9)
    assert figures["trend"][-1]["year"] == 2025
    assert figures["trend"][-1]["tco2e"] == pytest.approx(summary.total, rel=1e-9)
    assert figures["energy"]["gj"] > 0
    assert figures["energy"]["tce"] == pytest.approx(figures["energy"]["gj"] / 29.3076)


def test_page_pdf_and_api_show_the_same_numbers(client, page, approved_run):
    total = report_context(approved_run, "zh-hans")["summary"].total
    shown = f"{total:,.3f}"  # as the report prints it
    html = client.get(page.url).content.decode()
    assert shown in html
    with translation.override("zh-hans"):
        pdf = client.get(reverse("cems_pages:document_pdf", args=[page.pk]))
    assert shown in "".join(pdf_text(pdf).split())  # a table cell may wrap a long figure
    detail = client.get(f"/api/v2/results/{page.pk}/").json()
    assert detail["total_tco2e"] == pytest.approx(total, rel=1e-12)
    listing = client.get("/api/v2/results/", {"locale": "zh-hans"}).json()
    assert listing["meta"]["total_tco2e"] == pytest.approx(total, rel=1e-9)


# --- only approved, current data ----------------------------------------------------------


def test_a_run_that_is_not_approved_is_refused_naming_the_field(
    home, approved_dataset, data_submitter
):
    run = run_2025(data_submitter, biomass="memo")
    assert run.status == RunStatus.DONE
    page = ResultsDisclosurePage(title="未批准", slug="not-approved", run=run, live=False)
    home.add_child(instance=page)  # a new draft: Wagtail checks only its title and slug here
    with pytest.raises(ValidationError) as error:
        page.save_revision()
    assert "run" in error.value.message_dict
    assert f"#{run.pk}" in error.value.message_dict["run"][0]
    assert not page.revisions.exists()
    page.live = True
    with pytest.raises(ValidationError) as error:
        page.save()  # publishing validates the run too
    assert "run" in error.value.message_dict


def test_the_admin_form_refuses_an_unapproved_run_and_saves_nothing(
    client, page, data_submitter, editor
):
    run = run_2025(data_submitter, biomass="memo")
    client.force_login(editor)
    revisions = page.revisions.count()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form(page, run=run.pk)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "run" in errors
    assert page.revisions.count() == revisions


def test_superseded_run_is_refused_and_the_page_shows_out_of_date(
    client, page, approved_run, data_submitter, data_reviewer, admin_user
):
    old_total = page.figures["total_tco2e"]
    newer = approved(run_2025(data_submitter, biomass="include"), data_reviewer)
    assert newer.total_tco2e != pytest.approx(old_total)
    page.refresh_from_db()
    reasons = page.out_of_date_reasons()
    assert any(f"#{newer.pk}" in str(reason) for reason in reasons)
    # the public page keeps the approved figures until a new revision is approved
    assert f"{old_total:,.3f}" in client.get(page.url).content.decode()
    # an editor opening it is warned; choosing the superseded run again is refused
    client.force_login(admin_user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    warned = client.get(edit_url).content.decode()
    assert f"#{newer.pk}" in warned
    response = client.post(edit_url, edit_form(page, run=approved_run.pk))
    assert "run" in response.context["form"].errors
    # the new run is accepted and its figures are taken
    response = client.post(edit_url, edit_form(page, run=newer.pk))
    assert response.status_code == 302
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.figures["total_tco2e"] == pytest.approx(newer.total_tco2e, rel=1e-9)


def test_nothing_changed_means_no_warning(page):
    assert page.out_of_date_reasons() == []


# --- the public page in both languages ---------------------------------------------------


def test_anonymous_reads_the_page_in_chinese_and_english(client, page, page_en):
    zh = client.get(page.url).content.decode()
    assert page.title in zh
    assert "范围一" in zh and "<svg" in zh and "<table" in zh
    with translation.override("zh-hans"):
        heading = translation.gettext("Emissions by year and scope")
    assert heading != "Emissions by year and scope" and heading in zh
    en = client.get(page_en.url).content.decode()
    assert page_en.title in en
    assert "Scope 1 (direct)" in en
    assert "范围一" not in en
    # every chart has its title as text alternative and its numbers in a table
    for html in (zh, en):
        assert html.count("<svg") == html.count("<figcaption>")
        assert html.count("<svg") >= 4


def test_drafts_private_and_internal_pages_are_not_shown(client, home, approved_run, page):
    draft = make_page(home, approved_run, publish=False, slug="draft")
    internal = make_page(home, approved_run, slug="internal", is_public=False)
    assert client.get(f"/zh-hans/{draft.slug}/").status_code == 404
    assert client.get(internal.url).status_code in (302, 404)
    listed = {
        item["disclosure"]["id"]
        for item in client.get("/api/v2/results/", {"locale": "zh-hans"}).json()["items"]
    }
    assert listed == {page.pk}
    for hidden in (draft, internal):
        assert client.get(f"/api/v2/results/{hidden.pk}/").status_code == 404
    # a draft revision's new words are not public until approved
    page.introduction = "<p>尚未批准的新说明。</p>"
    page.save_revision()
    assert "尚未批准的新说明" not in client.get(page.url).content.decode()


# --- API --------------------------------------------------------------------------------


def test_api_filters_by_scope_category_gas_and_year(client, page, page_en):
    url = "/api/v2/results/"
    every = client.get(url, {"locale": "zh-hans"}).json()
    assert every["meta"]["total_count"] == len(every["items"]) > 3
    scope2 = client.get(url, {"locale": "zh-hans", "scope": 2}).json()
    assert scope2["items"] and {i["scope"] for i in scope2["items"]} == {2}
    by_scope = {r["scope"]: r["tco2e"] for r in page.figures["by_scope"]}
    assert scope2["meta"]["total_tco2e"] == pytest.approx(by_scope[2], rel=1e-9)
    co2 = client.get(url, {"locale": "zh-hans", "gas": "co2"}).json()
    assert co2["items"] and {i["gas"] for i in co2["items"]} == {"CO2"}
    category = every["items"][0]["category"]
    one = client.get(url, {"locale": "zh-hans", "category": category}).json()
    assert {i["category"] for i in one["items"]} == {category}
    assert client.get(url, {"locale": "zh-hans", "year": 2024}).json()["items"] == []
    assert (
        client.get(url, {"locale": "zh-hans", "year": 2025}).json()["meta"]["total_count"]
        == (every["meta"]["total_count"])
    )
    english = client.get(url, {"locale": "en", "scope": 1}).json()
    assert english["items"][0]["scope_label"] == "Scope 1 (direct)"
    assert english["items"][0]["disclosure"]["id"] == page_en.pk
    assert client.get(url, {"scope": 1}, HTTP_ACCEPT_LANGUAGE="en").json()["meta"]["locale"] in (
        "en",
        "zh-hans",
    )


def test_api_refuses_bad_filters_clearly(client, page):
    for params in (
        {"scope": "x"},
        {"scope": 7},
        {"year": "2025a"},
        {"colour": "red"},
        {"locale": "fr"},
        {"limit": 0},
    ):
        response = client.get("/api/v2/results/", params)
        assert response.status_code == 400
        assert response.json()["message"]


def test_api_never_shows_internal_fields(client, page, page_en):
    for url in (
        "/api/v2/results/",
        f"/api/v2/results/{page.pk}/",
        f"/api/v2/results/{page_en.pk}/",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/?type=cems_pages.ResultsDisclosurePage&fields=*",
    ):
        data = client.get(url).json()
        assert not keys_of(data) & INTERNAL_KEYS, url
        text = json.dumps(data, ensure_ascii=False)
        assert "datareviewer" not in text and "submitter" not in text


def test_api_detail_is_in_the_pages_language(client, page, page_en):
    zh = client.get(f"/api/v2/results/{page.pk}/").json()
    en = client.get(f"/api/v2/results/{page_en.pk}/").json()
    assert zh["by_scope"][0]["label"] != en["by_scope"][0]["label"]
    assert en["by_scope"][0]["label"].startswith("Scope 1")
    assert zh["total_tco2e"] == en["total_tco2e"]
    assert {row["year"] for row in zh["trend"]} == {2025}
    # the GWP set is named in the page's language, not by its stored (Chinese) name
    assert en["gwp"]["name"] == "IPCC AR5 GWP-100"
    assert "全球变暖潜势" in zh["gwp"]["name"]
    assert "IPCC AR5 GWP-100" in client.get(page_en.url).content.decode()


# --- PDF --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_pdf_renders_with_its_tables(client, page, page_en, language):
    target = page if language == "zh-hans" else page_en
    with translation.override(language):
        response = client.get(reverse("cems_pages:document_pdf", args=[target.pk]))
    text = "".join(pdf_text(response).split())
    assert "".join(target.title.split()) in text
    with translation.override(language):
        heading = translation.gettext("Emissions by GB/T 32150 category")
    assert "".join(heading.split()) in text


# --- verification statement ------------------------------------------------------------


def test_verification_statement_follows_the_page(client, home, approved_run):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    document = Document.objects.create(
        title="核查声明", file=ContentFile(b"%PDF-1.4 statement", name="statement.pdf")
    )
    page = make_page(home, approved_run, verification_document=document, verifier="某核查机构")
    response = client.get(page.verification_statement_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "某核查机构" in client.get(page.url).content.decode()
    page.unpublish()
    assert client.get(page.verification_statement_url).status_code == 404


# --- permissions: the editor writes, top management approves -------------------------------


def add_form(run, action="action-submit", **overrides):
    data = {
        "title": "2025 年度温室气体排放结果",
        "slug": "results-2025",
        "run": getattr(run, "pk", run),
        "introduction": rich_text("<p>说明。</p>"),
        "verifier": "",
        "verification_date": "",
        "verification_document": "",
        "verification_opinion": "",
        "document_number": "GP-CM-R2025",
        "version": "1.0",
        "owner_department": "碳排放管理办公室",
        "approver": "王建华",
        "effective_date": "",
        "review_interval_months": "12",
        "next_review_date": "",
        "document_status": "draft",
        "change_summary": "首次公开",
        "is_public": "on",
        "menu_title": "",
        "seo_title": "",
        "search_description": "",
        "comments": no_comments(),
        action: "1",
    }
    data.update(overrides)
    return nested_form_data(data)


def edit_form(page, **overrides):
    return add_form(
        overrides.pop("run", page.run_id),
        action="action-save",
        title=page.title,
        slug=page.slug,
        **overrides,
    )


def act(client, user, page, action):
    client.force_login(user)
    state = WorkflowState.objects.active().get(object_id=str(page.pk))
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )
    return client.post(url, {"comment": ""})


def current_task(page) -> str:
    state = WorkflowState.objects.active().get(object_id=str(page.pk))
    return state.current_task_state.task.name


def test_editor_creates_reviewer_reviews_only_top_management_approves(
    client, home, approved_run, editor, reviewer, management_representative, top_manager
):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["cems_pages", "resultsdisclosurepage", home.pk])
    response = client.post(url, add_form(approved_run))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ResultsDisclosurePage.objects.get(slug="results-2025")
    assert not page.live
    assert page.figures["total_tco2e"] == pytest.approx(approved_run.total_tco2e, rel=1e-9)
    assert current_task(page) == REVIEW_TASK
    act(client, reviewer, page, "approve")
    assert current_task(page) == TOP_MANAGEMENT_TASK
    for user in (management_representative, editor, reviewer):
        act(client, user, page, "approve")
        assert current_task(page) == TOP_MANAGEMENT_TASK
    act(client, top_manager, page, "approve")
    page.refresh_from_db()
    assert page.live and page.document_status == DocumentStatus.EFFECTIVE
    approved_by = TaskState.objects.filter(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_APPROVED
    ).values_list("finished_by__username", flat=True)
    assert top_manager.username in approved_by
    assert page.revisions.count() >= 1


def test_editor_cannot_publish_a_disclosure_directly(client, home, approved_run, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["cems_pages", "resultsdisclosurepage", home.pk])
    client.post(url, add_form(approved_run, action="action-publish"))
    page = ResultsDisclosurePage.objects.filter(slug="results-2025").first()
    assert page is None or not page.live


# --- query counts: the page and the API read the snapshot, not the results ---------------


def test_public_page_and_api_listing_do_not_grow_with_more_disclosures(
    client, home, approved_run, page, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url, **params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    client.get(page.url)  # warm Wagtail's site and locale caches
    one_page = count(page.url)
    one_listing = count("/api/v2/results/", locale="zh-hans")
    second = make_page(home, approved_run, slug="results-2025-bis")
    assert count(second.url) == one_page
    assert count("/api/v2/results/", locale="zh-hans") <= one_listing + 1
    with django_assert_max_num_queries(15):
        client.get(f"/api/v2/results/{page.pk}/")


def test_a_withdrawn_dataset_makes_the_page_out_of_date(
    client, page, approved_dataset, data_reviewer
):
    from calculators.services.datasets import dataset_withdraw

    total = page.figures["total_tco2e"]
    dataset_withdraw(dataset=approved_dataset, user=data_reviewer, reason="读数有误")
    page.refresh_from_db()
    reasons = [str(reason) for reason in page.out_of_date_reasons()]
    assert any(f"#{approved_dataset.pk}" in reason for reason in reasons)
    # the approved figures stay public until a new revision is approved
    assert f"{total:,.3f}" in client.get(page.url).content.decode()


def test_results_answer_as_their_openapi_description_says(client, page, page_en):
    from jsonschema import Draft202012Validator

    document = client.get("/api/v2/openapi.json").json()

    def schema(path):
        responses = document["paths"][path]["get"]["responses"]
        return responses["200"]["content"]["application/json"]["schema"]

    listing = Draft202012Validator(schema("/api/v2/results/"))
    detail = Draft202012Validator(schema("/api/v2/results/{id}/"))
    for params in ({"locale": "zh-hans"}, {"locale": "en", "scope": 2}, {"gas": "CH4"}):
        response = client.get("/api/v2/results/", params).json()
        assert response["items"]
        assert not list(listing.iter_errors(response)), params
    for target in (page, page_en):
        response = client.get(f"/api/v2/results/{target.pk}/").json()
        assert not list(detail.iter_errors(response)), target.pk
    # the description is closed: a key it does not name fails
    extra = {**client.get(f"/api/v2/results/{page.pk}/").json(), "dataset_ids": [1]}
    assert list(detail.iter_errors(extra))
    names = {p["name"] for p in document["paths"]["/api/v2/results/"]["get"]["parameters"]}
    assert {"scope", "category", "gas", "year", "locale"} <= names
