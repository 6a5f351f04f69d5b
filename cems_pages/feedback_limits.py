"""Rate limit of the feedback form, per client address and per e-mail address (Django's cache).

One accepted submission per ``FEEDBACK_MIN_INTERVAL`` seconds (60) and at most
``FEEDBACK_DAILY_LIMIT`` (5) a day, each counted separately for the client's IP address and for
the e-mail address given. Only submissions that passed validation count. Keys are SHA-256
digests, so the cache holds no address in clear. With the per-process locmem cache each worker
counts on its own; production uses Redis (``REDIS_URL``), shared by all workers.

The client address is ``REMOTE_ADDR``; behind a reverse proxy set
``CEMS_FEEDBACK_CLIENT_IP_HEADER`` (e.g. ``"HTTP_X_REAL_IP"``) to the header the proxy sets,
never to one the client can send through the proxy unchanged.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FEEDBACK_MIN_INTERVAL = 60
FEEDBACK_DAILY_LIMIT = 5
DAY = 24 * 60 * 60


def client_ip(request) -> str:
    header = getattr(settings, "CEMS_FEEDBACK_CLIENT_IP_HEADER", None)
    value = request.META.get(header, "") if header else ""
    return (value.split(",")[0].strip() if value else "") or request.META.get("REMOTE_ADDR", "")


def _key(kind: str, value: str, window: str) -> str:
    digest = hashlib.sha256(f"{kind}:{value.strip().lower()}".encode()).hexdigest()
    return f"cems:feedback:{window}:{digest}"


def feedback_rate_limit(*, ip: str, email: str) -> None:
    """Count one submission for ``ip`` and ``email``, or raise a translated ValidationError.

    The interval is taken with ``cache.add`` (atomic in locmem and Redis), so two posts at the
    same moment cannot both pass.
    """
    identities = [("ip", ip), ("email", email)]
    identities = [(kind, value) for kind, value in identities if value]
    for kind, value in identities:
        if (cache.get(_key(kind, value, "day")) or 0) >= FEEDBACK_DAILY_LIMIT:
            raise ValidationError(
                _(
                    "You have sent %(limit)s messages today, the most we accept in a day. "
                    "Please write again tomorrow."
                ),
                code="daily_limit",
                params={"limit": FEEDBACK_DAILY_LIMIT},
            )
    for kind, value in identities:
        if not cache.add(_key(kind, value, "recent"), 1, timeout=FEEDBACK_MIN_INTERVAL):
            raise ValidationError(
                _(
                    "You sent feedback less than a minute ago. Please wait a minute before "
                    "sending more."
                ),
                code="too_soon",
            )
    for kind, value in identities:
        key = _key(kind, value, "day")
        cache.add(key, 0, timeout=DAY)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=DAY)
