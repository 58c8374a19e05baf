"""Timing helpers for the benchmark commands: server time of requests, p50/p95.

Two reference pages are measured in the same run as the page under test:
- the login page (anonymous: no session, no query), the baseline the issues name;
- the change-password page, signed in: the cheapest page a signed-in user can open (session,
  user and membership lookups and the shell, no data). No signed-in page can be faster than
  it, so it shows how much of a page's time is its own work.
"""

import statistics
from time import perf_counter

from django.test.utils import override_settings

LOGIN_URL = "/accounts/login/"
FLOOR_URL = "/accounts/password/"


def percentiles(samples_ms):
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def time_interleaved(cases, runs: int, warmup: int = 5):
    """{label: (p50, p95)} in ms for cases [(label, client, urls)]; every response must be a 200.

    Requests are interleaved (one of each case per round), so all cases share the machine's
    load. In-process (Django's test client): middleware, queries and rendering, no network.
    DEBUG is off so queries are not logged.
    """
    samples = {label: [] for label, _client, _urls in cases}
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
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


def report_rows(results, login_label, floor_label):
    """One line per case: p50, p95, and p95 as a multiple of the login and signed-in floor pages."""
    login95, floor95 = results[login_label][1], results[floor_label][1]
    lines = [f"{'':<44} {'p50':>8} {'p95':>8}   {'p95/login':>9} {'p95/floor':>9}"]
    for label, (p50, p95) in results.items():
        lines.append(f"{label:<44} {p50:5.1f} ms {p95:5.1f} ms   {p95 / login95:8.2f}x {p95 / floor95:8.2f}x")
    return "\n".join(lines)
