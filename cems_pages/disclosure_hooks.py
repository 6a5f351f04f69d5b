"""Admin signals that a results disclosure is out of date (5.2.1 g, 9.1).

A disclosure shows the figures of its approved revision. When the run behind them is
superseded or no longer approved, a dataset it used is withdrawn, or another run becomes
current for a year of its trend (for a year of the performance series: a month of the year now
from another run), editors see a warning when they open the page and an
"Out of date" button beside it in the page explorer.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin.widgets import ListingButton

from .models import ResultsDisclosurePage


def _disclosure(page):

    if not issubclass(page.specific_class or type(page), ResultsDisclosurePage):
        return None
    return page.specific


def out_of_date_messages(request, page) -> None:
    page = _disclosure(page)
    if page is None or request.method != "GET":
        return
    reasons = page.out_of_date_reasons()
    if reasons:
        messages.warning(
            request,
            _(
                "The disclosed results are out of date: %(reason)s The public page keeps "
                "showing the approved figures; choose the current run (or keep the year of the "
                "performance series), save and submit the page for approval again."
            )
            % {"reason": " ".join(str(reason) for reason in reasons)},
        )


def out_of_date_listing_buttons(page, user):
    page = _disclosure(page)
    if page is None or not page.permissions_for_user(user).can_edit():
        return []
    reasons = page.out_of_date_reasons()
    if not reasons:
        return []
    return [
        ListingButton(
            _("Out of date"),
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            attrs={"title": " ".join(str(r) for r in reasons)},
            icon_name="warning",
            priority=5,
        )
    ]
