"""Revealing a masked contact: one field of one customer, through a POST, audited (who, whom,
which field, when), and the audit visible to the partner's admin only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from customers.models import ContactReveal

pytestmark = pytest.mark.django_db


def test_a_reveal_answers_the_one_field_and_records_who_whom_which_and_when(client, partner_setup, customers):
    own = customers["own"]
    client.force_login(partner_setup["sales"])
    before = timezone.now()
    response = client.post(
        reverse("customers:reveal", args=[own.pk, "mobile"]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "13812345678" in body and "alice@example.com" not in body
    reveal = ContactReveal.objects.get()
    assert (reveal.actor, reveal.customer, reveal.field, reveal.partner) == (
        partner_setup["sales"], own, "mobile", partner_setup["distributor"],
    )  # fmt: skip
    assert before <= reveal.at <= timezone.now()


def test_without_javascript_the_reveal_is_a_page_and_is_audited_too(client, partner_setup, customers):
    client.force_login(partner_setup["admin"])
    response = client.post(reverse("customers:reveal", args=[customers["own"].pk, "email"]))
    assert response.status_code == 200 and "alice@example.com" in response.content.decode()
    assert ContactReveal.objects.get().field == "email"


def test_a_reveal_must_be_a_post(client, partner_setup, customers):
    client.force_login(partner_setup["admin"])
    assert client.get(reverse("customers:reveal", args=[customers["own"].pk, "mobile"])).status_code == 405
    assert not ContactReveal.objects.exists()


def test_refused_reveals_are_not_recorded(client, partner_setup, customers):
    client.force_login(partner_setup["viewer"])
    assert client.post(reverse("customers:reveal", args=[customers["own"].pk, "mobile"])).status_code == 403
    client.force_login(partner_setup["admin"])
    assert (
        client.post(reverse("customers:reveal", args=[customers["rivals"].pk, "mobile"])).status_code == 404
    )
    assert not ContactReveal.objects.exists()


def test_the_partner_admin_sees_the_audit_and_nobody_else_does(client, partner_setup, customers):
    client.force_login(partner_setup["sales"])
    client.post(reverse("customers:reveal", args=[customers["own"].pk, "mobile"]))
    client.force_login(partner_setup["rival_admin"])
    client.post(reverse("customers:reveal", args=[customers["rivals"].pk, "mobile"]))

    client.force_login(partner_setup["admin"])
    audit = client.get(reverse("customers:reveals")).content.decode()
    assert audit.count('data-testid="reveal-row"') == 1
    assert partner_setup["sales"].username in audit and "杭州星海科技有限公司" in audit and "Mobile" in audit
    assert "Rival Customer" not in audit
    page = client.get(reverse("customers:customer", args=[customers["own"].pk])).content.decode()
    assert f"{partner_setup['sales'].username} revealed the Mobile" in page
    for role in ("sales", "finance", "viewer"):
        client.force_login(partner_setup[role])
        assert client.get(reverse("customers:reveals")).status_code == 403


def test_the_audit_is_append_only(partner_setup, customers):
    reveal = ContactReveal.objects.create(
        partner=partner_setup["distributor"],
        customer=customers["own"],
        actor=partner_setup["admin"],
        field="mobile",
    )
    with pytest.raises(ValueError, match="append-only"):
        reveal.save()
    with pytest.raises(ValueError, match="append-only"):
        ContactReveal.objects.all().delete()
