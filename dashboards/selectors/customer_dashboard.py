"""The customer dashboard's figures (客户看板), read from CustomerStat, scoped to the partner."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Max, QuerySet, Sum

from customers.models import Customer
from customers.selectors import PortalUser, account_manager_scoped, partner_scoped

from ..models import CustomerStat, StatDimension
from ..services.customer_stats import CURRENT

ZERO = Decimal("0.00")


def customer_stats_for(user: PortalUser) -> QuerySet[CustomerStat]:
    """The partner's customer figures; a sales user's: their own (or their team's) customers'."""
    return account_manager_scoped(partner_scoped(CustomerStat.objects.all(), user), user)


def stat_managers(user: PortalUser) -> list[str]:
    names = customer_stats_for(user).exclude(account_manager="").values_list("account_manager", flat=True)
    return sorted(set(names.order_by().distinct()))


@dataclass
class TopCustomer:
    customer: Customer
    revenue: Decimal
    share: Decimal


@dataclass
class CustomerFigures:
    counts: dict[str, dict[str, int]]  # dimension -> key -> customers
    revenue: Decimal = ZERO
    active: int = 0  # customers with revenue this year
    top: list[TopCustomer] = field(default_factory=list)
    computed_at: datetime | None = None
    months: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts[StatDimension.STATUS].get(status, 0) for status in CURRENT)

    @property
    def top_share(self) -> Decimal | None:
        if not self.revenue:
            return None
        return (sum((t.revenue for t in self.top), ZERO) / self.revenue).quantize(Decimal("0.0001"))

    def per_month(self, dimension: str) -> list[int]:
        return [self.counts[dimension].get(month, 0) for month in self.months]


def customer_figures(user: PortalUser, *, manager: str = "", today: date) -> CustomerFigures:
    rows = customer_stats_for(user)
    if manager:
        rows = rows.filter(account_manager=manager)
    counts: dict[str, dict[str, int]] = {dimension: {} for dimension in StatDimension}
    figures = CustomerFigures(counts=counts)
    grouped = (
        rows.filter(customer__isnull=True)
        .order_by()
        .values("dimension", "key")
        .annotate(customers_sum=Sum("customers"), amount_sum=Sum("amount"), at=Max("computed_at"))
    )
    for group in grouped:
        if group["dimension"] == StatDimension.REVENUE:
            figures.revenue, figures.active = group["amount_sum"], group["customers_sum"]
        else:
            counts[group["dimension"]][group["key"]] = group["customers_sum"]
        figures.computed_at = max(filter(None, [figures.computed_at, group["at"]]), default=None)
    top = rows.filter(dimension=StatDimension.REVENUE, customer__isnull=False).select_related("customer")
    figures.top = [
        TopCustomer(stat.customer, stat.amount, (stat.amount / figures.revenue).quantize(Decimal("0.0001")))
        for stat in top.order_by("-amount", "customer_id")[:10]
        if stat.customer is not None and figures.revenue
    ]
    figures.months = [_month(today, back) for back in range(11, -1, -1)]
    return figures


def _month(today: date, back: int) -> str:
    index = today.year * 12 + today.month - 1 - back
    return f"{index // 12}-{index % 12 + 1:02d}"
