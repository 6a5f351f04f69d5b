"""Signal receivers that keep ``document_status`` in step with the approval workflow (7.3.3).

Connected in :meth:`cems_pages.apps.CemsPagesConfig.ready`. The status is stored, and kept in
every revision's JSON, because it is part of what was approved (docs/pages.md says why it is
not derived from Wagtail's live and workflow state):

* a submitted (or resubmitted) revision is *in review*; changes requested or moderation
  cancelled bring it back to *draft*; the page row follows while the page has never been
  published (a live page keeps its effective status until the new version is issued);
* publishing (:meth:`~cems_pages.models.ControlledDocument.save`) sets *effective* or
  *withdrawn*, the effective date and the next review date, and they are copied into the
  published revision, so the next edit starts from what was issued.
"""

from django.db import transaction
from django.db.models.signals import post_save

from wagtail.models import WorkflowState
from wagtail.signals import page_published

from .models import ControlledDocument, DocumentStatus

#: Fields fixed at publication that the published revision must carry.
ISSUED_FIELDS = ("document_status", "effective_date", "next_review_date")


def _set_revision_status(revision, status: str) -> None:
    if revision is not None and revision.content.get("document_status") != status:
        revision.content["document_status"] = status
        revision.save(update_fields=["content"])


def _document(instance) -> ControlledDocument | None:
    obj = getattr(instance, "content_object", None)
    obj = getattr(obj, "specific", obj)
    return obj if isinstance(obj, ControlledDocument) else None


def set_status_for_workflow(workflow_state, status: str) -> None:
    """Record ``status`` on the revision in moderation, and on the page row while the page has
    never been published."""
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
    if not isinstance(instance, ControlledDocument) or revision is None:
        return
    changed = False
    for field in ISSUED_FIELDS:
        value = getattr(instance, field)
        value = value.isoformat() if hasattr(value, "isoformat") else value
        if revision.content.get(field) != value:
            revision.content[field] = value
            changed = True
    if changed:
        revision.save(update_fields=["content"])


def connect_signals() -> None:
    post_save.connect(
        on_workflow_state_saved, sender=WorkflowState, dispatch_uid="cems_pages_workflow_state"
    )
    page_published.connect(on_page_published, dispatch_uid="cems_pages_published")
