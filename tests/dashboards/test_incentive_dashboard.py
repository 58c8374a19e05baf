"""The incentive dashboard: every figure is the sum of the lines (and incentives) it stands for."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from incentives.models import Incentive

from .conftest import line_sum

pytestmark = pytest.mark.django_db

URL = "/dashboards/incentives/"


def page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, {"year": 2026, **params})
    assert response.status_code == 200, response.content[:500]
    return response.context


def test_kpis_are_the_sums_of_the_partners_lines_by_status(client, year_of_incentives):
    data = year_of_incentives
    figures = page(client, data["admin"])["figures"]
    mine = {"partner": data["partner"], "period__code__startswith": "2026-"}
    assert figures.total == line_sum(**mine) == Decimal("186.67")  # 66.67 + 60 + 50 + 10
    assert (
        figures.by_status["issued"]
        == line_sum(**mine, incentive__statement__status="issued")
        == Decimal("126.67")
    )
    assert figures.by_status["estimated"] == Decimal("10.00")
    assert figures.by_status["pending_confirmation"] == Decimal("50.00")
    assert figures.by_status["issuing"] == Decimal("0.00")
    # the Summary's rows (incentives) add up to the same figure
    summary = Incentive.objects.filter(
        statement__partner=data["partner"], statement__period__code__startswith="2026-"
    )
    assert summary.aggregate(total=Sum("amount"))["total"] == figures.total
    # last year to December (a past year compares the whole of the one before)
    assert figures.last_year_to_date == Decimal("20.00")
    assert figures.change == Decimal("8.3335")  # (186.67 - 20) / 20


def test_breakdowns_match_the_lines(client, year_of_incentives):
    data = year_of_incentives
    context = page(client, data["admin"])
    figures = context["figures"]
    mine = {"partner": data["partner"], "period__code__startswith": "2026-"}
    assert (
        figures.by_program[data["resale"].pk] == line_sum(**mine, program=data["resale"]) == Decimal("126.67")
    )
    assert (
        figures.by_program[data["referral"].pk]
        == line_sum(**mine, program=data["referral"])
        == Decimal("60.00")
    )
    assert dict(figures.by_association) == {"resale": Decimal("126.67"), "referral": Decimal("60.00")}
    assert dict(figures.by_product) == {"ECS": Decimal("186.67")}
    months = {row["month"]: row["total"] for row in context["month_rows"]}
    assert months["2026-01"] == line_sum(partner=data["partner"], period__code="2026-01") == Decimal("126.67")
    assert months["2026-02"] == Decimal("50.00")
    assert months["2026-03"] == Decimal("10.00") and months["2026-12"] == 0
    assert sum(months.values()) == figures.total
    html = context["chart"]
    assert html["months"][0] == "01" and len(html["byStatus"]) == 4


def test_account_manager_and_program_filters(client, year_of_incentives):
    data = year_of_incentives
    figures = page(client, data["admin"], manager="Zhang Min")["figures"]
    assert figures.total == line_sum(
        partner=data["partner"], period__code__startswith="2026-", account_manager="Zhang Min"
    )
    assert figures.total == Decimal("110.00")
    assert figures.payable is None  # payments are per incentive, not per manager
    figures = page(client, data["admin"], program=data["referral"].pk)["figures"]
    assert figures.total == Decimal("60.00")


def test_a_sales_user_sees_only_their_own_customers(client, year_of_incentives):
    data = year_of_incentives
    sales = data["sales"]
    sales.first_name, sales.last_name = "Li", "Wei"
    sales.save()
    figures = page(client, sales)["figures"]
    assert figures.total == line_sum(
        partner=data["partner"], period__code__startswith="2026-", account_manager="Li Wei"
    )
    assert figures.total == Decimal("76.67")
    # asking for another manager: refused, and the figures stay their own
    response = client.get(URL, {"year": 2026, "manager": "Zhang Min"})
    assert response.status_code == 400
    figures = response.context["figures"]
    assert figures.total == line_sum(
        partner=data["partner"], period__code__startswith="2026-", account_manager="Li Wei"
    )
    assert figures.total == Decimal("76.67")


def test_another_partner_sees_none_of_it(client, year_of_incentives):
    figures = page(client, year_of_incentives["reseller_admin"])["figures"]
    assert figures.total == Decimal("0.00")


def test_a_bad_filter_is_a_400_with_the_default_figures(client, year_of_incentives):
    client.force_login(year_of_incentives["admin"])
    assert client.get(URL, {"year": "20x6"}).status_code == 400
