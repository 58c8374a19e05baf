"""Timing helpers for the benchmark commands: server time of requests, p50/p95.

Every benchmark measures, in the same interleaved run as its pages, four reference requests:
- the login page (anonymous: no session, no query): the baseline the issues name;
- a signed-in request that shows nothing (session, and user + membership + partner in one
  query) and the signed-in shell around an empty page (benchmarks/urls.py):
  what any signed-in page costs before it does its own work;
- the change-password page: the cheapest real page a signed-in user can open.
"""

import statistics
from time import perf_counter

from django.test.utils import override_settings

from .urls import SIGNED_IN_EMPTY_URL, SIGNED_IN_SHELL_URL

LOGIN = "login page"
SHELL = "signed-in shell (empty page)"


def reference_cases(anonymous, signed_in):
    """[(label, client, urls)] of the reference requests, for time_interleaved."""
    return [
        (LOGIN, anonymous, ["/accounts/login/"]),
        ("signed-in, empty response", signed_in, [SIGNED_IN_EMPTY_URL]),
        (SHELL, signed_in, [SIGNED_IN_SHELL_URL]),
        ("change-password page", signed_in, ["/accounts/password/"]),
    ]


def percentiles(samples_ms):
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def benchmark_settings():
    """What requests run under in a benchmark: DEBUG off (no query log), the test client's host,
    and the URLs of benchmark_urls (the portal's plus the reference requests)."""
    return override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"], ROOT_URLCONF="benchmarks.urls")


def time_interleaved(cases, runs: int, warmup: int = 5):
    """{label: (p50, p95)} in ms for cases [(label, client, urls)]; every response must be a 200.

    Requests are interleaved (one of each case per round), so all cases share the machine's
    load. In-process (Django's test client): middleware, queries and rendering, no network.
    DEBUG is off so queries are not logged.
    """
    samples: dict[str, list[float]] = {label: [] for label, _client, _urls in cases}
    with benchmark_settings():
        for number in range(warmup + runs):
            for label, client, urls in cases:
                url = urls[number % len(urls)]
                started = perf_counter()
                response = client.get(url)
                elapsed = (perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}")
                if number >= warmup:
                    samples[label].append(elapsed)
    return {label: percentiles(values) for label, values in samples.items()}


def report_rows(results):
    """One line per case: p50, p95, and p95 as a multiple of the login page's and the shell's."""
    login95, shell95 = results[LOGIN][1], results[SHELL][1]
    lines = [f"{'':<44} {'p50':>8} {'p95':>8}   {'p95/login':>9} {'p95/shell':>9}"]
    for label, (p50, p95) in results.items():
        lines.append(f"{label:<44} {p50:5.1f} ms {p95:5.1f} ms   {p95 / login95:8.2f}x {p95 / shell95:8.2f}x")
    return "\n".join(lines)
