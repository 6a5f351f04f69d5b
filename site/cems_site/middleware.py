"""Request middleware of the reference deployment."""

from django.middleware.locale import LocaleMiddleware

#: Path prefixes that are not language-prefixed and must never be redirected to one.
UNPREFIXED_PATHS = ("/api/", "/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


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
