"""What search engines and link previews read of the public site (4.2, 5.2.2: the policy, scope
and results made available to interested parties): the sitemap with each page's languages, the
canonical and alternate links of a page.

Only pages an anonymous visitor may read appear: live, public documents, no view restriction
(:func:`cems_pages.selectors.public_pages`). URLs are absolute on the request's host (as the
API's, :func:`cems_pages.api.absolute_url`).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_supported_language_variant

from wagtail.contrib.sitemaps import Sitemap
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site

from .api import page_html_url, restricted_pages_q
from .cache import public_fragment
from .models import ControlledDocument, DocumentStatus
from .selectors import public_pages

#: ``hreflang`` of the default language, for visitors whose language is neither.
X_DEFAULT = "x-default"


def site_public_pages(site: Site):
    """Public pages of ``site`` in every language (the root page and its translations, and
    their descendants), in tree order; one query when evaluated."""
    roots = Page.objects.filter(translation_key=site.root_page.translation_key)
    under_roots = Page.objects.none()
    for root in roots:
        under_roots |= Page.objects.filter(path__startswith=root.path)
    queryset = public_pages().filter(pk__in=under_roots.values("pk"))
    restricted = restricted_pages_q()
    if restricted:
        queryset = queryset.exclude(restricted)
    return queryset.order_by("path")


def page_languages(pages) -> dict:
    """``{translation_key: {language_code: page}}`` of the public ``pages`` (no query)."""
    found: dict = {}
    for page in pages:
        found.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return found


def absolute_page_url(request, page) -> str | None:
    return page_html_url(request, page)


def alternates(request, languages: dict) -> list[dict]:
    """``[{"lang_code", "location"}]`` of one page's languages, in the order of
    ``LANGUAGES``, then ``x-default`` (the default language's page)."""
    links = []
    for code, _name in settings.LANGUAGES:
        page = languages.get(code)
        if page is not None:
            links.append({"lang_code": code, "location": absolute_page_url(request, page)})
    default = languages.get(settings.LANGUAGE_CODE)
    if default is not None and len(links) > 1:
        links.append({"lang_code": X_DEFAULT, "location": absolute_page_url(request, default)})
    return links


class PublicSitemap(Sitemap):
    """Every public page of the site in every language, each with its ``hreflang``
    alternates. A fixed number of queries, whatever the number of pages."""

    def items(self):
        return list(site_public_pages(self.get_wagtail_site()).select_related("locale"))

    def location(self, obj):
        return absolute_page_url(self.request, obj)

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        languages = page_languages(self.paginator.object_list)
        urls = []
        for item in pages:
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append(
                {
                    "item": item,
                    "location": absolute_page_url(self.request, item),
                    "lastmod": lastmod,
                    "alternates": alternates(self.request, languages[item.translation_key]),
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def request_locales(request) -> dict:
    """``{locale_id: Locale}`` of every locale, read once per request and kept as a shared
    fragment under the public cache's generation (a locale's change raises it): no query while
    kept, one otherwise."""
    locales = getattr(request, "_cems_locales", None) if request is not None else None
    if locales is None:
        locales = public_fragment(
            "locales", (), lambda: {locale.pk: locale for locale in Locale.objects.all()}
        )
        if request is not None:
            request._cems_locales = locales
    return locales


def active_locale(request):
    """The locale of the active language (as ``Locale.get_active()``), from
    :func:`request_locales`: no query after the request's first locale read."""
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        code = get_supported_language_variant(settings.LANGUAGE_CODE)
    for locale in request_locales(request).values():
        if locale.language_code == code:
            return locale
    return Locale.get_active()


def page_translations(request, page) -> list:
    """Live translations of ``page`` (itself included), each with ``locale`` set and
    ``seo_public`` True when an anonymous visitor may read it (no view restriction on it or
    an ancestor; for a controlled document, public and not withdrawn, 7.3.3).

    Shared by the head's canonical/alternate links and the language switcher (kept on the
    request), and kept between requests as a shared fragment per page under the public cache's
    generation (publish, unpublish, move, view restriction, a document's save raise it): no
    query while kept, one otherwise.
    """
    memo = getattr(request, "_cems_translations", None)
    if memo is None:
        memo = {}
        if request is not None:
            request._cems_translations = memo
    if page.pk in memo:
        return memo[page.pk]

    def build() -> list:
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        items = list(
            type(page)
            .objects.live()
            .filter(translation_key=page.translation_key)
            .defer_streamfields()
            .annotate(seo_restricted=Exists(restricted))
            .order_by("path")
        )
        for item in items:
            item.seo_public = not item.seo_restricted
            if isinstance(item, ControlledDocument):
                item.seo_public = item.seo_public and (
                    item.is_public and item.document_status != DocumentStatus.WITHDRAWN
                )
        return items

    items = public_fragment("translations", (type(page)._meta.label_lower, page.pk), build)
    locales = request_locales(request)
    for item in items:
        if item.locale_id in locales:
            item.locale = locales[item.locale_id]
    memo[page.pk] = items
    return items


def page_links(request, page) -> dict:
    """Canonical URL and ``hreflang`` alternates of ``page`` (only its public translations);
    at most one query, none when :func:`page_translations` already read them for this request.
    """
    if page.locale_id in request_locales(request):
        page.locale = request_locales(request)[page.locale_id]
    languages = {page.locale.language_code: page}
    for item in page_translations(request, page):
        if item.pk != page.pk and item.seo_public:
            languages[item.locale.language_code] = item
    return {
        "canonical": absolute_page_url(request, page),
        "alternates": alternates(request, languages) if len(languages) > 1 else [],
    }


#: Paths crawlers are kept out of: the admin, Django's admin, documents (register evidence,
#: private) and the logged-in calculators' API; the search results of each language too.
ROBOTS_DISALLOW = ("/admin/", "/django-admin/", "/documents/", "/api/calculators/")


def robots_txt(request):
    """``/robots.txt``: the admin and private paths kept out, the sitemap named."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += [f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
