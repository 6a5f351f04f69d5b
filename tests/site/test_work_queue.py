"""The work queue (待办): what waits for each role, and where approvers land after acting
(7.3.3 document approval, 8.5 data review, 9.1 run approval, 5.1 objectives)."""

import datetime as dt
import re

from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse

from wagtail import hooks
from wagtail.models import WorkflowState

import pytest

from calculators.models import AccountingRun, Dataset, DatasetStatus, GwpSet, RunStatus
from cems_pages.workflows import REVIEW_TASK, TOP_MANAGEMENT_TASK
from cems_registers.models import Indicator, Objective
from cems_site.work_queue.components import WorkQueuePanel
from cems_site.work_queue.selectors import work_queue_for
from tests.cems_pages.factories import PolicyPageFactory, site_root
from tests.cems_pages.test_workflow import policy_form

pytestmark = pytest.mark.django_db

WORK = "/admin/my-work/"


@pytest.fixture
def policy_in_review(client, editor):
    """A policy submitted by the editor: waits for the carbon management body's review."""
    policy = PolicyPageFactory(parent=site_root(), publish=False, title="碳排放管理方针（修订）")
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[policy.pk]), policy_form(policy)
    )
    assert response.status_code == 302
    client.logout()
    return policy


def task_name(page) -> str:
    return WorkflowState.objects.active().get(object_id=str(page.pk)).current_task_state.task.name


def approve_in_editor(client, user, page):
    """Approve from the page editor's action menu, as Wagtail's editor submits it."""
    client.force_login(user)
    data = policy_form(page, action="action-workflow-action")
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = "{}"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def assert_lands_on_a_page_they_may_see(client, response):
    assert response.status_code == 302
    assert response["Location"] == WORK
    messages = list(get_messages(response.wsgi_request))
    assert any(m.level_tag == "success" for m in messages), messages
    landing = client.get(response["Location"])
    assert landing.status_code == 200


def test_approvers_land_on_their_work_queue_after_approving_in_the_editor(
    client, policy_in_review, reviewer, top_manager
):
    # The reviewer approves: Wagtail would send them to the page explorer, which they may not
    # open ("对不起，你没有权限访问。"); they land on their work queue with the success message.
    response = approve_in_editor(client, reviewer, policy_in_review)
    assert_lands_on_a_page_they_may_see(client, response)
    assert task_name(policy_in_review) == TOP_MANAGEMENT_TASK
    response = approve_in_editor(client, top_manager, policy_in_review)
    assert_lands_on_a_page_they_may_see(client, response)
    policy_in_review.refresh_from_db()
    assert policy_in_review.live


def test_editor_who_may_open_the_explorer_keeps_wagtails_landing(client, policy_in_review, editor):
    from cems_site.work_queue.selectors import can_open_page_explorer

    assert can_open_page_explorer(editor)
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_explore", args=[policy_in_review.get_parent().pk]))
    assert response.status_code == 200


def test_reviewer_sees_the_document_and_decides_from_the_work_queue(
    client, policy_in_review, reviewer, management_representative
):
    client.force_login(management_representative)
    assert "碳排放管理方针（修订）" not in client.get(WORK).content.decode()  # not their task
    client.force_login(reviewer)
    page = client.get(WORK, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "碳排放管理方针（修订）" in html
    item = page.context["queue"].tasks[0]
    assert item.task == REVIEW_TASK
    approve = {label: url for label, url, _modal in item.actions}["Approve"]
    assert f'formaction="{approve}"' in html
    response = client.post(approve, {"comment": "已审核"})
    assert_lands_on_a_page_they_may_see(client, response)
    assert task_name(policy_in_review) == TOP_MANAGEMENT_TASK
    assert "碳排放管理方针（修订）" not in client.get(WORK).content.decode()


def make_dataset(user, status=DatasetStatus.SUBMITTED) -> Dataset:
    return Dataset.objects.create(
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        filename="meters-2025.csv",
        sha256="0" * 64,
        rows_hash="0" * 64,
        submitted_by=user,
        status=status,
    )


def make_run(user, status=RunStatus.DONE) -> AccountingRun:
    return AccountingRun.objects.create(
        name="FY2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 1),
        gwp_set=GwpSet.objects.get(key="AR5"),
        created_by=user,
        status=status,
    )


def test_each_role_sees_what_waits_for_its_decision(
    make_user, data_submitter, data_reviewer, top_manager, auditor
):
    mine = make_dataset(data_submitter)
    make_dataset(data_submitter, status=DatasetStatus.APPROVED)
    own_upload = make_dataset(data_reviewer)  # a reviewer does not review their own upload
    run = make_run(data_submitter)
    own_run = make_run(data_reviewer)
    make_run(data_submitter, status=RunStatus.APPROVED)
    objective = Objective.objects.create(code="OBJ-9", title="单位产值排放下降 5 %")

    reviewer_queue = work_queue_for(data_reviewer)
    assert reviewer_queue.datasets == [mine]
    assert reviewer_queue.runs == [run]
    assert reviewer_queue.my_datasets == [own_upload]
    assert reviewer_queue.my_runs == [own_run]
    assert reviewer_queue.objectives == []

    submitter_queue = work_queue_for(data_submitter)
    assert submitter_queue.decisions == 0
    assert submitter_queue.my_datasets == [mine]
    assert submitter_queue.my_runs == [run]

    ceo_queue = work_queue_for(top_manager)
    assert ceo_queue.objectives == [objective]
    assert ceo_queue.datasets == [] and ceo_queue.runs == []

    assert work_queue_for(auditor).is_empty


def test_work_queue_page_in_both_languages(client, data_submitter, data_reviewer):
    dataset = make_dataset(data_submitter)
    client.force_login(data_reviewer)
    url = reverse("calculators_dataset_detail", args=[dataset.pk])
    english = client.get(WORK, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Activity data to review (1)" in english and url in english
    chinese = client.get(WORK, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "待审核的活动数据 (1)" in chinese and "我的待办" in chinese


def test_work_queue_panel_comes_first_on_the_dashboard_and_the_menu_has_it(
    data_submitter, data_reviewer, auditor
):
    make_dataset(data_submitter)
    request = RequestFactory().get("/admin/")
    request.user = data_reviewer
    panels = [object()]  # a panel of Wagtail's, already there
    for hook in hooks.get_hooks("construct_homepage_panels"):
        hook(request, panels)
    assert isinstance(panels[0], WorkQueuePanel)
    request.user = auditor  # nothing waits for an auditor: no empty panel
    panels = []
    from cems_site.work_queue.hooks import add_work_queue_panel

    add_work_queue_panel(request, panels)
    assert panels == []
    items = [hook() for hook in hooks.get_hooks("register_admin_menu_item")]
    assert any(getattr(i, "url", "") == WORK for i in items)


def test_procedure_approver_lands_on_the_work_queue(
    client, editor, reviewer, management_representative
):
    from tests.cems_pages.factories import ManualPageFactory, ProcedurePageFactory
    from tests.cems_pages.test_workflow import procedure_form

    manual = ManualPageFactory(parent=site_root())
    procedure = ProcedurePageFactory(parent=manual, publish=False)
    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[procedure.pk])
    assert client.post(edit, procedure_form(procedure)).status_code == 302
    for user in (reviewer, management_representative):
        client.force_login(user)
        data = procedure_form(procedure, action="action-workflow-action")
        data["workflow-action-name"] = "approve"
        data["workflow-action-extra-data"] = "{}"
        assert_lands_on_a_page_they_may_see(client, client.post(edit, data))
    procedure.refresh_from_db()
    assert procedure.live


def test_data_and_objective_approvers_land_on_pages_they_may_see(
    client, data_submitter, data_reviewer, top_manager
):
    dataset = make_dataset(data_submitter)
    client.force_login(data_reviewer)
    response = client.post(
        reverse("calculators_dataset_review", args=[dataset.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302 and client.get(response["Location"]).status_code == 200
    objective = Objective.objects.create(code="OBJ-9", title="单位产值排放下降 5 %")
    Indicator.objects.create(
        objective=objective,
        name="强度",
        metric="intensity",
        unit="tCO2e/万元",
        baseline_year=2024,
        baseline_value=1,
        target_value="0.95",
        target_year=2026,
    )
    client.force_login(top_manager)
    approve = reverse("wagtailsnippets_cems_registers_objective:approve", args=[objective.pk])
    assert approve in client.get(WORK).content.decode()
    response = client.post(approve)
    assert response.status_code == 302 and client.get(response["Location"]).status_code == 200
    assert any(m.level_tag == "success" for m in get_messages(response.wsgi_request))
    assert Objective.objects.get(pk=objective.pk).is_approved


def test_decisions_from_the_dashboard_panel_pass_the_csrf_check(policy_in_review, reviewer):
    """The dashboard's work-queue forms carry the CSRF token: a browser (CSRF enforced) that
    approves there is not refused with 403 (found in a walkthrough: the panel's form had none)."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reviewer)
    html = browser.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    form = html[html.index('class="cems-work-action"') :]
    form = form[: form.index("</form>")]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token, "the work-queue form has no CSRF token"
    approve = re.search(r'formaction="([^"]+)"', form).group(1)
    response = browser.post(approve, {"comment": "已审核", "csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    assert task_name(policy_in_review) == TOP_MANAGEMENT_TASK
