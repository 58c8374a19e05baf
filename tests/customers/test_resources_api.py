"""Customers' resources in the API: the resources page's filters over every customer of the
partner, keyset pages with the count, one resource; another partner's resource is a 404."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from customers.models import Resource

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def make(customer, service, mode, expiry_in=None, region="cn-north-4", spend="123.45", auto_renew=False):
    today = timezone.localdate()
    return Resource.objects.create(
        partner_id=customer.partner_id, customer=customer, service=service, specification="s6.large.2",
        region=region, billing_mode=mode, start=today - timedelta(days=100), monthly_spend=Decimal(spend),
        expiry=None if expiry_in is None else today + timedelta(days=expiry_in), auto_renew=auto_renew,
    )  # fmt: skip


@pytest.fixture
def resources(customers):
    own, other = customers["own"], customers["own_other"]
    return {
        "ppu": make(own, "ECS", "pay_per_use"),
        "soon": make(own, "ECS", "yearly_monthly", 3, auto_renew=True),
        "east": make(own, "RDS", "yearly_monthly", 10, region="cn-east-3"),
        "later": make(other, "OBS", "yearly_monthly", 25, spend="0.10"),
        "far": make(other, "CCE", "yearly_monthly", 90),
        "resellers": make(customers["resellers"], "ECS", "yearly_monthly", 5),
        "rivals": make(customers["rivals"], "ECS", "yearly_monthly", 5),
    }


def ids(answer):
    return [row["id"] for row in answer.json()["results"]]


def test_the_list_holds_the_partners_own_customers_resources_with_every_field(
    partner_setup, customers, resources
):
    answer = api(partner_setup["admin"]).get("/api/v1/resources/")
    assert answer.status_code == 200
    body = answer.json()
    own = [resources[key].pk for key in ("ppu", "soon", "east", "later", "far")]
    assert body["count"] == 5 and ids(answer) == own
    soon = next(row for row in body["results"] if row["id"] == resources["soon"].pk)
    expiry = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert soon == {
        "id": resources["soon"].pk, "customer": customers["own"].pk, "customer_name": "杭州星海科技有限公司",
        "customer_account": "hwc_own_001", "service": "ECS", "specification": "s6.large.2",
        "region": "cn-north-4", "billing_mode": "yearly_monthly",
        "start": (timezone.localdate() - timedelta(days=100)).isoformat(), "expiry": expiry,
        "expires_in_days": 3, "auto_renew": True, "monthly_spend": "123.45",
    }  # fmt: skip
    ppu = next(row for row in body["results"] if row["id"] == resources["ppu"].pk)
    assert ppu["expiry"] is None and ppu["expires_in_days"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"billing_mode": "pay_per_use"}, ["ppu"]),
        ({"service": "ecs"}, ["ppu", "soon"]),
        ({"region": "east"}, ["east"]),
        ({"due_within": "7"}, ["soon"]),
        ({"due_within": "15"}, ["soon", "east"]),
        ({"due_within": "30"}, ["soon", "east", "later"]),
        ({"customer_account": "HWC_OWN_002"}, ["later", "far"]),
        ({"due_within": "30", "customer_account": "hwc_own_002"}, ["later"]),
    ],
)
def test_the_pages_filters(partner_setup, customers, resources, params, expected):
    answer = api(partner_setup["admin"]).get("/api/v1/resources/", params)
    assert ids(answer) == [resources[key].pk for key in expected]
    assert answer.json()["count"] == len(expected)


def test_a_customer_filter_and_bad_values(partner_setup, customers, resources):
    client = api(partner_setup["admin"])
    assert ids(client.get("/api/v1/resources/", {"customer": customers["own_other"].pk})) == [
        resources["later"].pk,
        resources["far"].pk,
    ]
    assert ids(client.get("/api/v1/resources/", {"customer": customers["rivals"].pk})) == []
    assert client.get("/api/v1/resources/", {"due_within": "8"}).status_code == 400
    assert client.get("/api/v1/resources/", {"billing_mode": "monthly"}).status_code == 400
    assert client.get("/api/v1/resources/", {"page_size": "0"}).status_code == 400


def test_keyset_pages_and_the_count(partner_setup, customers, resources):
    client = api(partner_setup["admin"])
    first = client.get("/api/v1/resources/", {"page_size": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["count"] == 5 and [r["id"] for r in second["results"]] == [
        resources["east"].pk,
        resources["later"].pk,
    ]
    last = client.get("/api/v1/resources/", {"page_size": 2, "last": 1}).json()
    assert [r["id"] for r in last["results"]] == [resources["later"].pk, resources["far"].pk]
    assert client.get("/api/v1/resources/", {"after": resources["far"].pk}).status_code == 404


def test_the_count_stops_at_its_limit_and_says_so(partner_setup, customers, resources, monkeypatch):
    from customers.api import resources as api_module

    client = api(partner_setup["admin"])
    assert client.get("/api/v1/resources/").json()["count_is_exact"] is True
    monkeypatch.setattr(api_module, "COUNT_LIMIT", 3)  # 5 resources match
    body = client.get("/api/v1/resources/", {"page_size": 2}).json()
    assert (body["count"], body["count_is_exact"], len(body["results"])) == (3, False, 2)
    narrowed = client.get("/api/v1/resources/", {"customer_account": "hwc_own_002"}).json()
    assert narrowed["count_is_exact"] is True and narrowed["count"] == len(narrowed["results"])


def test_one_resource_and_another_partners_is_a_404(partner_setup, customers, resources):
    client = api(partner_setup["admin"])
    answer = client.get(f"/api/v1/resources/{resources['east'].pk}/")
    assert answer.status_code == 200 and answer.json()["region"] == "cn-east-3"
    assert client.get(f"/api/v1/resources/{resources['rivals'].pk}/").status_code == 404
    # a reseller's customer's resource is the reseller's, not its distributor's
    assert client.get(f"/api/v1/resources/{resources['resellers'].pk}/").status_code == 404
    reseller = api(partner_setup["reseller_admin"])
    assert ids(reseller.get("/api/v1/resources/")) == [resources["resellers"].pk]
    assert reseller.get(f"/api/v1/resources/{resources['east'].pk}/").status_code == 404
    assert client.get("/api/v1/resources/99999999999999999999/").status_code == 404


def test_a_sales_user_sees_only_the_resources_of_their_customers(partner_setup, customers, resources):
    """Li Wei manages hwc_own_001; hwc_own_002 is Emily Carter's: its resources are a 404 to him."""
    sales = api(partner_setup["sales"])
    mine = [resources[key].pk for key in ("ppu", "soon", "east")]
    answer = sales.get("/api/v1/resources/")
    assert ids(answer) == mine and answer.json()["count"] == 3
    assert sales.get(f"/api/v1/resources/{resources['later'].pk}/").status_code == 404
    assert ids(sales.get("/api/v1/resources/", {"customer_account": "hwc_own_002"})) == []


@pytest.mark.parametrize(("role", "status"), [("finance", 403), ("viewer", 403), ("sales", 200)])
def test_roles(partner_setup, customers, resources, role, status):
    assert api(partner_setup[role]).get("/api/v1/resources/").status_code == status
    assert api(partner_setup[role]).get(f"/api/v1/resources/{resources['soon'].pk}/").status_code == status
    assert APIClient().get("/api/v1/resources/").status_code in (401, 403)


def test_the_schema_documents_the_resources_api(partner_setup):
    schema = api(partner_setup["admin"]).get("/api/schema/", {"format": "json"}).json()
    listing = schema["paths"]["/api/v1/resources/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert {
        "billing_mode",
        "service",
        "region",
        "due_within",
        "customer",
        "customer_account",
        "after",
    } <= names
    assert "/api/v1/resources/{id}/" in schema["paths"]
    fields = schema["components"]["schemas"]["Resource"]["properties"]
    assert {"service", "specification", "region", "start", "expiry", "auto_renew", "monthly_spend"} <= set(
        fields
    )
    assert "billing_mode" in fields
