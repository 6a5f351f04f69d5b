"""The public site's response cache: pages and the public API as anonymous visitors see them
(interested parties, 4.2, 5.2.2, 9.1: the published policy, scope and results, fast).

:class:`PublicPageCacheMiddleware` keeps whole responses in Django's cache framework (locmem by
default, Redis in production through ``REDIS_URL``). Only anonymous ``GET``/``HEAD`` requests
of public paths are served from it; logged-in users always get a fresh response (marked
``Cache-Control: private``). The key holds the language, scheme, host, full path with query
string and, for the API, the ``Accept`` header (JSON or the browsable API).

Invalidation is one counter (a *generation*) that is part of every key:
:func:`public_cache_invalidate` raises it, and with it every stored response is out of use at
once. It is raised when a page is published, unpublished, moved or deleted, when a view
restriction, site, image, document or collection restriction changes, and when an accounting
run changes status (a disclosure page reads the approved run). With a shared cache (Redis) the
counter lives in the cache. With the per-process locmem cache (no ``REDIS_URL``) it is the
modification time of a marker file, ``CEMS_PUBLIC_GENERATION_FILE`` (``var/public-generation``):
one ``stat`` per read, so a publish in the task worker (scheduled publishing, a run approved in a
task) or in a shell reaches every web process of the machine at once. Several machines need Redis.

Settings: ``CEMS_PUBLIC_CACHE_SECONDS`` (seconds a response is kept; 0 turns the cache off),
``CEMS_PUBLIC_MAX_AGE`` (``Cache-Control: max-age`` sent to browsers and proxies),
``CEMS_PUBLIC_IDS_SECONDS`` (seconds the ids of internal and withdrawn documents and the shared
fragments of :func:`public_fragment` are kept under the same generation; 0 turns them off).

Shared fragments (:func:`public_fragment`) are pieces of a page that are the same for every
visitor of one audience (anonymous or staff) and language: the menu, the home link, a page's
readable children, its translations, the URLs of rich-text page links. They are kept under the
same generation, so whatever invalidates the response cache invalidates them too; a save of a
controlled document raises the generation as well (a status saved directly, 7.3.3). They are
used with the response cache on or off: a page rendered anew reads them.

Routing (:meth:`PublicPageCacheMiddleware.process_view`) is kept the same way for anonymous
``GET``/``HEAD`` requests: the Site of a host and port, and for a page path of Wagtail's
``serve`` view the routed live page with its view restrictions, so a page rendered anew starts
without the site, locale, page and restriction queries. A kept route goes through Wagtail's
``serve`` as any other (``before_serve_page`` hooks, the view-restriction check, the page's own
``serve``): only the reads are skipped. A path that routes nowhere is not kept.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

from .models.base import ControlledDocument

#: Key of the generation counter.
GENERATION_KEY = "cems:public:generation"
#: Prefix of every stored response.
KEY_PREFIX = "cems:public:response"
#: Path prefixes besides the languages' (``/zh-hans/`` …) whose responses may be kept.
EXTRA_CACHED_PATHS = ("/api/v2/", "/sitemap.xml", "/robots.txt")
#: Paths never kept, even under a language prefix.
NEVER_CACHED_PATHS = ("/api/v2/find", "/api/v2/pages/find/")
#: Response headers kept with a stored response.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "Last-Modified",
    "Link",
    "X-Frame-Options",
)


def cache_seconds() -> int:
    return int(getattr(settings, "CEMS_PUBLIC_CACHE_SECONDS", 0) or 0)


def hidden_ids_seconds() -> int:
    """Seconds the ids of hidden pages are kept (``CEMS_PUBLIC_IDS_SECONDS``, default 600; 0
    turns it off), independent of the response cache: a page rendered anew reads them too."""
    return int(getattr(settings, "CEMS_PUBLIC_IDS_SECONDS", 600) or 0)


def _generation_file() -> Path | None:
    """The marker file of the generation, or ``None`` when the cache holds the counter."""
    path = getattr(settings, "CEMS_PUBLIC_GENERATION_FILE", None)
    return Path(path) if path else None


def _file_generation(path: Path) -> int:
    """The marker's modification time in nanoseconds; created when missing (one ``stat``)."""
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        return path.stat().st_mtime_ns


def _file_invalidate(path: Path) -> None:
    """Move the marker's modification time forward, at least by one nanosecond."""
    before = _file_generation(path)
    now = max(time.time_ns(), before + 1)
    os.utime(path, ns=(now, now))


def public_cache_generation() -> int:
    """The current generation (1 when none is stored yet); one cache read, or one ``stat``
    of the marker file with a process-local cache."""
    marker = _generation_file()
    if marker is not None:
        return _file_generation(marker)
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return int(generation)


def public_cache_invalidate(**_ignored) -> None:
    """Put every stored public response out of use (raise the generation). Usable as a
    signal receiver."""
    if not cache_seconds() and not hidden_ids_seconds():
        return
    marker = _generation_file()
    if marker is not None:
        _file_invalidate(marker)
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(time.time()), timeout=None)


#: Prefix of the shared fragments (:func:`public_fragment`).
FRAGMENT_PREFIX = "cems:public:fragment"


def public_fragment(name: str, parts: tuple, build):
    """The value ``build()`` returns, shared between requests: kept in Django's cache under the
    current generation, ``name`` and ``parts`` (site, language, audience, page …) for
    ``CEMS_PUBLIC_IDS_SECONDS``. ``build()`` is called on a miss, or every time when that
    setting is 0. The value must be picklable and the same for everyone ``parts`` describes."""
    seconds = hidden_ids_seconds()
    if not seconds:
        return build()
    key = fragment_key(name, parts, generation=public_cache_generation())
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=seconds)
    return value


def fragment_key(name: str, parts: tuple, *, generation: int) -> str:
    """The cache key of the shared fragment ``name`` for ``parts``; issues no query."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f"{FRAGMENT_PREFIX}:{generation}:{name}:{digest}"


def kept_fragments(name: str, parts_list: list[tuple]) -> list | None:
    """The kept values of :func:`public_fragment` ``name`` for every ``parts`` of
    ``parts_list``, read in one cache call, or ``None`` when any of them is not kept (or the
    fragments are off). Builds nothing."""
    if not hidden_ids_seconds():
        return None
    generation = public_cache_generation()
    keys = [fragment_key(name, parts, generation=generation) for parts in parts_list]
    kept = cache.get_many(keys)
    if len(kept) < len(keys) or any(kept[key] is None for key in keys):
        return None
    return [kept[key] for key in keys]


def public_fragments(name: str, parts_list: list[tuple], build) -> list:
    """:func:`public_fragment` for many values at once: one cache read for all of them
    (``get_many``) and one write for those built; ``build(index)`` builds the value of
    ``parts_list[index]``. Returns the values in the order of ``parts_list``."""
    seconds = hidden_ids_seconds()
    if not seconds:
        return [build(index) for index in range(len(parts_list))]
    generation = public_cache_generation()
    keys = [fragment_key(name, parts, generation=generation) for parts in parts_list]
    kept = cache.get_many(keys)
    built = {}
    values = []
    for index, key in enumerate(keys):
        value = kept.get(key)
        if value is None:
            value = built[key] = build(index)
        values.append(value)
    if built:
        cache.set_many(built, timeout=seconds)
    return values


def public_cache_key(request, *, generation: int) -> str:
    """The key of ``request``'s response: language, scheme, host, path with query and, for the
    API, ``Accept``. Issues no query."""
    parts = [
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    ]
    if request.path_info.startswith("/api/"):
        parts.append(request.headers.get("Accept", ""))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


def is_cacheable_path(path: str) -> bool:
    if path.startswith(NEVER_CACHED_PATHS):
        return False
    if path.startswith(EXTRA_CACHED_PATHS):
        return True
    return any(path.startswith(f"/{code}/") for code, _name in settings.LANGUAGES)


def is_cacheable_response(request, response) -> bool:
    """A 200, not streamed, setting no cookie, using no CSRF token (forms), not marked private
    or uncacheable by the view."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-cache", "no-store"))


def request_site(request) -> Site | None:
    """``Site.find_for_request(request)``, the Site (with its root page) kept as a shared
    fragment per host and port under the generation (a Site's change raises it): no query
    while kept. Sets ``request._wagtail_site`` as Wagtail does."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        parts = (hostname, request.get_port())
        site = public_fragment("site", parts, lambda: Site.find_for_request(request) or False)
        request._wagtail_site = site or None
    return request._wagtail_site


def _restrictions(restrictions: list):
    """A page's ``get_view_restrictions`` returning the kept list (issues no query)."""
    return lambda: restrictions


def route_public_page(request, path: str) -> None:
    """Route ``path`` as Wagtail's ``serve`` view does (``Page.route_for_request``), from the
    shared fragment of (site, host, language, path) when kept: the live specific page, the
    route's arguments and the page's view restrictions (its own and its ancestors'). Sets
    ``request._wagtail_route_for_request``; nothing is kept for a path that routes nowhere."""
    site = request_site(request)
    if site is None:
        return
    parts = (site.pk, request.get_host(), translation.get_language(), path)
    key = fragment_key("route", parts, generation=public_cache_generation())
    kept = cache.get(key)
    if kept is None:
        route = Page.route_for_request(request, path)
        if route is None:
            return  # a 404 is not kept: unknown paths cannot fill the cache
        page, args, kwargs = route
        kept = (page, args, kwargs, list(page.get_view_restrictions()))
        cache.set(key, kept, timeout=hidden_ids_seconds())
    page, args, kwargs, restrictions = kept
    # Wagtail's check_view_restrictions hook asks the page; its answer is part of the route
    page.get_view_restrictions = _restrictions(restrictions)
    request._wagtail_route_for_request = RouteResult(page, args, kwargs)


class PublicPageCacheMiddleware:
    """Serves anonymous GET/HEAD requests of public pages and the public API from the cache.

    Goes after the authentication and locale middleware (it reads the user and the language)
    and below ``ConditionalGetMiddleware`` (which turns the ``Last-Modified`` and ``ETag`` of a
    stored response into a 304). A stored response carries ``Last-Modified``: the time it was
    built, unchanged since while its generation is current.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or not is_cacheable_path(request.path_info)
        ):
            return self.get_response(request)
        if request.user.is_authenticated:
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        key = public_cache_key(request, generation=public_cache_generation())
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], status=stored["status"])
            for name, value in stored["headers"].items():
                response[name] = value
            response["X-Cems-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if not is_cacheable_response(request, response):
            return response
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        patch_cache_control(
            response, public=True, max_age=int(getattr(settings, "CEMS_PUBLIC_MAX_AGE", 60))
        )
        if request.method == "GET":
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            headers["Cache-Control"] = response["Cache-Control"]
            cache.set(
                key,
                {"content": response.content, "status": response.status_code, "headers": headers},
                timeout=seconds,
            )
        response["X-Cems-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Anonymous ``GET``/``HEAD`` of public paths: the Site, and for Wagtail's page view
        the route, from the shared fragments (:func:`route_public_page`)."""
        if (
            not hidden_ids_seconds()
            or request.method not in ("GET", "HEAD")
            or not is_cacheable_path(request.path_info)
            or request.user.is_authenticated
        ):
            return None
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "wagtail_serve":
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            route_public_page(request, path)
        else:
            request_site(request)
        return None


def connect_signals() -> None:
    """Raise the generation whenever what the public sees may have changed."""
    page_published.connect(public_cache_invalidate, dispatch_uid="cems_public_cache_published")
    page_unpublished.connect(public_cache_invalidate, dispatch_uid="cems_public_cache_unpublished")
    post_page_move.connect(public_cache_invalidate, dispatch_uid="cems_public_cache_moved")
    models = [
        "wagtailcore.Page",
        "wagtailcore.PageViewRestriction",
        "wagtailcore.CollectionViewRestriction",
        "wagtailcore.Site",
        "wagtailcore.Locale",
        "wagtailimages.Image",
        "wagtaildocs.Document",
        "calculators.AccountingRun",
    ]
    # every concrete controlled-document page type (models.visibility.document_models)
    documents = (m for m in apps.get_models() if issubclass(m, ControlledDocument))
    for model in documents:
        # a status saved directly (withdrawn, made internal) changes the hidden ids, the menu
        # and the children lists: every stored piece goes
        post_save.connect(
            public_cache_invalidate,
            sender=model,
            dispatch_uid=f"cems_public_hidden_ids_{model._meta.label_lower}",
        )
    for label in models:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_delete.connect(
            public_cache_invalidate, sender=model, dispatch_uid=f"cems_public_cache_del_{label}"
        )
        if label == "wagtailcore.Page":
            continue  # a page's saves are drafts until published (signals above)
        post_save.connect(
            public_cache_invalidate, sender=model, dispatch_uid=f"cems_public_cache_save_{label}"
        )
