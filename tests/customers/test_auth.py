"""Signed-in requests: the session comes from the cache, the user with membership and partner."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_costs_one_query_for_session_user_membership_and_partner(
    client, partner_setup, django_assert_num_queries
):
    client.force_login(partner_setup["admin"])
    with django_assert_num_queries(1):
        page = client.get(reverse("password_change"))
    assert "Distributor Co" in page.content.decode()  # the shell shows the partner: no extra query


def test_a_user_outside_any_partner_still_gets_the_clear_page(client):
    client.force_login(factories.UserFactory(username="staffer"))
    assert client.get("/").status_code == 403


def test_a_deactivated_user_is_signed_out_at_the_next_request(client, partner_setup):
    user = partner_setup["finance"]
    client.force_login(user)
    user.is_active = False
    user.save()
    assert client.get("/").url.startswith(reverse("login"))


def test_signing_out_ends_the_session_even_though_it_is_cached(client, partner_setup):
    client.force_login(partner_setup["viewer"])
    cookie = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    client.cookies["sessionid"] = cookie  # replay the old cookie
    assert client.get("/").url.startswith(reverse("login"))
