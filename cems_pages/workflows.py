"""Moderated publishing of controlled documents (7.3.3: review, approval, issue).

Two workflows, created by migration ``0002_document_workflows``:

* "Document approval (top management)" for the policy and the manual: review by the carbon
  management body (group Reviewers), then approval by top management.
* "Document approval (management representative)" for every other document: the same review,
  then approval by the management representative.

A document type names its workflow in ``approval_workflow``
(:meth:`~cems_pages.models.ControlledDocument.get_workflow`). No role group holds the publish
permission: approval of the last task is what publishes (:func:`publish_workflow_state`,
wired by ``WAGTAIL_FINISH_WORKFLOW_ACTION``). The signal receivers keep ``document_status`` in
step with the workflow.
"""

from django.db import transaction

# This module is imported by wagtail.models itself (WAGTAIL_FINISH_WORKFLOW_ACTION), so it
# imports the page models lazily, inside functions.

REVIEW_TASK = "Review by the carbon management body"
TOP_MANAGEMENT_TASK = "Approval by top management"
MANAGEMENT_REPRESENTATIVE_TASK = "Approval by the management representative"


def publish_workflow_state(workflow_state, user=None):
    """Publish the approved revision: the final approval is the authority to issue it."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)


def _set_revision_status(revision, status: str) -> None:
    if revision is not None and revision.content.get("document_status") != status:
        revision.content["document_status"] = status
        revision.save(update_fields=["content"])


def _document(instance):
    from .models import ControlledDocument

    obj = getattr(instance, "content_object", None)
    obj = getattr(obj, "specific", obj)
    return obj if isinstance(obj, ControlledDocument) else None


def set_status_for_workflow(workflow_state, status: str) -> None:
    """Record ``status`` on the revision in moderation, and on the page row while the page has
    never been published (a live page keeps its effective status until the new version is
    issued)."""
    page = _document(workflow_state)
    if page is None:
        return
    with transaction.atomic():
        _set_revision_status(page.get_latest_revision(), status)
        if not page.live:
            type(page).objects.filter(pk=page.pk).update(document_status=status)


def on_workflow_state_saved(sender, instance, **kwargs):
    """Follow the workflow: in review while in progress (submitted or resubmitted), back to
    draft when changes are requested or moderation is cancelled."""
    from wagtail.models import WorkflowState

    from .models import DocumentStatus

    if instance.status == WorkflowState.STATUS_IN_PROGRESS:
        set_status_for_workflow(instance, DocumentStatus.IN_REVIEW)
    elif instance.status == WorkflowState.STATUS_NEEDS_CHANGES:
        set_status_for_workflow(instance, DocumentStatus.DRAFT)
    elif instance.status == WorkflowState.STATUS_CANCELLED:
        page = _document(instance)
        # Publishing cancels the workflow too; the issued revision keeps its status then.
        if page is not None and page.latest_revision_id != page.live_revision_id:
            set_status_for_workflow(instance, DocumentStatus.DRAFT)


def on_page_published(sender, instance, revision=None, **kwargs):
    """Copy the status, effective date and next review date fixed at publication into the
    published revision, so the next edit starts from what was issued."""
    from .models import ControlledDocument

    if not isinstance(instance, ControlledDocument) or revision is None:
        return
    changed = False
    for field in ("document_status", "effective_date", "next_review_date"):
        value = getattr(instance, field)
        value = value.isoformat() if hasattr(value, "isoformat") else value
        if revision.content.get(field) != value:
            revision.content[field] = value
            changed = True
    if changed:
        revision.save(update_fields=["content"])


def connect_signals() -> None:
    from django.db.models.signals import post_save

    from wagtail.models import WorkflowState
    from wagtail.signals import page_published

    post_save.connect(
        on_workflow_state_saved, sender=WorkflowState, dispatch_uid="cems_pages_workflow_state"
    )
    page_published.connect(on_page_published, dispatch_uid="cems_pages_published")
