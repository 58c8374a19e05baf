"""Brute-force protection (django-axes): after LOGIN_FAILURE_LIMIT failed sign-ins for one
username, or from one address, even the right password is refused for the lockout's length,
on the sign-in page, the admin's and the API token endpoint, with a message saying why; an
operator unlocks in the admin."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from customers.lockout import lockout_message
from incentives.operators import ensure_operators_group
from tests import factories

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"


@pytest.fixture
def no_throttle(monkeypatch):
    """Only the lockout answers here (the throttle has its own test below)."""
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth_token": "1000/min"})


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_thirty_wrong_passwords_then_the_right_one_is_refused_on_the_sign_in_page(client, partner_setup):
    user = partner_setup["admin"]
    answers = [sign_in(client, user.username, f"wrong-{n}").status_code for n in range(30)]
    assert answers[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(answers[settings.AXES_FAILURE_LIMIT :]) == {429}

    page = sign_in(client, user.username, factories.PASSWORD)
    assert page.status_code == 429
    assert lockout_message() in page.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still signed out


def test_thirty_wrong_passwords_then_the_right_one_is_refused_on_the_token_endpoint(
    partner_setup, no_throttle
):
    user = partner_setup["admin"]
    api = APIClient()
    answers = [
        api.post(TOKEN, {"username": user.username, "password": f"x{n}"}).status_code for n in range(30)
    ]
    assert answers[0] == 400 and answers[-1] == 429
    refused = api.post(TOKEN, {"username": user.username, "password": factories.PASSWORD})
    assert refused.status_code == 429
    assert refused.json() == {"detail": lockout_message(), "code": "locked_out"}
    assert "token" not in refused.json()


def test_one_address_is_locked_out_whichever_usernames_it_tries(client, partner_setup):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"nobody-{n}", "guess", address="10.9.9.9")
    other = partner_setup["finance"]
    assert sign_in(client, other.username, factories.PASSWORD, address="10.9.9.9").status_code == 429
    # the same user from another address is not affected by that address's lockout
    assert sign_in(client, other.username, factories.PASSWORD, address="10.1.1.1").status_code == 302


def test_one_username_is_locked_out_from_every_address(client, partner_setup):
    user = partner_setup["sales"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "guess", address=f"10.2.0.{n}")
    assert sign_in(client, user.username, factories.PASSWORD, address="10.3.0.1").status_code == 429


def test_fewer_failures_than_the_limit_do_not_lock_and_a_success_starts_from_zero(client, partner_setup):
    user = partner_setup["viewer"]
    for _round in range(2):
        for n in range(settings.AXES_FAILURE_LIMIT - 1):
            assert sign_in(client, user.username, f"w{n}").status_code == 200
        assert sign_in(client, user.username, factories.PASSWORD).status_code == 302
        client.post(reverse("logout"))


def test_the_admin_sign_in_is_locked_out_too(client, db):
    factories.UserFactory(username="op", is_staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "op", "password": f"w{n}"})
    page = client.post("/admin/login/", {"username": "op", "password": factories.PASSWORD})
    assert page.status_code == 429 and lockout_message() in page.content.decode()


def test_an_operator_unlocks_in_the_admin(client, partner_setup):
    user = partner_setup["admin"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, f"w{n}")
    assert sign_in(client, user.username, factories.PASSWORD).status_code == 429

    operator = factories.UserFactory(username="operator", is_staff=True)
    operator.groups.add(ensure_operators_group())
    staff = type(client)()
    staff.force_login(operator)
    listing = staff.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and user.username in listing.content.decode()
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    answer = staff.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert answer.status_code == 302
    assert not AccessAttempt.objects.exists()

    assert sign_in(client, user.username, factories.PASSWORD).status_code == 302


def test_the_lockout_message_reads_in_chinese(client, partner_setup):
    with translation.override("zh-hans"):
        chinese = lockout_message()
    assert chinese != lockout_message() and "分钟" in chinese


def test_the_token_endpoint_is_throttled_per_address(partner_setup, settings):
    settings.AXES_ENABLED = False  # the throttle alone (the lockout would answer first)
    api = APIClient()
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["auth_token"].split("/")[0])
    answers = [api.post(TOKEN, {"username": f"u{n}", "password": "x"}).status_code for n in range(limit)]
    assert answers == [400] * limit
    throttled = api.post(TOKEN, {"username": partner_setup["admin"].username, "password": factories.PASSWORD})
    assert throttled.status_code == 429 and "Retry-After" in throttled
    other = APIClient(REMOTE_ADDR="10.4.4.4")  # another address has its own allowance
    assert other.post(TOKEN, {"username": "u", "password": "x"}).status_code == 400


def test_export_creation_is_throttled_per_user(partner_setup, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"export_create": "2/min"})
    api = APIClient()
    api.force_authenticate(partner_setup["admin"])
    answers = [
        api.post("/api/v1/exports/", {"method": "period"}, format="json").status_code for _ in range(3)
    ]
    assert answers[:2] != [429, 429] and answers[2] == 429
    assert api.get("/api/v1/exports/").status_code == 200  # reading is not throttled


def test_behind_trusted_proxies_the_client_address_is_the_one_they_saw(settings, rf):
    from customers.lockout import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"  # no proxy trusted: a client's header counts for nothing
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # the balancer's entry, not the spoofable first one
