"""Template tags of the public site: navigation, language switcher, document helpers."""

import re

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.safestring import mark_safe

from wagtail.models import Page, Site

from cems_pages.access import can_read_internal
from cems_pages.cache import public_fragment
from cems_pages.models import ControlledDocument
from cems_pages.selectors import menu_pages, translation_status
from cems_pages.seo import active_locale, page_translations, request_locales

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site is not None else None


def _site(request):
    return Site.find_for_request(request) if request is not None else None


def _language_home(request, site, locale) -> Page | None:
    """The site's root page in ``locale`` (itself or its live translation); one query or two."""
    root = site.root_page
    return root if root.locale_id == locale.pk else root.get_translation_or_none(locale)


@register.simple_tag(takes_context=True)
def site_nav(context) -> list[dict]:
    """Top-level pages of the current language the visitor may read, as ``{"pk", "url",
    "title", "menu_label"}``: a shared fragment per site, language and audience (anonymous or
    staff), kept under the public cache's generation (:func:`cems_pages.cache.public_fragment`;
    no query while kept, two or three when built)."""
    request = context.get("request")
    site = _site(request)
    if site is None:
        return []
    locale = active_locale(request)
    staff = can_read_internal(request.user)

    def build() -> list[dict]:
        home = _language_home(request, site, locale)
        if home is None:
            return []
        return [
            {
                "pk": item.pk,
                "url": item.get_url(request),
                "title": item.title,
                "menu_label": item.menu_label,
            }
            for item in menu_pages(parent=home, user=request.user)
        ]

    return public_fragment("nav", (site.pk, locale.pk, staff), build)


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    """The URL of the current language's home page (a shared fragment per site and language)."""
    request = context.get("request")
    site = _site(request)
    if site is None:
        return "/"
    locale = active_locale(request)

    def build() -> str:
        home = _language_home(request, site, locale)
        return (home or site.root_page).get_url(request) or "/"

    return public_fragment("home-url", (site.pk, locale.pk), build)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language; on a page, to that page's live translation (else that
    language's home page: a shared fragment per page, language and host); elsewhere, to the
    same URL under the other prefix."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page) and page.pk and page.live and request is not None:
        parts = (page.pk, translation.get_language(), request.scheme, request.get_host())
        return public_fragment("language-links", parts, lambda: _language_links(request, page))
    return _language_links(request, page)


def _language_links(request, page) -> list[dict]:
    current = translation.get_language()
    links = []
    translations = {}
    if isinstance(page, Page) and page.pk:
        for item in page_translations(request, page):
            translations[item.locale.language_code] = item
    root = _site_root(request) if translations else None
    if root is not None and root.locale_id in request_locales(request):
        root.locale = request_locales(request)[root.locale_id]
    for code, name in settings.LANGUAGES:
        url = None
        target = translations.get(code)
        if target is None and root is not None:
            target = root if root.locale.language_code == code else None
            if target is None:
                target = root.get_translations().filter(locale__language_code=code).live().first()
        if target is not None:
            url = target.get_url(request)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.filter
def model_name(page) -> str:
    return page._meta.model_name


@register.simple_tag
def document_pdf_url(page) -> str:
    return reverse("cems_pages:document_pdf", args=[page.pk])


@register.simple_tag
def search_url() -> str:
    return reverse("cems_pages:search")


#: A note line that carries its own label ("注1：", "编者注：", "Note 2:", "Editor's note:") or
#: is a bracketed source ("[来源：…]"), as the standard writes them.
_LABELLED_NOTE = re.compile(r"^\s*(\[|(注|编者注|note|editor's note)\s*\d*\s*[:：])", re.IGNORECASE)


@register.filter
def note_lines(note: str) -> list[dict]:
    """The lines of a glossary note, each with ``labelled`` True when it names itself.

    The template prints its own "Note" label only before unlabelled lines, so "注1：…" is not
    printed as "注: 注1：…". Issues no query.
    """
    return [
        {"text": line.strip(), "labelled": bool(_LABELLED_NOTE.match(line))}
        for line in (note or "").splitlines()
        if line.strip()
    ]


@register.simple_tag(takes_context=True)
def staff_translation_status(context, page):
    """The translation status of ``page`` for staff (editors, approvers, auditors), else
    ``None``; one query for staff, none for anyone else."""
    request = context.get("request")
    if not isinstance(page, ControlledDocument) or request is None:
        return None
    if not can_read_internal(request.user):
        return None
    return translation_status(page=page)


class KeptHtmlNode(template.Node):
    """Renders its content once per shared-fragment key (:func:`kept_html`)."""

    def __init__(self, nodelist, name: str, parts: list):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context) -> str:
        request = context.get("request")
        if request is None or request.user.is_authenticated:
            return self.nodelist.render(context)
        parts = (
            self.name,
            tuple(part.resolve(context) for part in self.parts),
            translation.get_language(),
            request.scheme,
            request.get_host(),
        )
        html = public_fragment("html", parts, lambda: str(self.nodelist.render(context)))
        return mark_safe(html)


@register.tag
def kept_html(parser, token):
    """``{% kept_html "name" page.pk page.live_revision_id %}…{% endkept_html %}``: the
    rendered content, for anonymous visitors, kept as a shared fragment per name, values,
    language, scheme and host under the public cache's generation
    (:func:`cems_pages.cache.public_fragment`; a publish, unpublish, move, restriction, a
    document's save or a run's approval drops it). Logged-in users always get it rendered.
    Only for content that is the same for every anonymous visitor of those values: no form,
    no CSRF token, nothing read from the request but its site.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("kept_html needs a name")
    nodelist = parser.parse(("endkept_html",))
    parser.delete_first_token()
    return KeptHtmlNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(b) for b in bits[2:]]
    )
