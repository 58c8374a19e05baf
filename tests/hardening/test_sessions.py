"""The idle timeout: a signed-in session unused for SESSION_IDLE_SECONDS has ended; using it
slides the end, saved at most once per SESSION_REFRESH_SECONDS (a signed-in page still costs
one query, tests/customers/test_auth.py); the page carries the warning's figures."""

import re
import time

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def short(settings):
    settings.SESSION_COOKIE_AGE = 3
    settings.SESSION_REFRESH_SECONDS = 1
    return settings


def test_the_default_idle_timeout_is_two_hours_not_fourteen_days(settings):
    assert settings.SESSION_IDLE_SECONDS == settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert settings.SESSION_WARNING_SECONDS == 5 * 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST  # the expiry slides without a write per request


def test_a_session_unused_for_the_idle_timeout_has_ended(client, partner_setup, short):
    client.force_login(partner_setup["admin"])
    assert client.get("/").status_code == 200
    time.sleep(3.5)
    answer = client.get("/")
    assert answer.status_code == 302 and answer.url.startswith(reverse("login"))


def test_using_the_session_slides_its_end(client, partner_setup, short):
    client.force_login(partner_setup["admin"])
    for _ in range(3):  # 4.5 s in all, longer than the 3 s timeout, but never 3 s unused
        time.sleep(1.5)
        assert client.get("/").status_code == 200
    cookie = client.cookies["sessionid"]
    assert int(cookie["max-age"]) == 3


def test_a_request_soon_after_the_last_save_writes_no_session(
    client, partner_setup, settings, django_assert_num_queries
):
    client.force_login(partner_setup["admin"])
    client.get("/")
    with django_assert_num_queries(1):  # the user; no session read or write
        client.get(reverse("password_change"))


def test_signed_in_pages_carry_the_warning_and_anonymous_ones_do_not(client, partner_setup, settings):
    assert 'data-testid="session-timeout"' not in client.get(reverse("login")).content.decode()
    client.force_login(partner_setup["admin"])
    page = client.get("/").content.decode()
    left = int(re.search(r'data-left="(\d+)"', page).group(1))
    assert settings.SESSION_COOKIE_AGE - 5 <= left <= settings.SESSION_COOKIE_AGE
    assert f'data-warning="{settings.SESSION_WARNING_SECONDS}"' in page
    assert "Stay signed in" in page


def test_stay_signed_in_slides_the_end_and_says_401_once_it_has_ended(client, partner_setup, short):
    url = reverse("session_keep_alive")
    client.force_login(partner_setup["admin"])
    time.sleep(2)
    assert client.post(url).status_code == 204
    time.sleep(2)  # 4 s after signing in: alive only because of the keep-alive
    assert client.get("/").status_code == 200
    assert client.get(url).status_code == 405
    time.sleep(3.5)
    assert client.post(url).status_code == 401


def test_the_warning_reads_in_chinese(client, partner_setup):
    client.force_login(partner_setup["admin"])
    page = client.get("/", headers={"Accept-Language": "zh-CN"}).content.decode()
    assert "保持登录" in page and "Stay signed in" not in page
