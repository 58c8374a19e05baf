"""A small but varied world for the Details tests, built through the real services.

Demo Distributor-like partner with three periods: 2026-09 Issued successfully, 2026-10
Pending confirmation (the default period), 2026-11 Estimated; customers whose names, accounts
and account managers differ only in case; lines on two programs and several product types
with half-cent amounts; feedback in every status. Its reseller and an unrelated rival have
lines in 2026-10 with look-alike customers, so a leaking filter would show.
"""

from datetime import date
from decimal import Decimal

import pytest

from incentives.models import DetailLine
from incentives.operators import ensure_operators_group
from incentives.services.feedback import feedback_add, feedback_reply
from incentives.services.figures import detail_lines_add, incentive_get_or_create, statement_get_or_create
from incentives.services.statements import statement_approve, statement_confirm, statement_publish
from tests import factories

PERIODS = {
    "2026-09": (date(2026, 9, 1), date(2026, 9, 30)),
    "2026-10": (date(2026, 10, 1), date(2026, 10, 31)),
}
PERIODS["2026-11"] = (date(2026, 11, 1), date(2026, 11, 30))
RATES = {
    "RSL": {"ECS": "0.0500", "RDS": "0.0600", "OBS": "0.0400"},
    "REF": {"ECS": "0.0800", "CDN": "0.0333"},
}
# revenue values whose amounts round half-up at the cent (53.30 x 0.05 = 2.665 -> 2.67)
REVENUES = [Decimal("53.30"), Decimal("1000.10"), Decimal("12345.67"), Decimal("0.10"), Decimal("999.99")]


def add_lines(partner, period, customers, programs, orders_per_combo=1, prefix="CS"):
    statement = statement_get_or_create(partner=partner, period=period)
    lines, number = [], 0
    for program in programs:
        incentive = incentive_get_or_create(statement=statement, program=program)
        incentive.statement = statement
        for product_type, rate in RATES[program.code].items():
            for customer in customers:
                for _ in range(orders_per_combo):
                    number += 1
                    lines.append(
                        DetailLine(
                            incentive=incentive,
                            order_id=f"{prefix}{period.code.replace('-', '')}{partner.code}{number:05d}",
                            customer=customer,
                            product_type=product_type,
                            revenue=REVENUES[number % len(REVENUES)],
                            rate=Decimal(rate),
                        )
                    )
    detail_lines_add(lines=lines)
    return statement


@pytest.fixture
def operator(db):
    user = factories.UserFactory(username="ops-wang", is_staff=True)
    user.groups.add(ensure_operators_group())
    return user


@pytest.fixture
def world(partner_setup, operator):
    p = partner_setup
    dist, reseller, rival = p["distributor"], p["reseller"], p["rival"]
    periods = {
        code: factories.PeriodFactory(code=code, start=start, end=end)
        for code, (start, end) in PERIODS.items()
    }
    programs = [factories.ProgramFactory(code=code, rates=rates) for code, rates in RATES.items()]
    customer = factories.CustomerFactory
    customers = [
        customer(
            partner=dist,
            name="Bluewave Trading Ltd.",
            account="hwc_dist_001",
            account_manager="Li Wei",
            tier2_reseller=reseller,
        ),
        customer(
            partner=dist, name="北京云智科技有限公司", account="hwc_dist_002", account_manager="Zhang Min"
        ),
        customer(
            partner=dist,
            name="Northwind BLUEWAVE GmbH",
            account="HWC_DIST_010",
            account_manager="Emily Carter",
            tier2_reseller=reseller,
        ),
        customer(partner=dist, name="Summit Logistics", account="hwc_dist_100", account_manager="li wei"),
    ]
    bills = {code: add_lines(dist, period, customers, programs, 2) for code, period in periods.items()}
    for code in ("2026-09", "2026-10"):
        statement_publish(statement_id=bills[code].pk, actor=operator)
    reseller_customers = [
        customer(
            partner=reseller,
            name="Bluewave Reseller Customer",
            account="hwc_dist_003",
            account_manager="Li Wei",
        )
    ]
    rival_customers = [
        customer(
            partner=rival, name="Bluewave Rival Customer", account="hwc_dist_004", account_manager="Li Wei"
        )
    ]
    add_lines(reseller, periods["2026-10"], reseller_customers, programs[:1], prefix="RS")
    add_lines(rival, periods["2026-10"], rival_customers, programs, prefix="RV")

    # feedback in every status, in two periods, before 2026-09 is issued
    admin = p["admin"]
    for code in ("2026-09", "2026-10"):
        lines = list(DetailLine.objects.filter(partner=dist, period=periods[code]).order_by("id"))
        for line in lines[0:6]:
            feedback_add(line_id=line.pk, actor=admin, text=f"Please check order {line.order_id}")
        for line in lines[2:5]:
            feedback_reply(line_id=line.pk, actor=operator, text="Checked: per policy.", status="answered")
        feedback_reply(line_id=lines[5].pk, actor=operator, text="", status="resolved")
    statement_confirm(statement_id=bills["2026-09"].pk, actor=p["finance"])
    statement_approve(statement_id=bills["2026-09"].pk, actor=operator)
    return {**p, "periods": periods, "programs": programs, "customers": customers, "bills": bills}
