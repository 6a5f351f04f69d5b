"""Serving the feedback page (4.2, 8.1 b): validate, rate-limit, store, thank.

Thin: the form validates, :func:`cems_pages.feedback_limits.feedback_rate_limit` counts the
submission, :func:`cems_pages.feedback_services.feedback_submit` stores it. A refused post is
shown again with its errors in the visitor's language and nothing is stored.
"""

from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from .feedback_limits import client_ip, feedback_rate_limit


def serve_feedback_page(page, request, *args, **kwargs):
    if request.method == "POST":
        form = page.get_form(request.POST, page=page, user=request.user)
        if form.is_valid():
            try:
                feedback_rate_limit(ip=client_ip(request), email=form.cleaned_data["email"])
                submission = page.process_form_submission(form)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                return page.render_landing_page(request, submission, *args, **kwargs)
    else:
        form = page.get_form(page=page, user=request.user)
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context)
