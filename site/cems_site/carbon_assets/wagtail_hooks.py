"""Admin registration of the carbon assets: the menu group and the due item."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import due
from .viewsets import CarbonAssetsGroup

register_snippet(CarbonAssetsGroup)


@hooks.register("cems_due_items")
def surrender_due_items(**kwargs):
    """The surrender deadline of open compliance periods in "What is due" and the digest."""
    return due.surrender_due_items(**kwargs)
