"""Admin views of the readiness self-assessment: the live page, taking an assessment, n/a
reasons and the report downloads. Thin: selectors read, services write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .display import present, status_label
from .models import ReadinessAssessment
from .reports import readiness_report_pdf, readiness_report_xlsx


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _page(request, *, errors: dict | None = None, status: int = 200):
    live = selectors.readiness_evaluate()
    history = selectors.readiness_history()
    comparison = None
    if len(history) >= 2:
        comparison = [
            {
                **change,
                "title": _(change["title"]),
                "before_label": status_label(change["before"]),
                "after_label": status_label(change["after"]),
            }
            for change in selectors.readiness_compare(history[0], history[1])
        ]
    return TemplateResponse(
        request,
        "cems_readiness/readiness.html",
        {
            "report": present(live),
            "history": history,
            "comparison": comparison,
            "can_take": request.user.has_perm(services.TAKE_PERMISSION),
            "can_exclude": request.user.has_perm(services.EXCLUDE_PERMISSION),
            "errors": errors or {},
        },
        status=status,
    )


def readiness_view(request):
    """Every clause of chapters 4–10 with its live evidence, status and link."""
    _require(request, services.VIEW_PERMISSION)
    return _page(request)


@require_POST
def readiness_take(request):
    _require(request, services.TAKE_PERMISSION)
    assessment = services.readiness_assessment_take(user=request.user)
    messages.success(request, _("Assessment of %(date)s stored.") % {"date": assessment.as_of})
    return redirect("cems_readiness")


@require_POST
def readiness_exclusion(request):
    """Record a clause as not applicable (a reason is required) or make it applicable again."""
    _require(request, services.EXCLUDE_PERMISSION)
    clause = request.POST.get("clause", "")
    if request.POST.get("action") == "clear":
        services.clause_exclusion_clear(clause=clause)
        return redirect("cems_readiness")
    try:
        services.clause_exclusion_set(
            clause=clause, reason=request.POST.get("reason", ""), user=request.user
        )
    except ValidationError as exc:
        return _page(request, errors={"clause": clause, "messages": exc.messages}, status=400)
    messages.success(
        request, _("Clause %(clause)s recorded as not applicable.") % {"clause": clause}
    )
    return redirect("cems_readiness")


def readiness_report(request, pk: int, fmt: str):
    """The report of a stored assessment, PDF or XLSX, in the admin's language."""
    _require(request, services.VIEW_PERMISSION)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    assessment = get_object_or_404(ReadinessAssessment, pk=pk)
    language = get_language()
    name = f"readiness-{assessment.as_of.isoformat()}-{language}"
    if fmt == "pdf":
        body = readiness_report_pdf(assessment=assessment, language=language)
        response = HttpResponse(body, content_type="application/pdf")
    else:
        body = readiness_report_xlsx(assessment=assessment, language=language)
        response = HttpResponse(
            body,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
