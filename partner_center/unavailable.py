"""A clear 503 while the database (or the cache behind the sessions) is away, never a traceback.

When PostgreSQL restarts, every query in flight and every new connection fails with
django.db.OperationalError or InterfaceError until it is back. Such a request answers 503
with Retry-After: our page in the user's language (templates/503.html, rendered without the
database, a request context or the static manifest), the message alone for htmx, and JSON
under /api/. A write that failed was rolled back by its transaction, but the database may
also go away after a write's commit and before its answer (e.g. while the session is saved),
hence the page's advice to check before saving again (benchmarks/load saw it happen).

Two places catch it, because Django turns an exception into a response at the layer that
raised it:
- `DatabaseUnavailableMiddleware.process_exception`: raised in a view (most requests);
- `server_error` (handler500): raised in a middleware, e.g. the session or the user read.
Connections recover by themselves: CONN_HEALTH_CHECKS (settings) tests a persistent
connection before a request reuses it, and Django closes a connection whose request failed.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from . import http_errors

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 10
UNAVAILABLE: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
try:  # the cache (sessions) on Redis: a restart of Redis reads the same to the partner
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    UNAVAILABLE += (RedisConnectionError, RedisTimeoutError)
except ImportError:  # pragma: no cover - redis is a dependency of the portal
    pass


def is_unavailable(exception: BaseException | None) -> bool:
    """Whether the error means a server we depend on is away (also when wrapped by another)."""
    while exception is not None:
        if isinstance(exception, UNAVAILABLE):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def unavailable(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """The 503 answer: JSON for the API, the message alone for htmx, else our page."""
    logger.warning("Service unavailable: %s %s (%s)", request.method, request.path, type(exception).__name__)
    message = _(
        "Partner Center is briefly unavailable while we reconnect to our database. Please try "
        "again in a moment; if you were saving a change, check first whether it was saved."
    )
    if request.path.startswith(http_errors.API_PREFIX):
        response: HttpResponse = JsonResponse(
            {"detail": _("The service is temporarily unavailable. Please retry.")}, status=503
        )
    elif request.headers.get("HX-Request") == "true":  # request.htmx may not be set yet
        response = HttpResponse(
            loader.get_template("_error_fragment.html").render({"message": message}), status=503
        )
    else:
        page = loader.get_template("503.html").render({"message": message})
        response = http_errors.allow_inline_styles(HttpResponse(page, status=503))
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the 503 answer when the error being handled is a server away, else the 500."""
    exception = sys.exc_info()[1]
    if is_unavailable(exception):
        return unavailable(request, exception)
    return http_errors.server_error(request)


class DatabaseUnavailableMiddleware:
    """Turns a view's database (or session cache) connection error into the 503 answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_unavailable(exception):
            return unavailable(request, exception)
        return None
