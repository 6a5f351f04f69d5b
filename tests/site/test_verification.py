"""Verification engagements (T/CSES 146—2024 6.3.3, 9.3, 10.2): samples checked against the
approved run, bad rows refused with nothing half-saved, findings raised as nonconformities,
permissions per role, and the auditors' read-only page revisions."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

import pytest

from calculators.models import RunResult
from calculators.services.runs import run_approve
from cems_registers.models import Nonconformity, NonconformitySource
from cems_registers.roles import Role
from cems_site.verification.checks import sample_check
from cems_site.verification.models import (
    Engagement,
    EngagementStatus,
    Finding,
    Opinion,
    Sample,
)
from cems_site.verification.services import (
    SampleRow,
    finding_raise_nonconformity,
    sample_record,
    samples_parse,
    samples_record,
)

from ..calculators.conftest import approved_year, done_run, enterprise  # noqa: F401 (layers)
from ..cems_pages.factories import ProcedurePageFactory
from ..layers import layer
from ..refusals import assert_denied_in_admin
from ..users import role_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _fresh(run):
    return type(run).objects.get(pk=run.pk)


@layer("verified_run", requires=("done_run",), fresh=_fresh)
def verified_run(built):
    """The 2025 demo run approved by the data reviewer."""
    return run_approve(run=built["done_run"], user=role_user("datareviewer", Role.DATA_REVIEWERS))


def make_engagement(run, **fields) -> Engagement:
    fields = {
        "reporting_year": 2025,
        "verifier_organisation": "华东碳核查",
        "lead_verifier": "吴志远",
        "scope": "范围一、范围二",
        **fields,
    }
    engagement = Engagement(run=run, **fields)
    engagement.full_clean()
    engagement.save()
    return engagement


def row_of(run, gas_group="CO2") -> dict:
    """A result line of the run with its dataset and row."""
    return (
        RunResult.objects.filter(run=run, gas_group=gas_group, tco2e__gt=1)
        .order_by("pk")
        .values("record__dataset_id", "record__row_number", "tco2e", "record_id")
        .first()
    )


def row_total(run, record_id) -> float:
    return sum(
        RunResult.objects.filter(run=run, record_id=record_id).values_list("tco2e", flat=True)
    )


# ------------------------------------------------------------------------- the pure check


def test_the_check_compares_with_the_materiality():
    assert sample_check(
        run_tco2e=100, recalculated_tco2e=104.9, materiality_pct=5
    ).within_materiality
    beyond = sample_check(run_tco2e=100, recalculated_tco2e=106, materiality_pct=Decimal("5"))
    assert not beyond.within_materiality
    assert beyond.difference_tco2e == pytest.approx(6)
    assert beyond.difference_pct == pytest.approx(6)
    zero = sample_check(run_tco2e=0, recalculated_tco2e=0.2, materiality_pct=5)
    assert zero.difference_pct is None and not zero.within_materiality
    assert sample_check(
        run_tco2e=0, recalculated_tco2e=0.0001, materiality_pct=5
    ).within_materiality


def test_pasted_lines_name_line_field_and_value():
    rows = samples_parse("dataset,row,gas,value\n3, 12, CO2, 1,234.5 \n\n3,13,,7")
    assert [(r.line, r.dataset_id, r.row_number, r.gas_group) for r in rows] == [
        (2, 3, 12, "CO2"),
        (4, 3, 13, ""),
    ]
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        samples_parse("3,x,CO2,5\n3,4")
    text = " ".join(exc.value.messages)
    assert "Line 1, row “x”" in text
    assert "Line 2: give dataset, row" in text


# ------------------------------------------------------------------------- engagements


def test_only_an_approved_run_is_verified(done_run):  # noqa: F811
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        make_engagement(run=done_run)
    assert f"run #{done_run.pk} is not" in exc.value.message_dict["run"][0]
    assert Engagement.objects.count() == 0


def test_the_run_covers_the_reporting_year(verified_run):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        make_engagement(run=verified_run, reporting_year=2024)
    assert "not the reporting year 2024" in exc.value.message_dict["run"][0]
    assert make_engagement(run=verified_run).materiality_pct == Decimal("5")


def test_a_reported_engagement_states_its_opinion_and_a_pdf_statement(verified_run):
    from wagtail.documents import get_document_model

    engagement = make_engagement(run=verified_run)
    engagement.status = EngagementStatus.REPORTED
    with pytest.raises(ValidationError) as exc:
        engagement.full_clean()
    assert "opinion" in exc.value.message_dict
    text = get_document_model()(title="statement")
    text.file.save("statement.txt", ContentFile(b"not a pdf"), save=False)
    text.save()
    engagement.opinion = Opinion.UNQUALIFIED
    engagement.statement = text
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        engagement.full_clean()
    assert "statement.txt" in exc.value.message_dict["statement"][0]


# ------------------------------------------------------------------------- samples


def test_a_sample_is_checked_against_the_run(verified_run, management_representative):
    engagement = make_engagement(run=verified_run)
    line = row_of(verified_run)
    sample = sample_record(
        user=management_representative,
        engagement=engagement,
        dataset_id=line["record__dataset_id"],
        row_number=line["record__row_number"],
        gas_group="co2",
        recalculated_tco2e=line["tco2e"] * 1.03,
    )
    assert sample.gas_group == "CO2"
    assert sample.run_tco2e == pytest.approx(line["tco2e"])
    assert sample.difference_pct == pytest.approx(3, rel=1e-6)
    assert sample.within_materiality is True
    assert sample.row_label
    whole = sample_record(
        user=management_representative,
        engagement=engagement,
        dataset_id=line["record__dataset_id"],
        row_number=line["record__row_number"],
        recalculated_tco2e=line["tco2e"],
    )
    assert whole.run_tco2e == pytest.approx(row_total(verified_run, line["record_id"]))
    # a stricter materiality is applied to the samples already taken
    engagement.materiality_pct = Decimal("2")
    engagement.full_clean()
    engagement.save()
    sample.refresh_from_db()
    assert sample.within_materiality is False
    assert sample.history.count() == 2


def test_a_row_not_in_the_run_is_refused_and_nothing_is_saved(
    verified_run, management_representative
):
    engagement = make_engagement(run=verified_run)
    line = row_of(verified_run)
    good = SampleRow(1, line["record__dataset_id"], line["record__row_number"], "CO2", 1.0)
    missing = SampleRow(2, line["record__dataset_id"], 99999, "", 5.0)
    no_gas = SampleRow(3, line["record__dataset_id"], line["record__row_number"], "SF6", 5.0)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        samples_record(
            user=management_representative, engagement=engagement, rows=[good, missing, no_gas]
        )
    text = " ".join(exc.value.messages)
    dataset = line["record__dataset_id"]
    assert f"Line 2, row “{dataset}:99999”" in text
    assert f"Row 99999 of dataset {dataset} is not in accounting run #{verified_run.pk}" in text
    assert "has no SF6 line" in text
    assert Sample.objects.count() == 0
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        samples_record(user=management_representative, engagement=engagement, rows=[missing])
    assert "99999" in exc.value.messages[0] and "行" in exc.value.messages[0]


def test_samples_are_recorded_only_by_who_may(verified_run, auditor):
    engagement = make_engagement(run=verified_run)
    line = row_of(verified_run)
    row = SampleRow(1, line["record__dataset_id"], line["record__row_number"], "CO2", 1.0)
    with pytest.raises(PermissionDenied):
        samples_record(user=auditor, engagement=engagement, rows=[row])
    assert Sample.objects.count() == 0


# ------------------------------------------------------------------------- findings


def test_a_finding_links_only_to_a_row_of_the_run(verified_run):
    engagement = make_engagement(run=verified_run)
    line = row_of(verified_run)
    finding = Finding(
        engagement=engagement,
        reference="F-01",
        description="差异",
        dataset_id=line["record__dataset_id"],
        row_number=99999,
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        finding.full_clean()
    assert "Row 99999" in exc.value.message_dict["row_number"][0]
    finding.row_number = line["record__row_number"]
    finding.response = "已更正"
    with pytest.raises(ValidationError) as exc:
        finding.full_clean()
    assert "responded_on" in exc.value.message_dict
    finding.responded_on = dt.date(2026, 3, 1)
    finding.full_clean()


def test_a_finding_becomes_a_nonconformity_once(verified_run, management_representative, auditor):
    engagement = make_engagement(run=verified_run)
    finding = Finding.objects.create(
        engagement=engagement, reference="F-02", severity="major", description="缺少原始记录"
    )
    with pytest.raises(PermissionDenied):
        finding_raise_nonconformity(finding=finding, user=auditor)
    nonconformity = finding_raise_nonconformity(finding=finding, user=management_representative)
    finding.refresh_from_db()
    assert finding.nonconformity == nonconformity
    assert nonconformity.source == NonconformitySource.AUDIT
    assert nonconformity.severity == "major"
    assert "F-02" in nonconformity.title and "缺少原始记录" in nonconformity.description
    with pytest.raises(ValidationError):
        finding_raise_nonconformity(finding=finding, user=management_representative)
    assert Nonconformity.objects.count() == 1


# ------------------------------------------------------------------------- permissions


@pytest.mark.parametrize(
    ("role", "view", "add"),
    [
        (Role.MANAGEMENT_REPRESENTATIVE, True, True),
        (Role.AUDITORS, True, False),
        (Role.TOP_MANAGEMENT, True, False),
        (Role.REVIEWERS, True, False),
        (Role.DATA_REVIEWERS, True, False),
        (Role.REGISTER_KEEPERS, True, False),
        (Role.EDITORS, False, False),
        (Role.DATA_SUBMITTERS, False, False),
    ],
)
def test_role_permissions(make_user, role, view, add):
    user = make_user(f"u-{role.name.lower()}", role)
    for model in ("engagement", "sample", "finding"):
        assert user.has_perm(f"cems_verification.view_{model}") is view
        assert user.has_perm(f"cems_verification.add_{model}") is add
        assert user.has_perm(f"cems_verification.change_{model}") is add
    assert user.has_perm("cems_verification.view_page_revisions") is (role == Role.AUDITORS)


def test_the_rep_edits_and_the_auditor_only_reads_in_the_admin(
    client, verified_run, management_representative, auditor, data_submitter
):
    engagement = make_engagement(run=verified_run)
    finding = Finding.objects.create(engagement=engagement, reference="F-01", description="x")
    list_url = reverse("wagtailsnippets_cems_verification_engagement:list")
    inspect_url = reverse(
        "wagtailsnippets_cems_verification_engagement:inspect", args=(engagement.pk,)
    )
    edit_url = reverse("wagtailsnippets_cems_verification_engagement:edit", args=(engagement.pk,))
    samples_url = reverse(
        "wagtailsnippets_cems_verification_engagement:record_samples", args=(engagement.pk,)
    )
    raise_url = reverse(
        "wagtailsnippets_cems_verification_finding:raise_nonconformity", args=(finding.pk,)
    )
    client.force_login(management_representative)
    assert client.get(list_url).status_code == 200
    page = client.get(inspect_url)
    assert samples_url in page.content.decode()
    assert client.get(edit_url).status_code == 200
    assert client.get(samples_url).status_code == 200
    client.force_login(auditor)
    assert client.get(list_url).status_code == 200
    page = client.get(inspect_url)
    assert page.status_code == 200 and samples_url not in page.content.decode()
    assert_denied_in_admin(client.get(edit_url))
    assert_denied_in_admin(client.get(samples_url))
    assert_denied_in_admin(client.post(raise_url))
    finding.refresh_from_db()
    assert finding.nonconformity_id is None
    client.force_login(data_submitter)
    assert_denied_in_admin(client.get(list_url))


def test_the_samples_form_refuses_a_bad_line_and_records_good_ones(
    client, verified_run, management_representative
):
    engagement = make_engagement(run=verified_run)
    line = row_of(verified_run)
    url = reverse(
        "wagtailsnippets_cems_verification_engagement:record_samples", args=(engagement.pk,)
    )
    dataset, row = line["record__dataset_id"], line["record__row_number"]
    client.force_login(management_representative)
    good = f"{dataset},{row},CO2,{line['tco2e'] * 1.2}"
    response = client.post(url, {"lines": f"{good}\n{dataset},88888,,1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert f"Row 88888 of dataset {dataset} is not in accounting run" in response.content.decode()
    assert Sample.objects.count() == 0
    response = client.post(url, {"lines": good})
    assert response.status_code == 302
    assert Sample.objects.get().within_materiality is False


def test_raising_a_finding_in_the_admin(client, verified_run, management_representative):
    engagement = make_engagement(run=verified_run)
    finding = Finding.objects.create(engagement=engagement, reference="F-01", description="x")
    url = reverse(
        "wagtailsnippets_cems_verification_finding:raise_nonconformity", args=(finding.pk,)
    )
    client.force_login(management_representative)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    finding.refresh_from_db()
    assert finding.nonconformity.code.startswith("NC-")
    # a second time: back to the finding with a message, no second nonconformity
    assert client.get(url).status_code == 302
    assert Nonconformity.objects.count() == 1


# ------------------------------------------------------------------------- page revisions


@pytest.fixture
def revised_page(admin_user):
    page = ProcedurePageFactory(title="数据管理程序", document_number="CEMS-DM-01", version="A/0")
    page.title = "数据管理程序（修订）"
    page.save_revision(user=admin_user, log_action=True)
    page.refresh_from_db()
    return page


def test_the_auditor_reads_revisions_and_compares_them(client, auditor, revised_page):
    revisions = list(
        revised_page.revisions.order_by("created_at", "pk").values_list("pk", flat=True)
    )
    assert len(revisions) >= 2
    client.force_login(auditor)
    index = client.get(reverse("cems_verification_pages"), {"q": "数据管理"})
    assert index.status_code == 200 and "数据管理程序" in index.content.decode()
    history_url = reverse("cems_verification_page_history", args=(revised_page.pk,))
    history = client.get(history_url)
    assert history.status_code == 200
    body = history.content.decode()
    compare_url = reverse(
        "cems_verification_page_compare", args=(revised_page.pk, revisions[0], revisions[-1])
    )
    assert reverse("cems_verification_page_revision", args=(revised_page.pk, revisions[-1])) in body
    assert "/revert/" not in body
    assert reverse("wagtailadmin_pages:edit", args=(revised_page.pk,)) not in body
    compare = client.get(compare_url)
    assert compare.status_code == 200 and "修订" in compare.content.decode()
    view = client.get(
        reverse("cems_verification_page_revision", args=(revised_page.pk, revisions[0]))
    )
    assert view.status_code == 200


def test_the_auditor_cannot_edit_publish_or_revert(client, auditor, revised_page):
    revision = revised_page.revisions.order_by("created_at", "pk").first()
    client.force_login(auditor)
    for url in (
        reverse("wagtailadmin_pages:edit", args=(revised_page.pk,)),
        reverse("wagtailadmin_pages:revisions_revert", args=(revised_page.pk, revision.pk)),
        reverse("wagtailadmin_pages:history", args=(revised_page.pk,)),
    ):
        assert_denied_in_admin(client.get(url))
    title = revised_page.title
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(revised_page.pk,)),
        {"title": "改", "action-publish": "1"},
    )
    assert_denied_in_admin(response)
    revised_page.refresh_from_db()
    assert revised_page.title == title


def test_who_lacks_the_permission_cannot_read_revisions_here(client, data_submitter, revised_page):
    client.force_login(data_submitter)
    assert_denied_in_admin(client.get(reverse("cems_verification_pages")))
    assert_denied_in_admin(
        client.get(reverse("cems_verification_page_history", args=(revised_page.pk,)))
    )


def test_the_auditor_reads_objectives_indicators(client, auditor):
    from cems_registers.models import Indicator, Objective

    objective = Objective.objects.create(code="OBJ-T", title="减排")
    Indicator.objects.create(
        objective=objective,
        name="单位产品碳排放",
        unit="tCO2e/t",
        baseline_year=2024,
        baseline_value=Decimal("3.5"),
        target_value=Decimal("2.6"),
        target_year=2030,
    )
    client.force_login(auditor)
    page = client.get(
        reverse("wagtailsnippets_cems_registers_objective:inspect", args=(objective.pk,))
    )
    assert page.status_code == 200
    assert "单位产品碳排放" in page.content.decode()


# ------------------------------------------------------------------------- queries

#: Session, user, permissions, profile, the count, the page of samples with engagement and
#: dataset joined, the filter's engagements, menu permissions; the same for 1 or 4 samples.
SAMPLE_LIST_QUERIES = 11
#: The same frame, the engagement, its run, its samples, its findings with their
#: nonconformities; the same for 1 or 4 samples and findings.
ENGAGEMENT_PAGE_QUERIES = 12


@pytest.mark.parametrize("size", [1, 4])
def test_lists_and_the_engagement_page_issue_constant_queries(
    size, client, verified_run, management_representative, django_assert_num_queries
):
    engagement = make_engagement(run=verified_run)
    lines = RunResult.objects.filter(run=verified_run, record__isnull=False).values(
        "record__dataset_id", "record__row_number"
    )
    rows = {(line["record__dataset_id"], line["record__row_number"]) for line in lines}
    samples_record(
        user=management_representative,
        engagement=engagement,
        rows=[SampleRow(i, d, r, "", 1.0) for i, (d, r) in enumerate(sorted(rows)[:size], 1)],
    )
    for i in range(size):
        Finding.objects.create(engagement=engagement, reference=f"F-{i}", description="x")
    client.force_login(management_representative)
    list_url = reverse("wagtailsnippets_cems_verification_sample:list")
    inspect_url = reverse(
        "wagtailsnippets_cems_verification_engagement:inspect", args=(engagement.pk,)
    )
    client.get(list_url)  # warm caches (content types, site, permissions)
    with django_assert_num_queries(SAMPLE_LIST_QUERIES):
        assert client.get(list_url).status_code == 200
    with django_assert_num_queries(ENGAGEMENT_PAGE_QUERIES):
        assert client.get(inspect_url).status_code == 200
