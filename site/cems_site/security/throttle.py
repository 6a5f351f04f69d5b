"""Login throttling on every login route (issue 13 §5, §6), on top of django-axes.

django-axes counts failed logins in the database (so every gunicorn worker and every machine
sees the same count) per user name and per client address. Its backend refuses even the right
password while a user name or an address is locked out, for ``AXES_COOLOFF_TIME``.

* The Wagtail admin login and the public login (``wagtailcore_login``) go through Django's
  ``authenticate()``: axes' backend and middleware cover them; :func:`lockout_response`
  answers a locked-out attempt with a translated page (429).
* HTTP Basic on the calculators API goes through Django REST framework, whose request object
  hides axes' flag from the middleware: :class:`BasicAuthLockoutMiddleware` refuses a
  locked-out Basic request before the view runs (429, JSON, translated).
"""

import base64
import binascii
import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off

#: Paths answered in JSON, not HTML, when locked out.
API_PREFIX = "/api/"


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``CEMS_TRUSTED_PROXY_COUNT`` reverse
    proxies the address the outermost trusted proxy saw (``X-Forwarded-For``, counted from
    the right, so a client cannot forge it by sending the header itself)."""
    proxies = int(getattr(settings, "CEMS_TRUSTED_PROXY_COUNT", 0) or 0)
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if proxies <= 0:
        return remote
    chain = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [p for p in chain if p]
    return chain[-proxies] if len(chain) >= proxies else remote


def lockout_message() -> str:
    """The translated refusal, naming the cool-off in minutes."""
    cool_off = get_cool_off()
    if cool_off is None:
        return _(
            "Too many failed logins: this account or address is locked. Ask an administrator to unlock it."
        )
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
    return ngettext(
        "Too many failed logins: this account or address is locked for %(minutes)d minute. Try again later or ask an administrator to unlock it.",
        "Too many failed logins: this account or address is locked for %(minutes)d minutes. Try again later or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: a translated 429, JSON for the API, a page otherwise."""
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": lockout_message()}, status=status)
    template = "locked_out_admin" if request.path_info.startswith("/admin/") else "locked_out"
    context = {"message": lockout_message()}
    return render(request, f"cems_site/security/{template}.html", context, status=status)


def basic_credentials(request) -> dict | None:
    """The user name of an ``Authorization: Basic`` header, or ``None``."""
    scheme, _sep, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, _password = decoded.partition(":")
    return {settings.AXES_USERNAME_FORM_FIELD: username} if sep else None


class BasicAuthLockoutMiddleware:
    """Refuse HTTP Basic requests from a locked-out user name or address (429, JSON).

    The failed attempts themselves are counted by axes' backend, which REST framework's
    ``BasicAuthentication`` calls through ``authenticate()``; this only turns the refusal
    into a clear answer instead of REST framework's "Invalid username/password" (and
    refuses before the password is even checked).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.AXES_ENABLED and request.path_info.startswith(API_PREFIX):
            credentials = basic_credentials(request)
            if credentials is not None and AxesProxyHandler.is_locked(request, credentials):
                return lockout_response(request, None, credentials)
        return self.get_response(request)


def after_login_view(request):
    """``LOGIN_REDIRECT_URL``: where the public login lands without ``next`` (issue 13 §6):
    the admin for staff, the home page in the current language for everyone else."""
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return redirect("wagtailadmin_home")
    return redirect(f"/{request.LANGUAGE_CODE}/")
