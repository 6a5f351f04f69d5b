"""Admin registration of the registers: one menu group per chapter of the standard.

The shared machinery (dashboard panel, import, heat map, PDFs) registers its hooks in
``hooks_infra``, imported here so that Wagtail finds them.
"""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import hooks_infra  # noqa: F401
from .models import ManagementReview
from .services.management_review import management_review_gather_inputs
from .viewsets.groups import REGISTER_GROUPS

for group in REGISTER_GROUPS:
    register_snippet(group)


@hooks.register("after_create_snippet")
def gather_management_review_inputs(request, instance):
    """A review created in the admin snapshots its inputs from the registers (9.5)."""
    if isinstance(instance, ManagementReview):
        management_review_gather_inputs(review=instance)
