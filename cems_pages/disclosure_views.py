"""Public view of the results disclosure page's verification statement (6.3.3, 9.1).

Thin: the statement is a Wagtail document in whatever collection the editor chose (the root
collection asks for a login); it is served here when, and only when, the visitor may read the
live disclosure page that publishes it, so it is public exactly as long as the page is.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from .access import page_access_response
from .models import ResultsDisclosurePage


def disclosure_verification_view(request, page_id: int):
    page = get_object_or_404(
        ResultsDisclosurePage.objects.live().select_related("verification_document"), pk=page_id
    )
    denied = page_access_response(request, page)
    if denied is not None:
        return denied
    document = page.verification_document
    if document is None or not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=False,
        filename=document.filename,
        content_type="application/pdf"
        if document.filename.lower().endswith(".pdf")
        else "application/octet-stream",
    )
