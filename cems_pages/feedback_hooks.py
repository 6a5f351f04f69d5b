"""Wagtail hooks of the feedback form; imported by ``cems_pages/wagtail_hooks.py``.

Form submissions hold senders' personal data, so Wagtail's "Forms" admin lists a feedback
page's submissions only to those who handle communications (``view_communication``: register
keepers, the management representative, top management), not to every editor of the page.
"""

from wagtail import hooks

from .models.feedback import FeedbackPage

VIEW_PERMISSION = "cems_registers.view_communication"


@hooks.register("filter_form_submissions_for_user")
def feedback_submissions_for_handlers(user, editable_forms):
    if user.has_perm(VIEW_PERMISSION):
        return editable_forms
    return editable_forms.not_type(FeedbackPage)
