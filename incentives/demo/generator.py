"""Building blocks for generated figures, shared by seed_demo, the benchmarks and the test
factories, so all three make periods, programs, partner users, customers and bills the same
way: reference data is get-or-create (reruns are idempotent), figures go through the services.
"""

import calendar
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from customers.models import AssociationType, Customer, Membership, Partner

from ..models import Incentive, IncentiveProgram, ProgramRate, ReconciliationPeriod, Statement
from ..services.figures import incentive_get_or_create, statement_get_or_create


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of the month; months below 1 roll back into earlier years."""
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_period(year: int, month: int, *, deadline: datetime | None = None) -> ReconciliationPeriod:
    """The month's reconciliation period; its deadline defaults to 23:59:59 on the 15th day after
    the month's end, in the portal's time zone."""
    start, end = month_bounds(year, month)
    if deadline is None:
        deadline = timezone.make_aware(datetime.combine(end + timedelta(days=15), time(23, 59, 59)))
    period, _created = ReconciliationPeriod.objects.get_or_create(
        code=f"{start:%Y-%m}", defaults={"start": start, "end": end, "confirmation_deadline": deadline}
    )
    return period


def program_with_rates(
    code: str,
    *,
    name: str | None = None,
    association_type: str = AssociationType.RESALE,
    rates: dict[str, str] | None = None,
    policy: str | None = None,
) -> IncentiveProgram:
    """A program and its rate per product type (default: ECS at 5%)."""
    rates = rates or {"ECS": "0.0500"}
    program, _created = IncentiveProgram.objects.get_or_create(
        code=code,
        defaults={
            "name": name or f"Program {code}",
            "association_type": association_type,
            "policy": policy or "Pays a share of eligible revenue.",
        },
    )
    for product_type, rate in rates.items():
        ProgramRate.objects.get_or_create(program=program, product_type=product_type, defaults={"rate": rate})
    return program


def partner_user(username: str, *, partner: Partner, role: str, password: str | None = None, **flags) -> User:
    """A user (with an e-mail address) who is a member of `partner` in `role`."""
    user = staff_user(username, password=password, **flags)
    Membership.objects.get_or_create(user=user, defaults={"partner": partner, "role": role})
    return user


def staff_user(username: str, *, password: str | None = None, **flags) -> User:
    """A user by name; the password is (re)set only when it differs, so reruns stay cheap."""
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.com", **flags}
    )
    if password is not None and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def bulk_customers(
    partner: Partner, count: int, *, name: Callable[[int], str], account: str, **fields
) -> list[Customer]:
    """The partner's customers 1..count (created once, by account), in account order.

    `account` is a format string of the number, e.g. "bench{n:05d}"; `name(n)` names customer n.
    """
    wanted = [
        Customer(partner=partner, name=name(number), account=account.format(n=number), **fields)
        for number in range(1, count + 1)
    ]
    existing = set(Customer.objects.filter(partner=partner).values_list("account", flat=True))
    Customer.objects.bulk_create([customer for customer in wanted if customer.account not in existing])
    accounts = [customer.account for customer in wanted]
    return list(Customer.objects.filter(partner=partner, account__in=accounts).order_by("account"))


def bill_incentives(
    partner: Partner, period: ReconciliationPeriod, programs: Iterable[IncentiveProgram]
) -> list[Incentive]:
    """The partner's bill of the period with one incentive per program, relations loaded (so
    that detail_lines_add reads them without a query per line)."""
    statement: Statement = statement_get_or_create(partner=partner, period=period)
    statement.partner, statement.period = partner, period
    incentives = [incentive_get_or_create(statement=statement, program=program) for program in programs]
    for incentive in incentives:
        incentive.statement = statement
    return incentives
