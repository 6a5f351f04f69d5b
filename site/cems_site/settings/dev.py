"""Development settings: DEBUG on, a fixed insecure key, e-mail written to files.

``make demo PORT=8105`` serves on that port: links in workflow and reminder e-mails point to
it (``WAGTAILADMIN_BASE_URL``, unless set), and each e-mail is written as a file under
``var/mail/`` (``EMAIL_FILE_PATH``) instead of flooding the terminal.
"""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
PORT = os.environ.get("PORT", "8000")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or f"http://127.0.0.1:{PORT}"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", BASE_DIR / "var" / "mail"))
