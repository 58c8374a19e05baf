"""Offline contracts, scoped to the partner, and what each has completed from its orders.

Completed amount: the revenue of the partner's orders in the reconciliation periods (months)
that overlap the commitment period, from its detail lines, each order and product type counted
once (an order that earns in two incentive programs has a line in each, with the same revenue).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections
from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from customers.selectors import PortalUser, partner_scoped
from incentives.models import DetailLine

from ..models import OfflineContract

# the states a contract's dates give it (the search's status filter)
NOT_STARTED, IN_EFFECT, ENDED = "not_started", "in_effect", "ended"
CONTRACT_STATES = {NOT_STARTED: _("Not started"), IN_EFFECT: _("In effect"), ENDED: _("Ended")}


def contracts_for(user: PortalUser) -> QuerySet[OfflineContract]:
    return partner_scoped(OfflineContract.objects.all(), user)


def contract_search(
    user: PortalUser, *, code: str = "", exact: bool = False, state: str = "", today: date
) -> QuerySet[OfflineContract]:
    """The partner's contracts whose code is `code` (exact) or starts with it, in a state."""
    contracts = contracts_for(user)
    code = code.strip()[:40]
    if code:
        contracts = contracts.filter(code__iexact=code) if exact else contracts.filter(code__istartswith=code)
    if state == NOT_STARTED:
        contracts = contracts.filter(starts_on__gt=today)
    elif state == IN_EFFECT:
        contracts = contracts.filter(starts_on__lte=today, ends_on__gte=today)
    elif state == ENDED:
        contracts = contracts.filter(ends_on__lt=today)
    return contracts


def contract_state(contract: OfflineContract, today: date) -> str:
    if contract.starts_on > today:
        return NOT_STARTED
    return IN_EFFECT if contract.ends_on >= today else ENDED


@dataclass(frozen=True)
class ProductProgress:
    product_type: str
    orders: int
    amount: Decimal
    discount: Decimal | None


@dataclass(frozen=True)
class Progress:
    committed: Decimal
    completed: Decimal
    by_product: list[ProductProgress]

    @property
    def percent(self) -> Decimal:
        """Completed as a share of the commitment, in percent, half-up to one decimal."""
        return (self.completed * 100 / self.committed).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def bar(self) -> Decimal:
        """The <progress> element's value (it stops at 100)."""
        return min(Decimal("100"), self.percent)

    @property
    def outstanding(self) -> Decimal:
        return max(Decimal("0"), self.committed - self.completed)


def contract_lines(contract: OfflineContract) -> QuerySet[DetailLine]:
    """The partner's detail lines in the periods overlapping the commitment period."""
    return DetailLine.objects.filter(
        Q(period__start__lte=contract.ends_on) & Q(period__end__gte=contract.starts_on),
        partner_id=contract.partner_id,
    )


def contract_progress(contract: OfflineContract) -> Progress:
    orders = (
        contract_lines(contract)
        .order_by()
        .values("order_id", "product_type")
        .annotate(order_revenue=Max("revenue"))
        .values("product_type", "order_revenue")
    )
    sql, params = orders.query.sql_with_params()
    with connections[orders.db].cursor() as cursor:
        cursor.execute(
            f"SELECT product_type, COUNT(*), SUM(order_revenue) FROM ({sql}) orders "  # noqa: S608 (Django's SQL)
            "GROUP BY product_type ORDER BY product_type",
            params,
        )
        rows = cursor.fetchall()
    discounts = dict(contract.discounts.values_list("product_type", "discount"))
    by_product = [
        ProductProgress(
            product, count, Decimal(str(amount)).quantize(Decimal("0.01")), discounts.get(product)
        )
        for product, count, amount in rows
    ]
    shown = {row.product_type for row in by_product}
    by_product += [
        ProductProgress(p, 0, Decimal("0.00"), d) for p, d in sorted(discounts.items()) if p not in shown
    ]
    completed = sum((row.amount for row in by_product), Decimal("0.00"))
    return Progress(committed=contract.committed_amount, completed=completed, by_product=by_product)
