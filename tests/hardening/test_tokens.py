"""API tokens (django-rest-knox): each with an expiry, listed and revoked by their owner (and
by the partner's admin for the partner's users), ended by a password change, and DELETE on the
token endpoint signs out."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db
TOKEN = "/api/v1/auth/token/"
TOKENS = "/api/v1/auth/tokens/"


def issue(user):
    answer = APIClient().post(TOKEN, {"username": user.username, "password": factories.PASSWORD})
    assert answer.status_code == 200, answer.content
    return answer.json()


def client_with(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def works(token):
    return client_with(token).get("/api/v1/incentives/").status_code == 200


def test_a_token_comes_with_its_expiry_and_is_refused_once_expired(partner_setup):
    given = issue(partner_setup["admin"])
    expiry = parse_datetime(given["expiry"])
    expected = timezone.now() + settings.REST_KNOX["TOKEN_TTL"]
    assert abs((expiry - expected).total_seconds()) < 60
    assert works(given["token"])
    AuthToken.objects.filter(token_key=given["token_key"]).update(
        expiry=timezone.now() - timedelta(seconds=1)
    )
    assert client_with(given["token"]).get("/api/v1/incentives/").status_code == 401


def test_only_a_hash_of_the_token_is_stored(partner_setup):
    given = issue(partner_setup["admin"])
    stored = AuthToken.objects.get(token_key=given["token_key"])
    assert given["token"] not in (stored.digest, stored.token_key)
    assert given["token"].startswith(stored.token_key)


def test_delete_on_the_token_endpoint_signs_out_that_token_only(partner_setup):
    first, second = issue(partner_setup["admin"]), issue(partner_setup["admin"])
    assert client_with(first["token"]).delete(TOKEN).status_code == 204
    assert not works(first["token"])
    assert works(second["token"])
    assert client_with(first["token"]).delete(TOKEN).status_code == 401
    assert APIClient().delete(TOKEN).status_code == 401


def test_the_owner_lists_their_live_tokens_without_their_secret(partner_setup):
    user = partner_setup["finance"]
    given = issue(user)
    issue(partner_setup["admin"])
    listed = client_with(given["token"]).get(TOKENS)
    assert listed.status_code == 200
    assert [(row["token_key"], row["username"]) for row in listed.json()] == [
        (given["token_key"], user.username)
    ]
    assert given["token"] not in listed.content.decode()
    assert set(listed.json()[0]) == {"token_key", "username", "created", "expiry"}


def test_the_owner_revokes_a_token_by_its_key(partner_setup):
    user = partner_setup["sales"]
    old, current = issue(user), issue(user)
    answer = client_with(current["token"]).delete(f"{TOKENS}{old['token_key']}/")
    assert answer.status_code == 204
    assert not works(old["token"]) and works(current["token"])


def test_the_partner_admin_sees_and_revokes_its_users_tokens_and_nobody_elses(partner_setup):
    admin = issue(partner_setup["admin"])
    finance = issue(partner_setup["finance"])
    rival = issue(partner_setup["rival_admin"])
    reseller = issue(partner_setup["reseller_admin"])

    keys = {row["token_key"] for row in client_with(admin["token"]).get(TOKENS).json()}
    assert keys == {admin["token_key"], finance["token_key"]}
    assert client_with(admin["token"]).delete(f"{TOKENS}{rival['token_key']}/").status_code == 404
    assert client_with(admin["token"]).delete(f"{TOKENS}{reseller['token_key']}/").status_code == 404
    assert works(rival["token"]) and works(reseller["token"])

    assert client_with(admin["token"]).delete(f"{TOKENS}{finance['token_key']}/").status_code == 204
    assert not works(finance["token"])


def test_a_user_who_is_not_the_admin_cannot_revoke_a_colleagues_token(partner_setup):
    admin, finance = issue(partner_setup["admin"]), issue(partner_setup["finance"])
    assert client_with(finance["token"]).delete(f"{TOKENS}{admin['token_key']}/").status_code == 404
    assert works(admin["token"])


def test_changing_the_password_ends_every_token_of_the_user(client, partner_setup):
    user = partner_setup["admin"]
    tokens = [issue(user), issue(user)]
    colleague = issue(partner_setup["finance"])
    client.force_login(user)
    answer = client.post(
        reverse("password_change"),
        {
            "old_password": factories.PASSWORD,
            "new_password1": "N3w-secret-2026!",
            "new_password2": "N3w-secret-2026!",
        },
    )
    assert answer.status_code == 302
    assert not any(works(token["token"]) for token in tokens)
    assert works(colleague["token"])


def test_a_password_set_by_an_operator_ends_the_tokens_too(partner_setup):
    user = partner_setup["viewer"]
    token = issue(user)
    user.set_password("0perator-set-2026")
    user.save()
    assert not works(token["token"])
    fresh = APIClient().post(TOKEN, {"username": user.username, "password": "0perator-set-2026"}).json()
    user.first_name = "Renamed"
    user.save()  # saving without a new password ends nothing
    assert works(fresh["token"])


def test_drf_authtoken_is_gone():
    assert "rest_framework.authtoken" not in settings.INSTALLED_APPS


def test_a_key_that_cannot_be_a_token_is_a_plain_404(partner_setup):
    client = client_with(issue(partner_setup["admin"])["token"])
    for key in ("%00", "a%00b", "x" * 26, "..%2F"):
        assert client.delete(f"{TOKENS}{key}/").status_code == 404, key
