"""Two gunicorn processes on loopback share sessions through Redis, as web=3 in compose does:
signed in on one is signed in on the other, and signed out on one is signed out on both."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import redis

from tests.conftest import _skip_or_fail
from tests.factories import PASSWORD
from tests.workers import ROOT, worker_env

pytestmark = pytest.mark.django_db(transaction=True)
METRICS_TOKEN = "scrape-" + "m" * 40
CACHE_URL = os.environ.get("TEST_SHARED_CACHE_URL", "redis://127.0.0.1:6379/3")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def shared_cache():
    client = redis.Redis.from_url(CACHE_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        _skip_or_fail(f"needs Redis at {CACHE_URL}")
    client.flushdb()
    yield CACHE_URL
    client.flushdb()


@pytest.fixture
def two_web_processes(shared_cache, tmp_path):
    env = worker_env(tmp_path, CACHE_URL=shared_cache, DJANGO_DEBUG="true", METRICS_TOKEN=METRICS_TOKEN)
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [
                Path(sys.executable).with_name("gunicorn"),
                "partner_center.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for port in ports
    ]
    try:
        for port in ports:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


class Browser:
    """A cookie jar and no redirect following: the answer's own status and Location."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def open(self, url: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", "")

    def sign_in(self, base: str, username: str) -> int:
        _, page = self.open(f"{base}/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.open(
            f"{base}/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        return status

    def csrf_token(self) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")


def test_a_session_started_on_one_web_process_is_valid_on_the_other_and_ends_on_both(
    two_web_processes, partner_setup
):
    first, second = two_web_processes
    browser = Browser()

    assert browser.sign_in(first, partner_setup["admin"].username) == 302
    assert browser.open(f"{second}/incentives/summary/")[0] == 200

    session = next(cookie for cookie in browser.jar if cookie.name == "sessionid")
    status, _ = browser.open(f"{second}/accounts/logout/", {"csrfmiddlewaretoken": browser.csrf_token()})
    assert status == 302
    browser.jar.set_cookie(session)  # replay the old cookie: the first process must have forgotten it
    status, location = browser.open(f"{first}/incentives/summary/")
    assert status == 302 and location.startswith("/accounts/login/")


def test_a_gunicorn_process_serves_the_metrics_of_its_workers(two_web_processes, partner_setup):
    first, _ = two_web_processes
    browser = Browser()
    browser.sign_in(first, partner_setup["admin"].username)
    for _ in range(3):
        browser.open(f"{first}/incentives/summary/")
    request = urllib.request.Request(f"{first}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read().decode()
    # gunicorn.conf.py: the workers write to a shared folder (prometheus_client's multiprocess mode)
    match = re.search(
        r"django_http_requests_latency_seconds_by_view_method_count"
        r'\{[^}]*view="incentives:summary"[^}]*\} (\S+)',
        body,
    )
    assert match and float(match.group(1)) == 3
