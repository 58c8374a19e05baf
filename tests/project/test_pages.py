from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from incentives.operators import ensure_operators_group
from partner_center.navigation import INCENTIVE_MANAGEMENT_MENU
from tests import factories

pytestmark = pytest.mark.django_db


def test_login_page_renders_a_sign_in_form(client):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="username"' in body and 'name="password"' in body and "csrfmiddlewaretoken" in body


def test_wrong_password_shows_a_message_and_signs_nobody_in(client, partner_setup):
    page = client.post(reverse("login"), {"username": partner_setup["admin"].username, "password": "nope"})
    assert page.status_code == 200
    assert "Please enter a correct username and password" in page.content.decode()
    assert client.get("/").status_code == 302


def test_signing_in_lands_in_the_partner_center_shell(client, partner_setup):
    user = partner_setup["admin"]
    page = client.post(
        reverse("login"), {"username": user.username, "password": factories.PASSWORD}, follow=True
    )
    body = page.content.decode()
    assert page.request["PATH_INFO"] == "/"
    for crumb in ("Sales", "Incentives", "Incentive Management"):
        assert crumb in body
    assert "Distributor Co" in body


def test_pages_require_sign_in(client):
    assert client.get("/").url.startswith(reverse("login"))


def test_user_outside_any_partner_gets_a_clear_page(client):
    client.force_login(factories.UserFactory(username="lonely"))
    page = client.get("/")
    assert page.status_code == 403
    assert "not a member of any partner" in page.content.decode()


def test_menu_shows_only_pages_that_exist_and_every_link_works(client, partner_setup):
    client.force_login(partner_setup["viewer"])
    menu = client.get("/").context["incentive_menu"]
    links = [item["url"] for section in menu for item in section["items"]]
    assert links, "the menu must not be empty"
    for url in links:
        assert client.get(url).status_code == 200, url
    defined = [name for _title, entries in INCENTIVE_MANAGEMENT_MENU for name, _label in entries]
    assert len(links) <= len(defined)


@pytest.fixture
def operator(db):
    user = factories.UserFactory(username="operator", is_staff=True)
    user.groups.add(ensure_operators_group())
    return user


def test_operator_sees_every_model_changelist(client, operator, partner_setup):
    factories.bill(partner_setup["distributor"])
    client.force_login(operator)
    for model in admin.site._registry:
        if model._meta.app_label not in {"customers", "incentives"}:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("staff", ["operator", "superuser"])
def test_bill_status_and_money_are_read_only_in_the_admin(client, operator, partner_setup, staff):
    """Even a superuser, who may edit a bill's other fields, cannot touch its figures or status."""
    user = operator if staff == "operator" else factories.UserFactory(is_staff=True, is_superuser=True)
    statement = factories.bill(partner_setup["distributor"])
    client.force_login(user)
    url = reverse("admin:incentives_statement_change", args=[statement.pk])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    for figure in ("status", "total", "incentive_count"):  # the Summary pages by incentive_count
        assert f'name="{figure}"' not in body
    client.post(url, {"status": "issued", "total": "1.00", "incentive_count": "99"})
    statement.refresh_from_db()
    assert (statement.status, statement.total, statement.incentive_count) == (
        "estimated",
        Decimal("50.00"),
        1,
    )


def test_audit_trail_is_read_only_for_everyone_in_the_admin(client, partner_setup):
    factories.bill(partner_setup["distributor"])
    superuser = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(reverse("admin:incentives_statementevent_add")).status_code == 403


def test_staff_user_outside_the_operators_group_sees_no_bills(client):
    client.force_login(factories.UserFactory(username="intern", is_staff=True))
    assert client.get(reverse("admin:incentives_statement_changelist")).status_code == 403
