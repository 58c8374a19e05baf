"""The customer dashboard: the daily job's figures against the database's own counts and sums."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from customers.models import Customer, CustomerEvent, Resource
from dashboards.models import CustomerStat
from dashboards.services.customer_stats import customer_stats_refresh, customer_stats_refresh_all
from incentives.models import DetailLine
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/dashboards/customers/"


@pytest.fixture
def customers(year_of_incentives):
    data = year_of_incentives
    partner = data["partner"]
    today = timezone.localdate()
    gone = factories.CustomerFactory(partner=partner, account_manager="Li Wei", status="disassociated")
    CustomerEvent.objects.create(
        customer=gone, old_status="associated", new_status="disassociated", actor_label="op"
    )
    Customer.objects.filter(pk=data["li"].pk).update(association_date=today)
    for customer, region, spend in [(data["li"], "cn-north-4", "1500.00"), (data["li"], "cn-east-3", "20.00"),
                                    (data["zhang"], "cn-south-1", "0.00")]:  # fmt: skip
        Resource.objects.create(
            partner=partner, customer=customer, service="ECS", region=region, billing_mode="pay_per_use",
            start=date(2026, 1, 1), monthly_spend=Decimal(spend),
        )  # fmt: skip
    customer_stats_refresh_all()
    return {**data, "gone": gone, "today": today}


def figures(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.context


def test_counts_match_the_customers_table(client, customers):
    context = figures(client, customers["admin"])
    f = context["figures"]
    partner = customers["partner"]
    current = Customer.objects.filter(partner=partner).exclude(status="disassociated")
    assert f.total == current.count() == 2
    assert dict(context["tables"]["status"])["Disassociated"] == 1
    assert dict(context["tables"]["industry"]) == {"Finance": 1, "Retail": 1}
    assert dict(context["tables"]["region"]) == {
        "cn-north-4": 1,
        "cn-south-1": 1,
    }  # the biggest spend's region
    bands = dict(context["tables"]["band"])
    assert bands["1000 – 10000"] == 1 and bands["No spend"] == 1
    month = f"{customers['today']:%Y-%m}"
    assert f.counts["associated"][month] >= 1
    assert f.counts["disassociated"][month] == 1


def test_revenue_and_the_top_customers_are_the_lines_sums(client, customers):
    f = figures(client, customers["admin"])["figures"]
    year = timezone.localdate().year
    lines = DetailLine.objects.filter(partner=customers["partner"], period__code__startswith=f"{year}-")
    assert f.revenue == (lines.aggregate(total=Sum("revenue"))["total"] or 0)
    for top in f.top:
        assert top.revenue == lines.filter(customer=top.customer).aggregate(total=Sum("revenue"))["total"]
    if f.revenue:
        assert f.top_share == Decimal("1.0000")  # two customers: both in the top 10


def test_a_sales_user_sees_only_their_customers(client, customers):
    sales = customers["sales"]
    sales.first_name, sales.last_name = "Zhang", "Min"
    sales.save()
    f = figures(client, sales)["figures"]
    assert (
        f.total
        == Customer.objects.filter(partner=customers["partner"], account_manager="Zhang Min").count()
        == 1
    )


def test_finance_and_viewer_users_are_refused(client, customers):
    for role in ("finance", "viewer"):
        client.force_login(customers[role])
        assert client.get(URL).status_code == 403


def test_the_job_is_idempotent(customers):
    partner = customers["partner"]
    before = sorted(
        CustomerStat.objects.filter(partner=partner).values_list(
            "account_manager", "dimension", "key", "customers", "amount"
        )
    )
    customer_stats_refresh(partner_id=partner.pk, now=timezone.now() + timedelta(minutes=1))
    after = sorted(
        CustomerStat.objects.filter(partner=partner).values_list(
            "account_manager", "dimension", "key", "customers", "amount"
        )
    )
    assert before == after and before
