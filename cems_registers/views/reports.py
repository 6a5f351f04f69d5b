"""PDF downloads: audit report (9.3) and management review pack (9.5); view permission needed."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets.button import Button

from ..due import user_can_view
from ..lazy_views import LazyModule

# xhtml2pdf and ReportLab load with the first PDF: the viewsets import this module for
# ``report_buttons`` when Django starts (issue 13 §3).
reports = LazyModule("cems_registers.reports")


def _check_view(request, model_name: str):
    if not user_can_view(request.user, apps.get_model("cems_registers", model_name)):
        raise PermissionDenied


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _language(request) -> str:
    return request.GET.get("lang") or translation.get_language()


def audit_report_view(request, pk: int):
    _check_view(request, "Audit")
    Audit = apps.get_model("cems_registers", "Audit")
    audit = Audit.objects.filter(pk=pk).values("audited_on").first()
    if audit is None:
        raise Http404
    language = _language(request)
    data = reports.audit_report_pdf(audit_id=pk, language=language)
    return _pdf_response(data, reports.pdf_filename("audit-report", audit["audited_on"], language))


def management_review_pack_view(request, pk: int):
    _check_view(request, "ManagementReview")
    ManagementReview = apps.get_model("cems_registers", "ManagementReview")
    review = ManagementReview.objects.filter(pk=pk).values("held_on").first()
    if review is None:
        raise Http404
    language = _language(request)
    data = reports.management_review_pack_pdf(review_id=pk, language=language)
    return _pdf_response(
        data, reports.pdf_filename("management-review", review["held_on"], language)
    )


urlpatterns = [
    path(
        "registers/audits/<int:pk>/report.pdf",
        audit_report_view,
        name="cems_registers_audit_report_pdf",
    ),
    path(
        "registers/management-reviews/<int:pk>/pack.pdf",
        management_review_pack_view,
        name="cems_registers_management_review_pack_pdf",
    ),
]


#: Model label → (URL name, button label) of its PDF report.
PDF_REPORTS = {
    "cems_registers.audit": "cems_registers_audit_report_pdf",
    "cems_registers.managementreview": "cems_registers_management_review_pack_pdf",
}


def report_buttons(instance, user, *, priority: int = 50) -> list:
    """ "PDF (Chinese)" and "PDF (English)" buttons for a record that has a report, else []."""
    url_name = PDF_REPORTS.get(instance._meta.label_lower)
    if url_name is None:
        return []
    if not user_can_view(user, type(instance)):
        return []
    url = reverse(url_name, args=(instance.pk,))
    return [
        Button(
            _("PDF (Chinese)"), url=f"{url}?lang=zh-hans", icon_name="doc-full", priority=priority
        ),
        Button(
            _("PDF (English)"), url=f"{url}?lang=en", icon_name="doc-full", priority=priority + 1
        ),
    ]
