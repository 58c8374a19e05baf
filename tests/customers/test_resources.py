"""A customer's resources: filters, renewals due in 7 / 15 / 30 days, tenancy."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from customers.models import Resource
from customers.selectors.resources import renewals_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def resources(customers):
    today = timezone.localdate()
    own = customers["own"]

    def make(service, mode, expiry_in=None, region="cn-north-4"):
        return Resource.objects.create(
            partner_id=own.partner_id, customer=own, service=service, region=region, billing_mode=mode,
            start=today - timedelta(days=100), monthly_spend=Decimal("123.45"),
            expiry=None if expiry_in is None else today + timedelta(days=expiry_in),
        )  # fmt: skip

    return [
        make("ECS", "pay_per_use"),
        make("ECS", "yearly_monthly", 3),
        make("RDS", "yearly_monthly", 10, region="cn-east-3"),
        make("OBS", "yearly_monthly", 25),
        make("CCE", "yearly_monthly", 90),
        make("CDN", "yearly_monthly", -2),  # already expired: no renewal due
    ]


def test_renewals_due_count_each_window(customers, resources):
    assert renewals_due(customers["own"]) == {7: 1, 15: 2, 30: 3}


def rows(response):
    return response.content.decode().count('data-testid="resource-row"')


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 6),
        ({"billing_mode": "pay_per_use"}, 1),
        ({"billing_mode": "yearly_monthly"}, 5),
        ({"service": "ecs"}, 2),
        ({"region": "east"}, 1),
        ({"due_within": "7"}, 1),
        ({"due_within": "15"}, 2),
        ({"due_within": "30"}, 3),
    ],
)
def test_the_resource_list_filters(client, partner_setup, customers, resources, params, expected):
    client.force_login(partner_setup["sales"])
    response = client.get(reverse("customers:resources", args=[customers["own"].pk]), params)
    assert response.status_code == 200 and rows(response) == expected


def test_the_customer_page_links_each_window_to_the_filtered_list(
    client, partner_setup, customers, resources
):
    client.force_login(partner_setup["admin"])
    page = client.get(reverse("customers:customer", args=[customers["own"].pk])).content.decode()
    assert "?due_within=7" in page and "1 in 7 days" in page and "3 in 30 days" in page


def test_resources_of_other_partners_customers_are_404(client, partner_setup, customers):
    client.force_login(partner_setup["admin"])
    for other in ("rivals", "resellers"):  # a reseller's customer: basic information only
        assert client.get(reverse("customers:resources", args=[customers[other].pk])).status_code == 404
    client.force_login(partner_setup["viewer"])
    assert client.get(reverse("customers:resources", args=[customers["own"].pk])).status_code == 403
