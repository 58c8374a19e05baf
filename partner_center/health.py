"""Health and readiness for load balancers and compose health checks.

`/healthz`: the process answers (no database, no cache). `/readyz`: the database, the cache and
the broker answer and every migration is applied. Both are answered by a middleware at the top
of the stack, before host validation and the HTTPS redirect (a load balancer probes by address
over plain HTTP), without a session or a user, and say nothing but which check failed.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 2
_migrated = False  # once every migration is applied it stays so for this process's code


def database_answers() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers() -> bool:
    cache.set("readyz", "1", timeout=10)
    return cache.get("readyz") == "1"


def broker_answers() -> bool:
    from partner_center.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
    return True


def migrations_applied() -> bool:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


CHECKS: dict[str, Callable[[], bool]] = {
    "database": database_answers,
    "cache": cache_answers,
    "broker": broker_answers,
    "migrations": migrations_applied,
}


def readiness() -> list[str]:
    """The names of the checks that failed (empty: ready)."""
    failed = []
    for name, check in CHECKS.items():
        try:
            ok = check()
        except Exception:  # a probe reports, it never raises: any failure is "not ready"
            logger.warning("readiness check %s failed", name, exc_info=True)
            ok = False
        if not ok:
            failed.append(name)
    return failed


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return HttpResponse("ok", content_type="text/plain")
        if request.path == "/readyz":
            failed = readiness()
            if failed:
                return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
            return JsonResponse({"status": "ready"})
        return self.get_response(request)
