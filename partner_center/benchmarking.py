"""Timing helpers for the benchmark commands: server time of requests, p50/p95."""

import statistics
from time import perf_counter

from django.test import Client
from django.test.utils import override_settings


def percentiles(samples_ms):
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def time_requests(client: Client, urls, runs: int, warmup: int = 5):
    """(p50, p95) in ms of GETs cycling through `urls`; every response must be a 200.

    In-process (Django's test client), so it is the server's time: middleware, queries and
    rendering, without network. DEBUG is off so queries are not logged.
    """
    samples = []
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        for number in range(warmup + runs):
            url = urls[number % len(urls)]
            started = perf_counter()
            response = client.get(url)
            elapsed = (perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            if number >= warmup:
                samples.append(elapsed)
    return percentiles(samples)


def report_row(name, p50, p95, baseline_p95=None):
    ratio = f"{p95 / baseline_p95:5.2f}x" if baseline_p95 else "    -"
    return f"{name:<44} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   p95/login {ratio}"
