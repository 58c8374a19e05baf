"""Account > Change password: a signed-in user changes their own password and stays signed in."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_shell_links_to_change_password(client, partner_setup):
    client.force_login(partner_setup["viewer"])
    assert reverse("password_change") in client.get("/").content.decode()


def test_change_password_requires_sign_in(client):
    assert client.get(reverse("password_change")).url.startswith(reverse("login"))


def test_a_user_changes_their_password_and_stays_signed_in(client, partner_setup):
    user = partner_setup["finance"]
    client.force_login(user)
    form = {
        "old_password": factories.PASSWORD,
        "new_password1": "Fresh-Pass-2027",
        "new_password2": "Fresh-Pass-2027",
    }
    done = client.post(reverse("password_change"), form, follow=True)
    assert "Your password was changed" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("Fresh-Pass-2027")
    assert client.get("/").status_code == 200  # the session survived (update_session_auth_hash)


def test_a_wrong_old_password_changes_nothing_and_says_why(client, partner_setup):
    user = partner_setup["admin"]
    client.force_login(user)
    form = {"old_password": "wrong", "new_password1": "Fresh-Pass-2027", "new_password2": "Fresh-Pass-2027"}
    page = client.post(reverse("password_change"), form)
    assert page.status_code == 200
    assert "Your old password was entered incorrectly" in page.content.decode()
    user.refresh_from_db()
    assert user.check_password(factories.PASSWORD)


def test_mismatched_new_passwords_are_refused(client, partner_setup):
    client.force_login(partner_setup["admin"])
    form = {
        "old_password": factories.PASSWORD,
        "new_password1": "Fresh-Pass-2027",
        "new_password2": "Other-Pass-2027",
    }
    page = client.post(reverse("password_change"), form)
    assert "didn’t match" in page.content.decode()


def test_a_weak_new_password_is_refused_with_the_validator_message(client, partner_setup):
    user = partner_setup["admin"]
    client.force_login(user)
    form = {"old_password": factories.PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    body = client.post(reverse("password_change"), form).content.decode()
    assert "This password is entirely numeric." in body
    user.refresh_from_db()
    assert user.check_password(factories.PASSWORD)
