"""The account-manager world: in each of a distributor, its reseller and an unrelated partner,
an admin, a finance user, a viewer and three sales users (a supervisor, a member of their team,
one on their own), four customers (one of each sales user's, one of someone else's) with one
detail line each, whose amounts tell at a glance whose figures a page added up."""

from datetime import date
from decimal import Decimal

import pytest

from customers.models import Membership
from incentives.demo.generator import bill_incentives
from incentives.models import DetailLine
from incentives.services.figures import detail_lines_add
from tests import factories

PARTNERS = ("distributor", "reseller", "rival")
ROLES = ("admin", "finance", "lead", "rep", "solo", "viewer")
# customer key -> revenue (x 0.05 = its line's amount: 50, 100, 200, 400)
REVENUES = {"lead": "1000.00", "rep": "2000.00", "solo": "4000.00", "other": "8000.00"}
AMOUNTS = {key: Decimal(revenue) * Decimal("0.05") for key, revenue in REVENUES.items()}
# whose customers each role sees (None: every customer of the partner)
SEES: dict[str, set[str] | None] = {
    "admin": None,
    "finance": None,
    "viewer": None,
    "lead": {"lead", "rep"},  # the supervisor: their own and their team's
    "rep": {"rep"},  # a sales user with a supervisor
    "solo": {"solo"},  # a sales user without one
}


def seen(role: str) -> set[str]:
    return set(REVENUES) if SEES[role] is None else set(SEES[role] or ())


def amount_seen(role: str) -> Decimal:
    return sum((AMOUNTS[key] for key in seen(role)), Decimal("0.00")).quantize(Decimal("0.01"))


def _user(partner, key, role):
    if role in ("lead", "rep", "solo"):
        user = factories.member(partner, "sales", f"{key}-{role}")
        if role != "solo":  # the solo user's manager name is their username
            user.first_name, user.last_name = role.title(), key.title()
            user.save(update_fields=["first_name", "last_name"])
        return user
    return factories.member(partner, role, f"{key}-{role}")


@pytest.fixture
def scoped(partner_setup):
    """{partner key: {"partner", "users": {role: user}, "customers": {key: customer}, "lines",
    "bill", "incentive"}}, all in period 2026-10 (Estimated) of program RSL."""
    period = factories.PeriodFactory(code="2026-10", start=date(2026, 10, 1), end=date(2026, 10, 31))
    program = factories.ProgramFactory(code="RSL", rates={"ECS": "0.0500"})
    world = {}
    for key in PARTNERS:
        partner = partner_setup[key]
        users = {role: _user(partner, key, role) for role in ROLES}
        lead, rep = (Membership.objects.get(user=users[role]) for role in ("lead", "rep"))
        rep.supervisor = lead
        rep.full_clean()
        rep.save()
        names = {
            role: users[role].get_full_name() or users[role].username for role in ("lead", "rep", "solo")
        }
        names["other"] = f"Someone Else {key}"
        customers = {
            who: factories.CustomerFactory(
                partner=partner, name=f"{key} customer of {who}", account=f"{key}_{who}", account_manager=name
            )
            for who, name in names.items()
        }
        (incentive,) = bill_incentives(partner, period, [program])
        detail_lines_add(
            lines=[
                DetailLine(
                    incentive=incentive,
                    order_id=f"CS{key[:3].upper()}{who.upper()}",
                    customer=customers[who],
                    product_type="ECS",
                    revenue=Decimal(revenue),
                    rate=Decimal("0.0500"),
                )
                for who, revenue in REVENUES.items()
            ]
        )
        lines = {
            line.customer.account.split("_", 1)[1]: line
            for line in DetailLine.objects.filter(partner=partner)
        }
        incentive.refresh_from_db()
        world[key] = {
            "partner": partner,
            "users": users,
            "customers": customers,
            "lines": lines,
            "bill": incentive.statement,
            "incentive": incentive,
        }
    return world


CASES = [(key, role) for key in PARTNERS for role in ROLES]
CASE_IDS = [f"{key}-{role}" for key, role in CASES]
