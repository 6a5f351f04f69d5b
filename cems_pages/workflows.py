"""Moderated publishing of controlled documents (7.3.3: review, approval, issue).

Two workflows, created by migration ``0002_document_workflows``:

* "Document approval (top management)" for the policy and the manual: review by the carbon
  management body (group Reviewers), then approval by top management.
* "Document approval (management representative)" for every other document: the same review,
  then approval by the management representative.

A document type names its workflow in ``approval_workflow``
(:meth:`~cems_pages.models.ControlledDocument.get_workflow`). No role group holds the publish
permission: approval of the last task is what publishes (:func:`publish_workflow_state`,
wired by ``WAGTAIL_FINISH_WORKFLOW_ACTION``). The receivers in :mod:`cems_pages.signals` keep
``document_status`` in step with the workflow.

``wagtail.models`` imports this module itself (the finish action), so it imports no model.
"""

REVIEW_TASK = "Review by the carbon management body"
TOP_MANAGEMENT_TASK = "Approval by top management"
MANAGEMENT_REPRESENTATIVE_TASK = "Approval by the management representative"


def publish_workflow_state(workflow_state, user=None):
    """Publish the approved revision: the final approval is the authority to issue it."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
