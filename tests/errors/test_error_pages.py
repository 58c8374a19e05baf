"""Our own error pages (400, 403, 404, 500) in both languages, also under DEBUG (`make run`),
where Django would show its debug pages with the URL list; an expected 403 or 404 is one log
line without a traceback."""

import logging

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.errors.urls")]
ZH = {"Accept-Language": "zh-Hans"}


@pytest.fixture(params=[False, True], ids=["production", "debug"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def request_records(caplog):
    return [record for record in caplog.records if record.name.startswith("django.")]


def test_another_partners_bill_is_our_404_page_with_one_log_line(client, partner_setup, bills, debug, caplog):
    client.force_login(partner_setup["admin"])
    with caplog.at_level(logging.INFO):
        response = client.get(reverse("incentives:confirm_bill", args=[bills["rival"].pk]))
    body = response.content.decode()
    assert response.status_code == 404
    assert 'data-testid="error-page" data-status="404"' in body
    assert "There is no such page or record in your partner account." in body
    assert "URLconf" not in body and "Statement" not in body and "Partner Center" in body
    [record] = request_records(caplog)
    assert record.getMessage() == f"Not Found: {reverse('incentives:confirm_bill', args=[bills['rival'].pk])}"
    assert record.exc_info is None and record.levelname == "WARNING"


def test_an_unknown_url_is_our_404_page_not_the_url_list(client, partner_setup, debug, caplog):
    client.force_login(partner_setup["admin"])
    with caplog.at_level(logging.INFO):
        response = client.get("/incentives/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404 and 'data-status="404"' in body
    assert "URLconf" not in body and "incentives/summary/" not in body.split("<main", 1)[1]
    [record] = request_records(caplog)
    assert record.exc_info is None


def test_a_missing_slash_still_redirects_under_debug(client, partner_setup, debug):
    client.force_login(partner_setup["admin"])
    assert client.get("/incentives/summary").headers["Location"] == "/incentives/summary/"


def test_a_refused_role_is_our_403_page_with_the_reason_and_one_log_line(
    client, partner_setup, bills, debug, caplog
):
    client.force_login(partner_setup["viewer"])
    with caplog.at_level(logging.INFO):
        response = client.post(reverse("incentives:confirm_bill", args=[bills["distributor"].pk]))
    body = response.content.decode()
    assert response.status_code == 403 and 'data-status="403"' in body
    assert "Your role may not confirm bills; ask your partner&#x27;s admin or finance user." in body
    [record] = request_records(caplog)
    assert record.exc_info is None and record.getMessage().startswith("Forbidden")


def test_permission_denied_is_our_403_page_with_one_line_not_a_traceback(
    client, partner_setup, debug, caplog
):
    client.force_login(partner_setup["admin"])
    with caplog.at_level(logging.INFO):
        response = client.get("/test/denied/")
    assert response.status_code == 403 and 'data-status="403"' in response.content.decode()
    assert "You may not do this." in response.content.decode()
    [record] = request_records(caplog)
    assert record.exc_info is None


def test_a_bad_request_is_our_400_page(client, partner_setup, debug, caplog):
    client.force_login(partner_setup["admin"])
    with caplog.at_level(logging.INFO):
        response = client.get("/test/suspicious/")
    body = response.content.decode()
    assert response.status_code == 400 and 'data-status="400"' in body
    assert "a forged header" not in body and "Traceback" not in body


def test_a_forged_host_header_is_our_400_page_not_a_crash(settings):
    """CommonMiddleware refuses the host before authentication runs: the page has no user.
    (Under DEBUG Django shows its own page for a refused host, before any handler of ours.)"""
    settings.DEBUG, settings.ALLOWED_HOSTS = False, ["portal.example.com"]
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and 'data-status="400"' in response.content.decode()


def test_a_server_error_is_our_500_page_and_its_traceback_is_logged(partner_setup, debug, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(partner_setup["admin"])
    with caplog.at_level(logging.INFO):
        response = client.get("/test/boom/")
    body = response.content.decode()
    assert response.status_code == 500 and 'data-status="500"' in body
    assert "Something went wrong" in body and "the database went away" not in body
    [record] = [r for r in request_records(caplog) if r.levelno >= logging.ERROR]
    assert record.exc_info is not None  # the traceback goes to the console


def test_the_500_page_needs_no_request_and_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Something went wrong" in html and '<html lang="en">' in html


@pytest.mark.parametrize(
    ("url", "chinese"),
    [("/incentives/no-such-page/", "未找到"), ("/test/denied/", "无权操作"), ("/test/boom/", "出错了")],
)
def test_error_pages_speak_the_partners_language(partner_setup, url, chinese, debug):
    client = Client(raise_request_exception=False)
    response = client.get(url, headers=ZH)
    body = response.content.decode()
    assert chinese in body and '<html lang="zh-Hans">' in body
    assert "Not found" not in body and "Something went wrong" not in body


def test_under_htmx_an_error_is_the_message_alone(client, partner_setup, bills, debug):
    client.force_login(partner_setup["admin"])
    response = client.get(
        reverse("incentives:confirm_bill", args=[bills["rival"].pk]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 404 and "<html" not in body and "data-error-message" in body


def test_the_api_answers_errors_as_json(partner_setup, debug):
    client = Client(raise_request_exception=False)
    client.force_login(partner_setup["admin"])
    assert client.get("/api/v1/no-such-thing/").json() == {"detail": "Not found."}
    response = client.get("/api/v1/test/boom/")
    assert response.status_code == 500 and response.json() == {"detail": "Server error."}


def test_django_logs_each_record_once():
    """Django's own "django" console handler would print every record a second time under DEBUG."""
    assert logging.getLogger("django").handlers == []
