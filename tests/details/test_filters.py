"""Every Details filter, alone (default period) and with an explicit period, on the page and
the API, checked against the database: the same lines, their exact count and total."""

from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from incentives.models import DetailLine, LineTotal, Statement
from tests.details.helpers import api_all, db_lines, expected, page_all

pytestmark = pytest.mark.django_db

# (parameter, value or value-from-the-lines, does a line match it?)
CASES = [
    ("feedback", "with", lambda line, v: line.feedback_status != ""),
    ("feedback", "without", lambda line, v: line.feedback_status == ""),
    ("feedback", "open", lambda line, v: line.feedback_status == "open"),
    ("feedback", "answered", lambda line, v: line.feedback_status == "answered"),
    ("feedback", "resolved", lambda line, v: line.feedback_status == "resolved"),
    ("program", "REF", lambda line, v: line.program.code == "REF"),
    ("customer_name", "bluewave", lambda line, v: "bluewave" in line.customer.name.lower()),
    ("customer_name", "北京云智", lambda line, v: "北京云智" in line.customer.name),
    (
        "customer_account",
        "HWC_DIST_00",
        lambda line, v: line.customer.account.lower().startswith("hwc_dist_00"),
    ),
    ("customer_account", "hwc_dist_100", lambda line, v: line.customer.account == "hwc_dist_100"),
    ("order_id", lambda lines: lines[7].order_id, lambda line, v: line.order_id == v),
    (
        "order_id",
        lambda lines: lines[0].order_id[:-1].lower(),
        lambda line, v: line.order_id.lower().startswith(v),
    ),
    (
        "incentive_id",
        lambda lines: lines[-1].incentive.incentive_id,
        lambda line, v: line.incentive.incentive_id == v,
    ),
    ("incentive_id", "inc-", lambda line, v: True),
    ("product_type", "ecs", lambda line, v: line.product_type == "ECS"),
    ("reseller", "RESELLER co", lambda line, v: line.tier2_reseller is not None),
    ("account_manager", "LI WEI", lambda line, v: line.account_manager.lower() == "li wei"),
    ("account_manager", "nobody", lambda line, v: False),
]


def _case_id(case):
    return f"{case[0]}={case[1] if isinstance(case[1], str) else 'from-lines'}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
@pytest.mark.parametrize("period", [None, "2026-09"], ids=["default-period", "with-period"])
def test_each_filter_gives_the_databases_lines_count_and_total(client, world, case, period):
    name, value, matches = case
    lines = db_lines(world["distributor"], period or "2026-10")
    value = value(lines) if callable(value) else value
    want_ids, want_total = expected([line for line in lines if matches(line, value)])
    assert want_ids or value == "nobody", "each case must select something"
    params = {name: value, **({"period": period} if period else {})}
    client.force_login(world["admin"])

    page, page_ids = page_all(client, params)
    body, api_ids = api_all(client, params)

    assert page_ids == api_ids == want_ids
    assert page.context["totals"].count == body["count"] == len(want_ids)
    assert page.context["totals"].amount == Decimal(body["total_amount"]) == want_total
    assert body["period"] == (period or "2026-10")


def test_filters_combine(client, world):
    lines = db_lines(world["distributor"], "2026-10")
    params = {"customer_name": "BLUE", "product_type": "rds", "feedback": "without", "program": "RSL"}
    want_ids, want_total = expected(
        [
            line
            for line in lines
            if "blue" in line.customer.name.lower()
            and line.product_type == "RDS"
            and not line.feedback_status
            and line.program.code == "RSL"
        ]
    )
    client.force_login(world["finance"])

    page, page_ids = page_all(client, {**params, "period": "2026-10"})
    body, api_ids = api_all(client, params)

    assert page_ids == api_ids == want_ids and len(want_ids) > 1
    assert page.context["totals"].amount == Decimal(body["total_amount"]) == want_total


def test_no_filter_lists_the_whole_default_period_with_its_bill_total(client, world):
    client.force_login(world["viewer"])
    page, ids = page_all(client, {})
    want_ids, want_total = expected(db_lines(world["distributor"], "2026-10"))
    assert ids == want_ids and len(ids) > 20  # more than one page
    assert (
        page.context["totals"].amount
        == want_total
        == Statement.objects.get(pk=world["bills"]["2026-10"].pk).total
    )
    body = page.content.decode()
    assert f"{len(want_ids)} lines" in body and f"{want_total:,}" in body


def test_amounts_are_decimal_strings_rounded_half_up_to_the_cent(client, world):
    client.force_login(world["admin"])
    params = {"period": "2026-11", "program": "RSL", "product_type": "ECS"}
    body, _ids = api_all(client, params)
    rows = client.get("/api/v1/details/", {**params, "page_size": 100}).json()["results"]
    half_cent = [row for row in rows if row["revenue"] == "53.30"]  # 53.30 x 0.05 = 2.665

    assert half_cent and {(row["rate"], row["amount"]) for row in half_cent} == {("0.050000", "2.67")}
    assert Decimal(body["total_amount"]) == sum(Decimal(row["amount"]) for row in rows)
    assert len(body["total_amount"].split(".")[1]) == 2
    page = client.get("/incentives/details/", params).content.decode()
    assert ">53.30</td>" in page and ">2.67</td>" in page and ">5.00%</td>" in page


def test_default_period_is_the_latest_with_a_formal_bill(client, world):
    client.force_login(world["admin"])
    assert client.get("/api/v1/details/").json()["period"] == "2026-10"  # 2026-11 is only Estimated
    assert client.get("/api/v1/details/?period=2026-11").json()["period"] == "2026-11"
    page = client.get("/incentives/details/")
    assert '<option value="2026-10" selected>' in page.content.decode()


def test_line_totals_stay_equal_to_the_lines_after_feedback(world):
    by_lines = (
        DetailLine.objects.values("partner", "period", "feedback_status")
        .annotate(n=Count("id"), s=Sum("amount"))
        .order_by("partner", "period", "feedback_status")
    )
    by_totals = (
        LineTotal.objects.values("partner", "period", "feedback_status")
        .annotate(n=Sum("line_count"), s=Sum("amount"))
        .exclude(n=0)
        .order_by("partner", "period", "feedback_status")
    )
    assert [tuple(row.values()) for row in by_lines] == [tuple(row.values()) for row in by_totals]
