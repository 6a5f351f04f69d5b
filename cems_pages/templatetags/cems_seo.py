"""Template tags of the public site's head: canonical and alternate links, Open Graph locale."""

from django import template
from django.utils import translation

from wagtail.models import Page

from cems_pages.cache import public_fragment
from cems_pages.seo import page_links

register = template.Library()

#: Open Graph ``og:locale`` of each language (language_TERRITORY, as the protocol asks).
OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_US"}


@register.simple_tag(takes_context=True)
def page_seo_links(context) -> dict:
    """``{"canonical", "alternates"}`` of the page being shown (kept as a shared fragment per
    page and host under the public cache's generation; one query when built), or the
    request's own absolute URL, without alternates, elsewhere (search, errors)."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {"canonical": "", "alternates": []}
    if isinstance(page, Page) and page.pk and page.live:
        # a shared fragment per page, scheme and host (cems_pages.cache.public_fragment)
        parts = (page.pk, request.scheme, request.get_host())
        return public_fragment("seo-links", parts, lambda: page_links(request, page))
    return {"canonical": request.build_absolute_uri(request.path), "alternates": []}


@register.simple_tag
def og_locale(language_code: str | None = None) -> str:
    code = language_code or translation.get_language() or ""
    return OG_LOCALES.get(code, code.replace("-", "_"))


@register.simple_tag
def og_alternate_locales(alternates, current: str) -> list[str]:
    return [
        og_locale(link["lang_code"])
        for link in alternates
        if link["lang_code"] not in (current, "x-default")
    ]
