"""Admin views of assessments (6.4): list, new, edit a draft, the page, approval, the report.

Thin: the numbers come from :mod:`calculators.assessment.services` (frozen in the record) and
:mod:`calculators.assessment.report`. Reading needs ``view_assessment`` (auditors have it);
preparing needs ``add``/``change``; approving ``approve_assessment`` (top management).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calculators.assessment import selectors, services
from calculators.assessment.due import reassessment_due
from calculators.assessment.forms import AssessmentForm
from calculators.assessment.report import assessment_context, assessment_pdf, assessment_xlsx
from calculators.models import Assessment

REPORT_LANGUAGES = (("zh-hans", "中文"), ("en", "English"))
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _require(user, action: str) -> None:
    if not user.is_authenticated or not user.has_perm(f"calculators.{action}_assessment"):
        raise PermissionDenied


def _load(pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("created_by", "approved_by").prefetch_related(
            "facilities"
        ),
        pk=pk,
    )


def assessment_list(request):
    _require(request.user, "view")
    return TemplateResponse(
        request,
        "calculators/assessment/list.html",
        {
            "assessments": list(selectors.assessment_list()[:100]),
            "can_create": request.user.has_perm("calculators.add_assessment"),
            "due": reassessment_due(today=timezone.localdate()),
        },
    )


def _save_form(request, form: AssessmentForm, assessment: Assessment | None):
    data = form.cleaned_data
    values = {
        "year": data["year"],
        "target_year": data["target_year"],
        "discount_rate": data["discount_rate"],
        "facilities": list(data["facilities"]),
        "production_plan": data["production_plan"],
        "recommendations": data["recommendations"],
        "reason": data["reason"],
    }
    try:
        if assessment is None:
            return services.assessment_create(user=request.user, **values)
        return services.assessment_update(assessment=assessment, **values)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            for message in exc.messages:
                form.add_error(None, message)
    return None


def assessment_create(request):
    _require(request.user, "add")
    initial = AssessmentForm.initial_for(discount_rate=services.default_discount_rate())
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        assessment = _save_form(request, form, None)
        if assessment is not None:
            messages.success(request, _("Assessment computed; check it and send it for approval."))
            return redirect("calculators_assessment_detail", assessment.pk)
    return TemplateResponse(
        request, "calculators/assessment/form.html", {"form": form, "assessment": None}
    )


def assessment_edit(request, pk: int):
    _require(request.user, "change")
    assessment = _load(pk)
    if assessment.is_approved:
        messages.error(request, _("An approved assessment no longer changes; start a new one."))
        return redirect("calculators_assessment_detail", pk)
    form = AssessmentForm(request.POST or None, initial=AssessmentForm.initial_for(assessment))
    saved = request.method == "POST" and form.is_valid() and _save_form(request, form, assessment)
    if saved:
        messages.success(request, _("Assessment computed again from today's approved data."))
        return redirect("calculators_assessment_detail", pk)
    return TemplateResponse(
        request, "calculators/assessment/form.html", {"form": form, "assessment": assessment}
    )


def assessment_detail(request, pk: int):
    _require(request.user, "view")
    assessment = _load(pk)
    context = assessment_context(assessment, translation.get_language() or "zh-hans")
    context["can_edit"] = not assessment.is_approved and request.user.has_perm(
        "calculators.change_assessment"
    )
    context["can_approve"] = not assessment.is_approved and services.user_can_approve_assessments(
        request.user
    )
    context["downloads"] = [
        {
            "format": fmt,
            "label": label,
            "url": reverse("calculators_assessment_report", args=(pk, fmt)) + f"?lang={code}",
        }
        for fmt in ("pdf", "xlsx")
        for code, label in REPORT_LANGUAGES
    ]
    context["run_links"] = [
        {"id": run_id, "url": reverse("calculators_run_results", args=(run_id,))}
        for run_id in context["run_ids"]
    ]
    return TemplateResponse(request, "calculators/assessment/detail.html", context)


@require_POST
def assessment_approve_view(request, pk: int):
    assessment = _load(pk)
    try:
        services.assessment_approve(assessment=assessment, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Assessment approved by top management."))
    return redirect("calculators_assessment_detail", pk)


def report_filename(assessment: Assessment, language: str, fmt: str) -> str:
    return f"assessment-{assessment.pk}-{assessment.year}-{language}.{fmt}"


def assessment_report(request, pk: int, fmt: str):
    """The assessment report as PDF or XLSX in ``?lang=zh-hans`` or ``?lang=en`` (6.4.1 d)."""
    _require(request.user, "view")
    if fmt not in CONTENT_TYPES:
        raise Http404
    assessment = _load(pk)
    language = request.GET.get("lang") or translation.get_language() or "zh-hans"
    language = "en" if language.lower().startswith("en") else "zh-hans"
    context = assessment_context(assessment, language)
    body = assessment_pdf(context) if fmt == "pdf" else assessment_xlsx(context)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    filename = report_filename(assessment, language, fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("", assessment_list, name="calculators_assessment_list"),
    path("new/", assessment_create, name="calculators_assessment_create"),
    path("<int:pk>/", assessment_detail, name="calculators_assessment_detail"),
    path("<int:pk>/edit/", assessment_edit, name="calculators_assessment_edit"),
    path("<int:pk>/approve/", assessment_approve_view, name="calculators_assessment_approve"),
    path("<int:pk>/report.<str:fmt>", assessment_report, name="calculators_assessment_report"),
]
