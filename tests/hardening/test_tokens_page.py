"""Account › API tokens: the same tokens the API lists, each revocable from the page."""

import pytest
from django.urls import reverse
from knox.models import AuthToken

pytestmark = pytest.mark.django_db


def token_for(user):
    return AuthToken.objects.create(user=user)[0]


def test_the_owner_sees_and_revokes_their_tokens(client, partner_setup):
    user = partner_setup["finance"]
    mine, colleague = token_for(user), token_for(partner_setup["admin"])
    client.force_login(user)
    page = client.get(reverse("api_tokens")).content.decode()
    assert f'data-token="{mine.token_key}"' in page and colleague.token_key not in page
    assert reverse("api_tokens") in client.get("/").content.decode()  # in the account menu

    answer = client.post(reverse("api_token_revoke", args=[mine.token_key]), follow=True)
    assert "was revoked" in answer.content.decode()
    assert not AuthToken.objects.filter(token_key=mine.token_key).exists()


def test_the_partner_admin_revokes_its_users_tokens_but_not_another_partners(client, partner_setup):
    finance, rival = token_for(partner_setup["finance"]), token_for(partner_setup["rival_admin"])
    client.force_login(partner_setup["admin"])
    page = client.get(reverse("api_tokens")).content.decode()
    assert finance.token_key in page and rival.token_key not in page

    answer = client.post(reverse("api_token_revoke", args=[rival.token_key]), follow=True)
    assert "No such API token." in answer.content.decode()
    assert AuthToken.objects.filter(token_key=rival.token_key).exists()
    client.post(reverse("api_token_revoke", args=[finance.token_key]))
    assert not AuthToken.objects.filter(token_key=finance.token_key).exists()


def test_revoking_needs_a_post(client, partner_setup):
    token = token_for(partner_setup["admin"])
    client.force_login(partner_setup["admin"])
    assert client.get(reverse("api_token_revoke", args=[token.token_key])).status_code == 405
    assert AuthToken.objects.filter(token_key=token.token_key).exists()
