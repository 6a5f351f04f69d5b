"""Security headers of every response (issue 13 §5): Content-Security-Policy and
Permissions-Policy. Referrer-Policy comes from Django's ``SecurityMiddleware``
(``SECURE_REFERRER_POLICY``).

Two policies, chosen by path:

* the public site (``CEMS_CSP_PUBLIC``) is enforced: scripts, fonts, images, frames and
  form targets only from this origin, no plugins; inline styles are allowed (one public page
  carries a ``<style>`` block and style attributes cannot take a nonce), inline scripts are
  not;
* the admin (``CEMS_CSP_ADMIN``) is sent as ``Content-Security-Policy-Report-Only`` while
  ``CEMS_CSP_ADMIN_REPORT_ONLY`` is true: Wagtail's editors load their code from static
  files, but third-party admin widgets may still inline a script, so violations are reported
  to ``/csp-report/`` (logged by :func:`csp_report_view`) before the policy is enforced.

A view that sets its own header keeps it.
"""

import json
import logging

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("cems.csp")

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
#: Largest CSP report body read, in bytes.
MAX_REPORT_BYTES = 8192


def policy_string(directives: dict) -> str:
    """``{"default-src": ["'self'"]}`` → ``"default-src 'self'"``."""
    return "; ".join(
        " ".join([name, *values]) if values else name for name, values in directives.items()
    )


class SecurityHeadersMiddleware:
    """Add the CSP (enforced or report-only by path) and Permissions-Policy headers."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = policy_string(settings.CEMS_CSP_PUBLIC)
        self.admin = policy_string(settings.CEMS_CSP_ADMIN)
        self.permissions = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.CEMS_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIXES):
            report_only = getattr(settings, "CEMS_CSP_ADMIN_REPORT_ONLY", True)
            header = "Content-Security-Policy" + ("-Report-Only" if report_only else "")
            policy = self.admin
        else:
            header, policy = "Content-Security-Policy", self.public
        if "Content-Security-Policy" not in response.headers:
            response.headers.setdefault(header, policy)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        return response


@csrf_exempt
@require_POST
def csp_report_view(request):
    """Log a browser's CSP violation report (the admin's report-only policy); 204."""
    body = request.read(MAX_REPORT_BYTES)
    try:
        report = json.loads(body or b"{}")
    except ValueError:
        return HttpResponse(status=400)
    if isinstance(report, dict):
        report = report.get("csp-report", report)
    logger.info("CSP violation: %s", json.dumps(report, ensure_ascii=False)[:2000])
    return HttpResponse(status=204)
