"""Metrics and request ids for operators: what Prometheus scrapes and what ties log lines together.

- Request latency by view, response codes and database timings come from django-prometheus
  (its two middlewares); the request id of every log line from django-guid, which also carries
  it into the Celery tasks a request queues (its CeleryIntegration, settings.DJANGO_GUID).
- Ours, below: task runtimes and failures (Celery signals), export rows per second, and the
  broker's queue depth (read when Prometheus scrapes).
- `/metrics` answers only a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`; without
  a configured token it is a 404. A worker exposes its own metrics on WORKER_METRICS_PORT.
"""

import hmac
import logging
import os
from collections.abc import Iterator
from time import monotonic
from typing import Any

from celery.signals import task_failure, task_postrun, task_prerun, worker_ready
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)  # fmt: skip
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

TASK_SECONDS = Histogram(
    "portal_task_seconds", "Celery task runtime", ["task"], buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 1800)
)
TASK_FAILURES = Counter("portal_task_failures", "Celery tasks that raised", ["task"])
EXPORT_ROWS_PER_SECOND = Histogram(
    "portal_export_rows_per_second", "Rows written per second by a finished export",
    buckets=(1_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000),
)  # fmt: skip
QUEUES = ("celery",)
_started: dict[str, float] = {}


@task_prerun.connect
def _task_started(task_id: str, **_: Any) -> None:
    _started[task_id] = monotonic()


@task_postrun.connect
def _task_finished(task_id: str, task: Any, retval: Any = None, **_: Any) -> None:
    started = _started.pop(task_id, None)
    if started is None:
        return
    seconds = monotonic() - started
    TASK_SECONDS.labels(task=task.name).observe(seconds)
    if (
        task.name.endswith(".build_export")
        and isinstance(retval, dict)
        and retval.get("status") == "completed"
    ):
        EXPORT_ROWS_PER_SECOND.observe(retval["rows"] / max(seconds, 1e-6))


@task_failure.connect
def _task_failed(sender: Any = None, **_: Any) -> None:
    TASK_FAILURES.labels(task=getattr(sender, "name", "unknown")).inc()


@worker_ready.connect
def _worker_metrics(**_: Any) -> None:
    port = settings.WORKER_METRICS_PORT
    if port:
        start_http_server(port, registry=metrics_registry())
        logger.info("worker metrics on port %d", port)


class QueueDepth(Collector):
    """Messages waiting in the broker's queues, read at scrape time (never cached)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from partner_center.celery import app

        family = GaugeMetricFamily(
            "portal_queue_depth", "Messages waiting in the broker queue", labels=["queue"]
        )
        try:
            with app.connection_for_read() as connection:
                for queue in QUEUES:
                    family.add_metric([queue], _depth(connection, queue))
        except Exception:  # a scrape reports what it can: a broker away is no queue depth, not a 500
            logger.warning("queue depth unavailable", exc_info=True)
        yield family


def _depth(connection: Any, queue: str) -> int:
    with connection.channel() as channel:
        try:
            return channel.queue_declare(queue=queue, passive=True).message_count
        except connection.channel_errors:  # never declared yet: nothing was ever sent to it
            return 0


def _multiprocess() -> bool:
    return "PROMETHEUS_MULTIPROC_DIR" in os.environ


if not _multiprocess():
    REGISTRY.register(QueueDepth())


def metrics(request: HttpRequest) -> HttpResponse:
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not token or not hmac.compare_digest(sent.encode(), token.encode()):
        raise Http404
    return HttpResponse(generate_latest(metrics_registry()), content_type=CONTENT_TYPE_LATEST)


def metrics_registry() -> CollectorRegistry:
    """This process's metrics; with PROMETHEUS_MULTIPROC_DIR set (gunicorn.conf.py for the web
    workers, docker-compose.yml for a prefork Celery worker), every process's, summed."""
    if not _multiprocess():
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(QueueDepth())
    return registry
