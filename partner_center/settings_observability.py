"""Observability settings: logs (text or JSON), request ids (django-guid), metrics tokens.

Imported by settings.py; kept apart so each settings file reads in one sitting."""

import environ
from django.core.exceptions import ImproperlyConfigured
from django_guid.integrations import CeleryIntegration

__all__ = ["DJANGO_GUID", "LOGGING", "LOG_FORMAT", "METRICS_TOKEN", "WORKER_METRICS_PORT"]
env = environ.Env()
LOG_FORMATS = ("text", "json")

# --- Observability (partner_center/observability.py) ----------------------------------------
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")  # /metrics answers `Authorization: Bearer <token>`
WORKER_METRICS_PORT = env.int("WORKER_METRICS_PORT", default=0)  # a worker's own /metrics; 0 = none
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",  # taken from a proxy when valid, else made; returned on every answer
    "IGNORE_URLS": ["healthz", "readyz", "metrics"],
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True, log_parent=True)],
}
LOG_FORMAT = env.str("LOG_FORMAT", default="text").lower()  # "json" for log collectors (docker-compose.yml)
if LOG_FORMAT not in LOG_FORMATS:  # else logging fails to configure with a cryptic KeyError at start
    raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {LOG_FORMAT!r}")
# Everything through the root's console handler, once: Django's own "django" handlers would
# print each record a second time under DEBUG. An expected 403/404 is one line, no traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "one_line_client_errors": {"()": "partner_center.log_filters.OneLineClientErrors"},
        "request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"},
    },
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["one_line_client_errors", "request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "axes": {"level": "WARNING"},  # one line per sign-in otherwise; lockouts are warnings
        "django_guid": {"level": "WARNING"},  # else a line per request saying it made an id
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
