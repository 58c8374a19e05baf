"""The incentive dashboard's figures (激励看板), read from IncentiveRollup, scoped to the partner."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum

from customers.selectors import PortalUser, account_manager_scoped, managed_names, partner_scoped
from incentives.models import IncentiveProgram, StatementStatus
from invoices.models import PaymentRequestItem, PaymentStatus
from invoices.selectors.payments import payable_for, payment_requests_for

from ..models import IncentiveRollup

ZERO = Decimal("0.00")
STATUSES = list(StatementStatus)


def rollups_for(user: PortalUser) -> QuerySet[IncentiveRollup]:
    """The partner's rollup rows; a sales user's: their own (or their team's) customers'."""
    return account_manager_scoped(partner_scoped(IncentiveRollup.objects.all(), user), user)


@dataclass
class DashboardChoices:
    years: list[int]
    managers: list[str]
    programs: list[IncentiveProgram]


def dashboard_choices(user: PortalUser, this_year: int) -> DashboardChoices:
    """The filters' choices (years, account managers, programs) from one query of distinct keys."""
    keys = set(
        rollups_for(user).order_by().values_list("period__code", "account_manager", "program_id").distinct()
    )
    programs = IncentiveProgram.objects.filter(pk__in={program for _code, _name, program in keys}).order_by(
        "code"
    )
    return DashboardChoices(
        years=sorted({int(code[:4]) for code, _name, _program in keys} | {this_year}, reverse=True),
        managers=sorted({name for _code, name, _program in keys if name}),
        programs=list(programs),
    )


@dataclass
class IncentiveFigures:
    year: int
    by_status: dict[str, Decimal]
    total: Decimal
    last_year_to_date: Decimal
    months: list[str]  # "2026-01" .. "2026-12"
    month_status: dict[str, dict[str, Decimal]]
    month_program: dict[str, dict[int, Decimal]]
    by_program: dict[int, Decimal]
    by_association: dict[str, Decimal]
    by_product: dict[str, Decimal]
    programs: dict[int, IncentiveProgram] = field(default_factory=dict)
    payable: Decimal | None = None
    paid: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        """This year's total against last year's to the same month, as a share (0.25 = +25%)."""
        if not self.last_year_to_date:
            return None
        return ((self.total - self.last_year_to_date) / self.last_year_to_date).quantize(Decimal("0.0001"))


def _scoped(user: PortalUser, manager: str, program: int | None) -> QuerySet[IncentiveRollup]:
    rows = rollups_for(user)
    if manager:
        rows = rows.filter(account_manager=manager)
    if program:
        rows = rows.filter(program_id=program)
    return rows


def incentive_figures(
    user: PortalUser, *, year: int, cutoff_month: int, manager: str = "", program: int | None = None
) -> IncentiveFigures:
    """One grouped query of the year's rollup rows, one sum of last year's; the rest is Python.

    `cutoff_month`: last year's comparison runs to this month (this month for the current year).
    """
    rows = _scoped(user, manager, program)
    groups = (
        rows.filter(period__code__startswith=f"{year}-")
        .order_by()
        .values("period__code", "statement__status", "program_id", "association_type", "product_type")
        .annotate(total=Sum("amount"))
    )
    months = [f"{year}-{month:02d}" for month in range(1, 13)]
    figures = IncentiveFigures(
        year=year,
        by_status={status: ZERO for status in STATUSES},
        total=ZERO,
        last_year_to_date=ZERO,
        months=months,
        month_status={month: defaultdict(lambda: ZERO) for month in months},
        month_program={month: defaultdict(lambda: ZERO) for month in months},
        by_program=defaultdict(lambda: ZERO),
        by_association=defaultdict(lambda: ZERO),
        by_product=defaultdict(lambda: ZERO),
    )
    for group in groups:
        amount, month = group["total"], group["period__code"]
        figures.total += amount
        figures.by_status[group["statement__status"]] += amount
        figures.month_status[month][group["statement__status"]] += amount
        figures.month_program[month][group["program_id"]] += amount
        figures.by_program[group["program_id"]] += amount
        figures.by_association[group["association_type"]] += amount
        figures.by_product[group["product_type"]] += amount
    figures.programs = {p.pk: p for p in IncentiveProgram.objects.filter(pk__in=list(figures.by_program))}
    last = rows.filter(period__code__gte=f"{year - 1}-01", period__code__lte=f"{year - 1}-{cutoff_month:02d}")
    figures.last_year_to_date = last.aggregate(total=Sum("amount"))["total"] or ZERO
    if (
        not manager and not program and managed_names(user) is None
    ):  # the partner's payments: not a sales user's
        figures.payable, figures.paid = _payments(user, year)
    return figures


def _payments(user: PortalUser, year: int) -> tuple[Decimal, Decimal]:
    """What of the year's incentives is payable now, and what was paid (payment requests)."""
    payable = payable_for(user).filter(statement__period__code__startswith=f"{year}-")
    paid = PaymentRequestItem.objects.filter(
        request__in=payment_requests_for(user).filter(status=PaymentStatus.PAID),
        active=True,
        incentive__statement__period__code__startswith=f"{year}-",
    )
    return (
        payable.aggregate(total=Sum("amount"))["total"] or ZERO,
        paid.aggregate(total=Sum("amount"))["total"] or ZERO,
    )
