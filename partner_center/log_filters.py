"""Logging filters (settings.LOGGING). Imports nothing of Django: logging is configured before
the apps are loaded."""

import logging


class OneLineClientErrors(logging.Filter):
    """An expected 4xx (Forbidden, Not Found, Bad Request) is one log line, without a traceback:
    Django logs PermissionDenied and Http404 with the exception attached."""

    def filter(self, record: logging.LogRecord) -> bool:
        if 400 <= getattr(record, "status_code", 0) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
