"""Base settings for the cems reference deployment.

Everything that differs between machines comes from the environment:
``DATABASE_URL`` (SQLite file by default), ``REDIS_URL`` (django-q2 uses the ORM
broker without it), ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``EMAIL_URL``-style settings.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/cems_site
BASE_DIR = PROJECT_DIR.parent.parent  # repository root


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cems_site",
    "cems_pages",
    "cems_registers",
    "calculators",
    "cems_site.evidence",
    "cems_site.readiness",
    "cems_site.carbon_assets",
    "cems_site.verification",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "simple_history",
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Its catalogue translates the "… ago" times Wagtail prints with naturaltime.
    "django.contrib.humanize",
    # failed logins counted per user name and per address (cems_site.security.throttle)
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (cems_site.security.headers)
    "cems_site.security.headers.SecurityHeadersMiddleware",
    "cems_site.middleware.PublicApiCorsMiddleware",
    # ETag and 304s for every GET (cems_pages.cache adds Last-Modified to public responses)
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cems_site.middleware.LocaleMiddlewareExceptApi",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # anonymous visitors' public pages and API from the cache (it reads user and language)
    "cems_pages.cache.PublicPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # HTTP Basic on the API refused while locked out; then axes' own (kept last)
    "cems_site.security.throttle.BasicAuthLockoutMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cems_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cems_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages (clause 7.3: documents in Chinese and English; Chinese is the default).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Internal uploads (activity-data files): outside MEDIA_ROOT, served only through views that
# check permissions (calculators.storage). Never point a web server at it.
CEMS_PRIVATE_ROOT = Path(os.environ.get("CEMS_PRIVATE_ROOT", BASE_DIR / "var" / "private"))
# Approving an accounting run issues its report files (PDF and XLSX, zh and en) in a task.
CEMS_ISSUE_REPORTS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Largest activity-data or register import accepted, in bytes.
CEMS_MAX_UPLOAD_BYTES = int(os.environ.get("CEMS_MAX_UPLOAD_BYTES", str(200 * 1024 * 1024)))

LOGIN_URL = "wagtailadmin_login"
# The public login without ``next`` lands on the home page, or the admin for staff.
LOGIN_REDIRECT_URL = "cems_after_login"

# Login throttling (issue 13 §5; docs/security.md): django-axes counts failed logins on the
# admin login, the public login and HTTP Basic on the API. After CEMS_LOGIN_FAILURE_LIMIT
# failures for one user name, or from one address, even the right password is refused for
# CEMS_LOGIN_COOLOFF_MINUTES. Unlock: `manage.py axes_reset_username NAME` / `axes_reset_ip IP`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("CEMS_LOGIN_THROTTLE", True)
AXES_FAILURE_LIMIT = int(os.environ.get("CEMS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CEMS_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cems_site.security.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cems_site.security.throttle.client_ip"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Reverse proxies in front of the application whose X-Forwarded-For is trusted (0: none).
CEMS_TRUSTED_PROXY_COUNT = int(os.environ.get("CEMS_TRUSTED_PROXY_COUNT", "0"))

# Security headers (cems_site.security.headers). Referrer-Policy from SecurityMiddleware.
SECURE_REFERRER_POLICY = "same-origin"
_CSP_BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
CEMS_CSP_PUBLIC = _CSP_BASE
CEMS_CSP_ADMIN = {**_CSP_BASE, "report-uri": ["/csp-report/"]}
# The admin's policy is report-only until its reports stay empty (docs/security.md).
CEMS_CSP_ADMIN_REPORT_ONLY = env_bool("CEMS_CSP_ADMIN_REPORT_ONLY", True)
CEMS_PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
}
# Set to an internal web-server location on MEDIA_ROOT (nginx: X-Accel-Redirect) to let the
# web server send image files after cems_site.security.media has checked them.
CEMS_MEDIA_ACCEL_REDIRECT = os.environ.get("CEMS_MEDIA_ACCEL_REDIRECT", "")

# Wagtail
WAGTAIL_SITE_NAME = "cems"
# The admin wears the product's name and logo (templates/wagtailadmin/), signs in with a
# translated form, and neither fetches Wagtail's release news nor shows its banner.
WAGTAILADMIN_USER_LOGIN_FORM = "cems_site.admin_forms.LoginForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars from gravatar.com: the machines may have no internet; Wagtail draws its own.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are served by Wagtail's view, which applies the collection's privacy (the root
# collection is private to logged-in users: cems_registers migration 0005), never as files.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "csv", "txt", "png", "jpg", "jpeg"]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# Approval of a document's last workflow task publishes it (cems_pages.workflows, 7.3.3).
WAGTAIL_FINISH_WORKFLOW_ACTION = "cems_pages.workflows.publish_workflow_state"
# Headless API (/api/v2/): absolute URLs on this base when set, else on the request's host.
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or None
# Origins whose browser scripts may read the public, read-only API (CORS); empty = CORS off.
# Comma-separated, e.g. "https://www.example.com,https://app.example.com"; "*" for any.
# CEMS_CORS_ORIGINS is the name; API_CORS_ALLOWED_ORIGINS, the earlier one, is still read.
CEMS_API_CORS_ALLOWED_ORIGINS = [
    o.rstrip("/")
    for o in env_list("CEMS_CORS_ORIGINS", os.environ.get("API_CORS_ALLOWED_ORIGINS", ""))
]

# Email (reminders, workflow notifications).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cems@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Background jobs: django-q2, ORM broker unless REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
Q_CLUSTER = {
    "name": "cems",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 1800,
    "retry": 2000,  # keep retry > timeout or tasks run twice
    "max_attempts": 1,
    "catch_up": False,
    "sync": env_bool("CEMS_Q_SYNC", False),
    "label": _("Background tasks"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# A run over more approved rows than this is split into parts (by facility and month ranges),
# each its own background task (calculators.services.chunks, docs/workers.md); 0 = one task.
CEMS_RUN_CHUNK_ROWS = int(os.environ.get("CEMS_RUN_CHUNK_ROWS", "100000"))
# How often the run sweeper queues a part again whose worker died before the run counts as
# failed (calculators.run_sweeper).
CEMS_RUN_CHUNK_ATTEMPTS = int(os.environ.get("CEMS_RUN_CHUNK_ATTEMPTS", "2"))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# The public cache's generation (cems_pages.cache): with a per-process cache, a marker file
# whose modification time every process of the machine reads, so that a publish in the task
# worker or a shell reaches all of them; with Redis the counter lives in the cache.
CEMS_PUBLIC_GENERATION_FILE = (
    None
    if REDIS_URL
    else os.environ.get("CEMS_PUBLIC_GENERATION_FILE", str(BASE_DIR / "var" / "public-generation"))
)

# Public pages and the public API as anonymous visitors see them, kept this many seconds
# (cems_pages.cache; 0 = off) and marked cacheable by browsers for CEMS_PUBLIC_MAX_AGE.
CEMS_PUBLIC_CACHE_SECONDS = int(os.environ.get("CEMS_PUBLIC_CACHE_SECONDS", "600"))
CEMS_PUBLIC_MAX_AGE = int(os.environ.get("CEMS_PUBLIC_MAX_AGE", "60"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The enterprise's discount rate for the assessment of reduction potential (6.4), a fraction;
# each assessment keeps its own copy and may override it.
CEMS_ASSESSMENT_DISCOUNT_RATE = os.environ.get("CEMS_ASSESSMENT_DISCOUNT_RATE", "0.08")
