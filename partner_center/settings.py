"""Settings for the Partner Center portal, all read from the environment (README.md "Configuration").

The defaults run the portal embedded (SQLite, a filesystem Celery broker under var/: no server needed);
production sets DJANGO_DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, CELERY_BROKER_URL.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional local overrides; real env wins

DEBUG = env.bool("DJANGO_DEBUG", default=False)
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG is false.")
    SECRET_KEY = "django-insecure-local-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "partner_center.admin_site.PortalAdminConfig",  # django.contrib.admin; ignores unparsable filters
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",  # API tokens with an expiry, revocable (customers/api/tokens.py)
    "axes",  # sign-in lockout after repeated failures (customers/lockout.py)
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_prometheus",
    "django_guid",
    "partner_center",  # the platform: domain errors, display format, shared template tags
    "customers",
    "incentives",
    "invoices",
    "mdf",  # market development funds: own workflow, quota and uploads (README "MDF")
    "dashboards",  # incentive and customer dashboards, customer alerts (README "Dashboards")
    "vouchers",
]

MIDDLEWARE = [
    "partner_center.health.HealthCheckMiddleware",  # /healthz, /readyz: before host checks and HTTPS
    "django_prometheus.middleware.PrometheusBeforeMiddleware",  # request latency by view (and the After one)
    "django_guid.middleware.guid_middleware",  # the request id of every log line and the tasks queued
    "django.middleware.security.SecurityMiddleware",
    "partner_center.compression.PageGZipMiddleware",  # compresses what all below wrote
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "customers.idle.SessionIdleMiddleware",  # idle timeout: the session's expiry slides with use
    "customers.languages.UserLanguageMiddleware",  # a signed-in user's stored language wins
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "partner_center.http_errors.DomainErrorMiddleware",
    "partner_center.unavailable.DatabaseUnavailableMiddleware",  # after it: a 503 also under DEBUG
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the answer (lockout.py)
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "partner_center.urls"
WSGI_APPLICATION = "partner_center.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partner_center.navigation.partner_center_context",
                "customers.idle.session_timeout",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so the web process and the
    # Celery worker serialise their writes instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------------
# Sessions: read from the cache, written through to the database (no session query, no sign-out
# on a cache restart). Web processes must share the cache (Redis; checked by --deploy).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out user or address
    "customers.auth.PartnerUserBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Sign-in lockout, API tokens, idle timeout, CSP and throttles: settings_security.py.
from .settings_security import *  # noqa: E402,F403
from .settings_storage import *  # noqa: E402,F403 (stored files: the file system or an S3 bucket)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]  # first: our terms win over Django's (e.g. Summary 汇总)
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365  # the switch's choice outlives the browser session
FORMAT_MODULE_PATH = ["partner_center.formats"]  # dates and times as formatting.py shows them
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": STORAGE_DEFAULT,  # noqa: F405
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Partner Center <noreply@localhost>")
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# --- Celery ---------------------------------------------------------------------------------
# Every task is idempotent: a message may come twice, never gets lost (acknowledged late,
# redelivered if a worker dies, time limit below the broker's visibility timeout).
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT * 9 // 10
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
if CELERY_TASK_TIME_LIMIT >= CELERY_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured("CELERY_TASK_TIME_LIMIT must be below CELERY_VISIBILITY_TIMEOUT.")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for folder in ("queue", "processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # kombu keeps its broadcast (control) state in ./control unless told otherwise
        "control_folder": str(BROKER_DIR / "control"),
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        # Look for messages abandoned by a dead worker every 10 s (kombu's default is every
        # 100 s), so they are redelivered soon after their visibility timeout.
        "unacked_restore_interval": 10,
        "unacked_restore_throttle": 1,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker restart (benchmarks/load --fault): the worker reconnects for as long as it takes, and
# a web request queueing a task (an export) retries its publish for ~15 s before it gives up.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 10,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 2,
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_SEND_TASK_EVENTS = True  # Celery's own events, for Flower and `celery events`
CELERY_TASK_SEND_SENT_EVENT = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CONFIRM_SWEEP_SECONDS = env.float("CONFIRM_SWEEP_SECONDS", default=60.0)
REMINDER_SWEEP_SECONDS = env.float("REMINDER_SWEEP_SECONDS", default=600.0)
# --- Exports --------------------------------------------------------------------------------
EXPORT_RETENTION_DAYS = env.int("EXPORT_RETENTION_DAYS", default=7)
EXPORT_SELECTED_LIMIT = env.int("EXPORT_SELECTED_LIMIT", default=10_000)
EXPORT_MAX_SHEET_ROWS = 1_048_575  # Excel's row limit less the header; tests lower it
EXPORT_CHUNK_ROWS = 2_000  # rows fetched from the database at a time
EXPORT_PROGRESS_ROWS = env.int("EXPORT_PROGRESS_ROWS", default=10_000)  # progress saved every N rows
# An export's hard time limit; like every task's, below the broker's visibility timeout.
EXPORT_TIME_LIMIT = env.int("EXPORT_TIME_LIMIT", default=min(1800, CELERY_VISIBILITY_TIMEOUT - 60))
if EXPORT_TIME_LIMIT >= CELERY_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured("EXPORT_TIME_LIMIT must be below CELERY_VISIBILITY_TIMEOUT.")
# A queued or running export with no progress for this long is failed with a reason.
EXPORT_STALE_SECONDS = max(2 * EXPORT_TIME_LIMIT, 3600)
EXPORT_EXPIRY_SWEEP_SECONDS = env.float("EXPORT_EXPIRY_SWEEP_SECONDS", default=3600.0)
# An export's temporary files (ours and openpyxl's); the hourly sweep removes a killed worker's.
EXPORT_TMP_DIR = Path(env.str("EXPORT_TMP_DIR", default=str(VAR_DIR / "tmp" / "exports")))
# Customers, MDF, payment requests, dashboards, vouchers: settings_modules.py.
from .settings_modules import *  # noqa: E402,F403
from .settings_modules import MODULES_BEAT  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    # A sweep not started within its interval is dropped: the next one finds the same bills.
    "confirm-overdue-statements": {
        "task": "incentives.tasks.confirm_overdue_statements",
        "schedule": CONFIRM_SWEEP_SECONDS,
        "options": {"expires": CONFIRM_SWEEP_SECONDS},
    },
    "expire-exports": {
        "task": "incentives.tasks.expire_exports",
        "schedule": EXPORT_EXPIRY_SWEEP_SECONDS,
        "options": {"expires": EXPORT_EXPIRY_SWEEP_SECONDS},
    },
    "send-deadline-reminders": {
        "task": "incentives.tasks.send_deadline_reminders",
        "schedule": REMINDER_SWEEP_SECONDS,
        "options": {"expires": REMINDER_SWEEP_SECONDS},
    },
    **MODULES_BEAT,  # customers, payment requests, MDF, vouchers, dashboards (settings_modules.py)
}

# --- Security (production: DJANGO_DEBUG=false) ----------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- REST framework and its schema: settings_api.py ------------------------------------
from .settings_api import *  # noqa: E402,F403

# --- Logging, request ids, metrics: settings_observability.py --------------------------------
from .settings_observability import *  # noqa: E402,F403
