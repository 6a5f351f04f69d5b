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
run changes status (a disclosure page reads the approved run). With the per-process locmem
cache a change made in one process is seen by the others only after
``CEMS_PUBLIC_CACHE_SECONDS``: deployments with several processes use Redis.

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
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

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


def public_cache_generation() -> int:
    """The current generation (1 when none is stored yet); one cache read."""
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
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    key = f"{FRAGMENT_PREFIX}:{public_cache_generation()}:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=seconds)
    return value


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


def connect_signals() -> None:
    """Raise the generation whenever what the public sees may have changed."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

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
    from .models.visibility import document_models

    for model in document_models():
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
