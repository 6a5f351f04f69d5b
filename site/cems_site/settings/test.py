"""Test settings: fast hasher, locmem cache and email, django-q2 in sync mode.

The database comes from ``DATABASE_URL`` as in base, so the same suite runs on SQLite and
PostgreSQL (``.ci/run`` runs both).
"""

import os

os.environ.setdefault("CEMS_Q_SYNC", "1")

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, Q_CLUSTER

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: tests/sqlite_template.py keeps a migrated template under var/test-db/
    # and gives each test process a copy, so a run migrates only when the migrations changed.
    # No journal on disk and no fsync: a test database is thrown away after the run.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db" / "default")}
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"]["OPTIONS"],
        "init_command": "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;",
    }

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The public response cache outlives each test's database: off, except in its own tests.
CEMS_PUBLIC_CACHE_SECONDS = 0
CEMS_PUBLIC_IDS_SECONDS = 0  # the hidden pages' ids: same reason
# the generation in the (per-process) cache: a marker file would be shared by the xdist workers
CEMS_PUBLIC_GENERATION_FILE = None
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
CEMS_PRIVATE_ROOT = BASE_DIR / "var" / "test-private"
# Approving a run renders its report four times; only the tests of issuing turn it on.
CEMS_ISSUE_REPORTS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Every PDF template raises on a variable it cannot resolve (cems_registers.pdf.render_html).
CEMS_STRICT_PDF_TEMPLATES = True
