"""Public views of cems_pages: search and document PDF (thin; rules live in selectors/access)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import get_language

from wagtail.models import Locale, Page

from cems_registers.pdf import render_pdf

from .access import page_access_response
from .models import ControlledDocument
from .selectors import search_pages


def search_view(request):
    """Substring search over the pages the visitor may read, in the current language."""
    query = request.GET.get("q", "").strip()[:200]
    results = search_pages(query=query, user=request.user) if query else []
    return TemplateResponse(
        request, "cems_pages/search.html", {"search_query": query, "search_results": results}
    )


def document_pdf_view(request, page_id: int):
    """A controlled document as PDF in the language of the URL, with its header block (7.3.2).

    The document's translation in that language is used when it exists. Same access rules
    as the page itself.
    """
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    if not isinstance(page, ControlledDocument):
        raise Http404
    language = get_language()
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and page.locale_id != locale.pk:
        translation = page.get_translation_or_none(locale)
        if translation is not None and translation.live:
            page = translation.specific
    denied = page_access_response(request, page)
    if denied is not None:
        return denied
    pdf = render_pdf(
        "cems_pages/pdf/document.html",
        {"page": page, "request": request},
        language=language,
    )
    filename = slugify(page.document_number or page.slug) or f"document-{page.pk}"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}-{language}.pdf"'
    return response
