"""Moderated publishing end to end through the admin (7.3.3): submit, reject with comment,
resubmit, approve, publish, each step by the right group; the wrong groups refused."""

from django.urls import reverse

from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text

import pytest

from cems_pages.models import DocumentStatus
from cems_pages.workflows import (
    MANAGEMENT_REPRESENTATIVE_TASK,
    REVIEW_TASK,
    TOP_MANAGEMENT_TASK,
)

from ..refusals import assert_denied_in_admin
from .factories import PolicyPageFactory, ProcedurePageFactory, no_comments

pytestmark = pytest.mark.django_db


def policy_form(page, action="action-submit", **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "statement": rich_text("<p>低碳发展。</p>"),
        "compliance_commitment": rich_text("<p>遵守法律法规。</p>"),
        "climate_action_commitment": rich_text("<p>减少排放。</p>"),
        "objectives_framework": rich_text("<p>目标框架。</p>"),
        "communication": rich_text("<p>公开。</p>"),
        "document_number": page.document_number,
        "version": page.version,
        "owner_department": page.owner_department,
        "approver": page.approver,
        "effective_date": "",
        "review_interval_months": "12",
        "next_review_date": "",
        "document_status": page.document_status,
        "change_summary": "首次发布",
        "is_public": "on",
        "seo_title": "",
        "search_description": "",
        "comments": no_comments(),
        action: "1",
    }
    data.update(overrides)
    return nested_form_data(data)


def procedure_form(page, action="action-submit"):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "purpose": rich_text("<p>目的。</p>"),
            "scope_of_application": rich_text(""),
            "responsible_department": "能源部",
            "inputs": rich_text(""),
            "outputs": rich_text(""),
            "steps": {"count": 0},
            "kpis": {"count": 0},
            "records_kept": {"count": 0},
            "related_clauses": "",
            "document_number": page.document_number,
            "version": page.version,
            "owner_department": "",
            "approver": "",
            "effective_date": "",
            "review_interval_months": "12",
            "next_review_date": "",
            "document_status": page.document_status,
            "change_summary": "",
            "seo_title": "",
            "search_description": "",
            "comments": no_comments(),
            action: "1",
        }
    )


def current_task_state(page) -> TaskState:
    state = WorkflowState.objects.active().get(object_id=str(page.pk))
    return state.current_task_state


def act(client, user, page, action, comment=""):
    client.force_login(user)
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def assert_refused(response, page, task_name):
    """Wagtail answers a refused workflow action by redirecting to the dashboard (or 403)."""
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert current_task_state(page).task.name == task_name


def assert_done(response, page):
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])


def latest_status(page) -> str:
    page.refresh_from_db()
    return page.get_latest_revision().content["document_status"]


def test_policy_submit_reject_resubmit_approve_publish(
    client, home, editor, reviewer, management_representative, top_manager, auditor
):
    policy = PolicyPageFactory(parent=home, publish=False, title="碳排放管理方针（修订）")
    edit_url = reverse("wagtailadmin_pages:edit", args=[policy.pk])

    # 1. The editor submits.
    client.force_login(editor)
    response = client.post(edit_url, policy_form(policy))
    assert response.status_code == 302, response.content.decode()[:2000]
    policy.refresh_from_db()
    assert policy.workflow_in_progress
    assert policy.get_workflow().name == "Document approval (top management)"
    assert current_task_state(policy).task.name == REVIEW_TASK
    assert latest_status(policy) == DocumentStatus.IN_REVIEW
    assert policy.document_status == DocumentStatus.IN_REVIEW

    # Top management may not do the carbon management body's review.
    assert_refused(act(client, top_manager, policy, "approve"), policy, REVIEW_TASK)

    # 2. The reviewer rejects with a comment.
    assert_done(act(client, reviewer, policy, "reject", comment="请补充目标框架"), policy)
    rejected = TaskState.objects.filter(
        workflow_state__object_id=str(policy.pk), status=TaskState.STATUS_REJECTED
    ).get()
    assert rejected.get_comment() == "请补充目标框架"
    assert WorkflowState.objects.get(object_id=str(policy.pk)).status == (
        WorkflowState.STATUS_NEEDS_CHANGES
    )
    assert latest_status(policy) == DocumentStatus.DRAFT

    # 3. The editor resubmits.
    client.force_login(editor)
    response = client.post(
        edit_url, policy_form(policy, objectives_framework=rich_text("<p>补充后的目标框架。</p>"))
    )
    assert response.status_code == 302
    assert current_task_state(policy).task.name == REVIEW_TASK
    assert latest_status(policy) == DocumentStatus.IN_REVIEW

    # 4. The reviewer approves; the document goes to top management.
    assert_done(act(client, reviewer, policy, "approve"), policy)
    assert current_task_state(policy).task.name == TOP_MANAGEMENT_TASK
    policy.refresh_from_db()
    assert not policy.live

    # The management representative, the editor and the auditor may not approve the policy.
    for user in (management_representative, editor, auditor, reviewer):
        assert_refused(act(client, user, policy, "approve"), policy, TOP_MANAGEMENT_TASK)
    policy.refresh_from_db()
    assert not policy.live

    # 5. Top management approves: the policy is published and effective.
    assert_done(act(client, top_manager, policy, "approve", comment="同意"), policy)
    policy.refresh_from_db()
    assert policy.live
    assert policy.document_status == DocumentStatus.EFFECTIVE
    assert "补充后的目标框架" in policy.objectives_framework
    assert policy.live_revision.content["document_status"] == DocumentStatus.EFFECTIVE
    assert not policy.workflow_in_progress

    # Every revision is kept and can be compared.
    revisions = list(policy.revisions.order_by("created_at"))
    assert len(revisions) >= 2
    client.force_login(editor)
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[policy.pk, revisions[0].pk, revisions[-1].pk],
    )
    response = client.get(compare)
    assert response.status_code == 200
    assert "补充后的目标框架" in response.content.decode()


def test_procedure_is_approved_by_the_management_representative(
    client, tree, editor, reviewer, management_representative, top_manager
):
    procedure = ProcedurePageFactory(parent=tree["manual"], publish=False)
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[procedure.pk]), procedure_form(procedure)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_done(act(client, reviewer, procedure, "approve"), procedure)
    assert current_task_state(procedure).task.name == MANAGEMENT_REPRESENTATIVE_TASK
    assert_refused(
        act(client, top_manager, procedure, "approve"), procedure, MANAGEMENT_REPRESENTATIVE_TASK
    )
    assert_done(act(client, management_representative, procedure, "approve"), procedure)
    procedure.refresh_from_db()
    assert procedure.live
    assert procedure.document_status == DocumentStatus.EFFECTIVE


def test_editor_cannot_publish_without_the_workflow(client, home, editor):
    policy = PolicyPageFactory(parent=home, publish=False)
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[policy.pk]),
        policy_form(policy, action="action-publish"),
    )
    policy.refresh_from_db()
    assert not policy.live


def test_auditor_cannot_edit_or_publish(client, tree, auditor):
    policy = tree["policy"]
    client.force_login(auditor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[policy.pk])
    assert_denied_in_admin(client.get(edit_url))
    response = client.post(edit_url, policy_form(policy, action="action-publish", title="篡改"))
    assert_denied_in_admin(response)
    policy.refresh_from_db()
    assert policy.title != "篡改"
    assert policy.revisions.count() == 1
    # The auditor still reaches the admin and reads the document on the site.
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(tree["manual"].url).status_code == 200


def test_scheduled_publishing_task_publishes_due_revisions(home):
    import datetime as dt

    from django.utils import timezone

    from cems_pages.tasks import publish_scheduled

    policy = PolicyPageFactory(parent=home, publish=False)
    policy.go_live_at = timezone.now() + dt.timedelta(minutes=1)
    revision = policy.save_revision()
    revision.publish()
    policy.refresh_from_db()
    assert not policy.live
    assert revision.approved_go_live_at is not None
    # Let the go-live time pass.
    past = timezone.now() - dt.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    publish_scheduled()
    policy.refresh_from_db()
    assert policy.live
    assert policy.document_status == DocumentStatus.EFFECTIVE


def test_schedules_exist_after_migrate(db):
    from django_q.models import Schedule

    from cems_pages.schedules import SCHEDULES, ensure_schedules

    assert set(Schedule.objects.filter(name__in=SCHEDULES).values_list("func", flat=True)) == {
        "cems_pages.tasks.publish_scheduled",
        "cems_pages.tasks.send_review_reminders",
    }
    ensure_schedules()
    assert Schedule.objects.filter(name__in=SCHEDULES).count() == len(SCHEDULES)
