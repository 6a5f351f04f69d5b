"""Admin registration of the registers: one menu group per chapter of the standard.

The shared machinery (dashboard panel, import, heat map, PDFs) registers its hooks in
``hooks_infra``, imported here so that Wagtail finds them.
"""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import hooks_infra  # noqa: F401
from .models import ComplianceEvaluation, ManagementReview
from .services.compliance import compliance_obligation_schedule_next_review
from .services.management_review import management_review_gather_inputs
from .viewsets.groups import REGISTER_GROUPS

for group in REGISTER_GROUPS:
    register_snippet(group)


@hooks.register("after_create_snippet")
def gather_management_review_inputs(request, instance):
    """A review created in the admin snapshots its inputs from the registers (9.5)."""
    if isinstance(instance, ManagementReview):
        management_review_gather_inputs(review=instance)


@hooks.register("after_create_snippet")
def schedule_next_compliance_review(request, instance):
    """An evaluation recorded on its own moves the obligation's next review on (9.2)."""
    if isinstance(instance, ComplianceEvaluation):
        compliance_obligation_schedule_next_review(
            obligation=instance.obligation, evaluated_on=instance.evaluated_on
        )
