"""Request middleware of the reference deployment."""

from django.conf import settings
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_vary_headers

#: Path prefixes that are not language-prefixed and must never be redirected to one.
UNPREFIXED_PATHS = ("/api/", "/admin/", "/django-admin/", "/static/", "/media/", "/documents/")

#: The public, read-only API (pages, images, documents). The calculators' API under /api/
#: needs a login and never gets CORS headers.
PUBLIC_API_PATH = "/api/v2/"
CORS_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_MAX_AGE = 86400


class LocaleMiddlewareExceptApi(LocaleMiddleware):
    """Django's LocaleMiddleware, minus the 404 → ``/zh-hans/...`` redirect for the API.

    With ``prefix_default_language=True`` the stock middleware turns every API 404 into a
    302 to a language-prefixed URL and then an HTML 404 (STACK_NOTES.md). API clients must
    get the API's own 404.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


class PublicApiCorsMiddleware:
    """CORS for the public, read-only API only, for the origins of
    ``CEMS_API_CORS_ALLOWED_ORIGINS`` (empty: off, no header is ever added).

    Only GET and HEAD are allowed cross-origin, and never with credentials
    (no ``Access-Control-Allow-Credentials``): a script on another site reads what an
    anonymous visitor reads. A preflight from an allowed origin is answered here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = getattr(settings, "CEMS_API_CORS_ALLOWED_ORIGINS", ())
        if not allowed or not request.path_info.startswith(PUBLIC_API_PATH):
            return self.get_response(request)
        origin = request.headers.get("Origin", "").rstrip("/")
        origin_allowed = bool(origin) and ("*" in allowed or origin in allowed)
        preflight = (
            request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers
        )
        if preflight and origin_allowed:
            response = HttpResponse(status=204)
            if request.headers["Access-Control-Request-Method"].upper() in CORS_METHODS:
                response["Access-Control-Allow-Methods"] = ", ".join(CORS_METHODS)
                response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
                response["Access-Control-Max-Age"] = str(CORS_MAX_AGE)
                self.allow(response, origin, allowed)
            patch_vary_headers(response, ("Origin",))
            return response
        response = self.get_response(request)
        if origin_allowed and request.method in CORS_METHODS:
            self.allow(response, origin, allowed)
        patch_vary_headers(response, ("Origin",))
        return response

    @staticmethod
    def allow(response, origin: str, allowed) -> None:
        response["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
