"""The scoping matrix over pages and API: distributor / reseller / unrelated partner x admin /
finance / sales supervisor / sales with a supervisor / sales without one / viewer. Each sees
exactly the customers, lines and figures of the customers they may see; another manager's
customer or line, and another partner's, is a 404."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from customers.capabilities import Capability, role_can
from partner_center.formatting import money
from tests.scoping.conftest import CASE_IDS, CASES, PARTNERS, amount_seen, seen

pytestmark = pytest.mark.django_db


def _role(role: str) -> str:
    return "sales" if role in ("lead", "rep", "solo") else role


def _others(scoped, key):
    return [other for other in PARTNERS if other != key]


@pytest.mark.parametrize(("key", "role"), CASES, ids=CASE_IDS)
def test_customer_pages_and_api(client, scoped, key, role):
    world = scoped[key]
    user = world["users"][role]
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    if not role_can(_role(role), Capability.MANAGE_CUSTOMERS):
        assert client.get(reverse("customers:list")).status_code == 403
        assert api.get("/api/v1/customers/").status_code == 403
        return
    page = client.get(reverse("customers:list")).content.decode()
    listed = {row["account"] for row in api.get("/api/v1/customers/").json()["results"]}
    assert listed == {f"{key}_{who}" for who in seen(role)}
    for who, customer in world["customers"].items():
        visible = who in seen(role)
        assert (customer.account in page) is visible, who
        assert client.get(reverse("customers:customer", args=[customer.pk])).status_code == (
            200 if visible else 404
        )
        assert client.get(reverse("customers:resources", args=[customer.pk])).status_code == (
            200 if visible else 404
        )
        assert api.get(f"/api/v1/customers/{customer.pk}/").status_code == (200 if visible else 404)
    for other in _others(scoped, key):
        # a distributor's admin opens its reseller's customers as sub-customers (basic information)
        expected = 200 if key == "distributor" and other == "reseller" and role == "admin" else 404
        for customer in scoped[other]["customers"].values():
            assert api.get(f"/api/v1/customers/{customer.pk}/").status_code == expected
            assert client.get(reverse("customers:customer", args=[customer.pk])).status_code == expected


@pytest.mark.parametrize("role", ["admin", "lead", "rep", "solo"])
def test_sub_customers_are_the_distributors_admins_only(client, scoped, role):
    client.force_login(scoped["distributor"]["users"][role])
    page = client.get(reverse("customers:sub_customers")).content.decode()
    for customer in scoped["reseller"]["customers"].values():
        assert (customer.account in page) is (role == "admin")


@pytest.mark.parametrize(("key", "role"), CASES, ids=CASE_IDS)
def test_details_page_and_api(client, scoped, key, role):
    world = scoped[key]
    user = world["users"][role]
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    page = client.get(reverse("incentives:details"), {"period": "2026-10"})
    assert page.status_code == 200
    html = page.content.decode()
    assert page.context["totals"].count == len(seen(role)) and page.context["totals"].amount == amount_seen(
        role
    )
    assert ('data-testid="figures-own"' in html) is (_role(role) == "sales")
    body = api.get("/api/v1/details/", {"period": "2026-10"}).json()
    assert body["count"] == len(seen(role)) and body["total_amount"] == str(amount_seen(role))
    assert {row["customer_account"] for row in body["results"]} == {f"{key}_{who}" for who in seen(role)}
    for who, line in world["lines"].items():
        status = 200 if who in seen(role) else 404
        assert client.get(reverse("incentives:detail_line", args=[line.pk])).status_code == status
        assert api.get(f"/api/v1/details/{line.pk}/").status_code == status
        assert (line.order_id in html) is (who in seen(role))
    for other in _others(scoped, key):
        for line in scoped[other]["lines"].values():
            assert client.get(reverse("incentives:detail_line", args=[line.pk])).status_code == 404
            assert api.get(f"/api/v1/details/{line.pk}/").status_code == 404
    # the account-manager filter cannot reach past the user's own customers
    other = api.get("/api/v1/details/", {"period": "2026-10", "account_manager": "Someone Else"}).json()
    assert other["count"] == (1 if _role(role) != "sales" else 0)


@pytest.mark.parametrize(("key", "role"), CASES, ids=CASE_IDS)
def test_summary_overview_and_incentive_figures(client, scoped, key, role):
    world = scoped[key]
    user = world["users"][role]
    incentive, bill = world["incentive"], world["bill"]
    expected = amount_seen(role)
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    own = _role(role) == "sales"

    summary = client.get(reverse("incentives:summary"))
    assert summary.context["totals"] == [{"currency": bill.currency, "count": 1, "total": expected}]
    assert [row["amount"] for row in summary.context["rows"]] == [money(expected)]
    assert ('data-testid="figures-own"' in summary.content.decode()) is own
    home = client.get(reverse("home"))
    assert [s.shown_total for s in home.context["statements"]] == [expected]
    page = client.get(reverse("incentives:incentive", args=[incentive.incentive_id]))
    assert page.context["incentive"].shown_amount == expected
    assert page.context["lines_total"]["amount"] == expected and page.context["lines_total"]["lines"] == len(
        seen(role)
    )

    listed = api.get("/api/v1/incentives/").json()["results"]
    assert [(row["incentive_id"], row["amount"]) for row in listed] == [
        (incentive.incentive_id, str(expected))
    ]
    detail = api.get(f"/api/v1/incentives/{incentive.incentive_id}/").json()
    assert detail["amount"] == str(expected) and detail["calculation"]["amount"] == str(expected)
    statement = api.get(f"/api/v1/statements/{bill.pk}/").json()
    assert statement["total"] == str(expected)
    assert [row["amount"] for row in statement["incentives"]] == [str(expected)]
    for other in _others(scoped, key):
        assert api.get(f"/api/v1/statements/{scoped[other]['bill'].pk}/").status_code == 404
        assert api.get(f"/api/v1/incentives/{scoped[other]['incentive'].incentive_id}/").status_code == 404


@pytest.mark.parametrize(("key", "role"), CASES, ids=CASE_IDS)
def test_incentive_dashboard(client, scoped, key, role):
    client.force_login(scoped[key]["users"][role])
    page = client.get(reverse("dashboards:incentives"), {"year": 2026})
    assert page.status_code == 200
    assert page.context["figures"].total == amount_seen(role)
    managers = {value for value, _label in page.context["form"].fields["manager"].choices if value}
    names = {c.account_manager for who, c in scoped[key]["customers"].items() if who in seen(role)}
    assert managers == names
