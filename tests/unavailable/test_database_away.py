"""While the database is unreachable, a page answers our 503 page in the partner's language and
the API a JSON 503, never a traceback or Django's 500; once it is back, the same client works
again without a restart (the broken connection is dropped, the next request opens a new one)."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)  # the test closes and reopens the connection
ZH = {"Accept-Language": "zh-Hans"}


@pytest.fixture
def database_away():
    """Point the default connection at a port nothing listens on (SQLite: a file it cannot open)."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/db.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")

    def back():
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)

    yield back
    back()


@pytest.fixture
def signed_in(partner_setup):
    browser = Client(raise_request_exception=False)
    browser.force_login(partner_setup["admin"])
    return browser


def assert_our_503_page(response):
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert 'data-testid="error-page" data-status="503"' in body
    assert "briefly unavailable while we reconnect to our database" in body
    assert "check first whether it was saved" in body
    assert "Traceback" not in body and "OperationalError" not in body
    # its inline styles (it renders without static files) are admitted by the CSP, by hash
    assert "'sha256-" in response["Content-Security-Policy"].split("style-src", 1)[1].split(";")[0]


def test_a_page_is_our_503_page_while_the_database_is_away(signed_in, database_away):
    """The signed-in user is read in a middleware: Django's handler500 answers, with our 503."""
    assert_our_503_page(signed_in.get(reverse("incentives:summary")))


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_signing_in_is_our_503_page_while_the_database_is_away(partner_setup, database_away, settings, debug):
    """The view reads the database: the middleware answers, under DEBUG too (`make run`)."""
    settings.DEBUG = debug
    browser = Client(raise_request_exception=False)
    credentials = {"username": partner_setup["admin"].username, "password": "x"}
    assert_our_503_page(browser.post(reverse("login"), credentials))


def test_the_503_page_is_in_chinese_for_a_chinese_browser(signed_in, database_away):
    response = signed_in.get(reverse("incentives:details"), headers=ZH)
    body = response.content.decode()
    assert response.status_code == 503 and '<html lang="zh-Hans">' in body
    assert "暂时无法访问" in body and "reconnect" not in body


def test_an_api_call_is_a_json_503_while_the_database_is_away(signed_in, database_away):
    response = signed_in.get("/api/v1/statements/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "The service is temporarily unavailable. Please retry."}


def test_htmx_gets_the_message_alone(signed_in, database_away):
    response = signed_in.get(reverse("incentives:summary"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 503 and "<html" not in body and "data-error-message" in body


def test_the_portal_answers_again_once_the_database_is_back(signed_in, database_away):
    assert signed_in.get(reverse("incentives:summary")).status_code == 503
    database_away()  # the database is back
    assert signed_in.get(reverse("incentives:summary")).status_code == 200
