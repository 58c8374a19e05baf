"""The customer dashboard's figures (CustomerStat), recomputed per partner by the daily job.

One pass over a partner's customers, their resources and this year's detail-line revenue
(a job may read every row; a page never does), written as a few hundred rows: per account
manager, counts by status, level, industry, region and monthly-spend band, associations and
disassociations per month, and the year's revenue with the top 10 customers. The dashboard
sums these rows (all managers) or reads one manager's.
"""

from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from customers.models import Customer, CustomerEvent, CustomerStatus, Partner, Resource
from incentives.models import DetailLine

from ..models import CustomerStat, StatDimension

TOP = 10
TOTAL_KEY = "__total__"
# monthly spend bands (CNY): the key is the band's lower bound
BANDS = (Decimal("100000"), Decimal("10000"), Decimal("1000"), Decimal("0.01"))
CURRENT = (CustomerStatus.ASSOCIATED, CustomerStatus.DISASSOCIATION_REQUESTED)


def spend_band(spend: Decimal) -> str:
    return next((str(int(bound)) if bound >= 1 else "0.01" for bound in BANDS if spend >= bound), "0")


def customer_stats_refresh(*, partner_id: int, now: datetime | None = None) -> int:
    """Recompute one partner's rows; returns how many were written. Rerunning gives the same rows."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    customers = list(
        Customer.objects.filter(partner_id=partner_id).values_list(
            "id", "account_manager", "status", "level", "industry", "association_date"
        )
    )
    manager_of = {row[0]: row[1] for row in customers}
    region, spend = _resources(partner_id)
    revenue = _revenue(partner_id, today.year)
    counts: dict[tuple[str, str, str], int] = Counter()
    first_month = date(today.year - 1, today.month, 1)
    for pk, manager, status, level, industry, associated in customers:
        counts[(manager, StatDimension.STATUS, status)] += 1
        if associated >= first_month:
            counts[(manager, StatDimension.ASSOCIATED_MONTH, f"{associated:%Y-%m}")] += 1
        if status not in CURRENT:
            continue
        counts[(manager, StatDimension.LEVEL, level)] += 1
        counts[(manager, StatDimension.INDUSTRY, industry)] += 1
        counts[(manager, StatDimension.REGION, region.get(pk, ""))] += 1
        counts[(manager, StatDimension.SPEND_BAND, spend_band(spend.get(pk, Decimal(0))))] += 1
    for customer_id, at in _disassociations(partner_id, first_month):
        counts[
            (manager_of[customer_id], StatDimension.DISASSOCIATED_MONTH, f"{timezone.localtime(at):%Y-%m}")
        ] += 1
    rows = [
        CustomerStat(
            partner_id=partner_id, account_manager=m, dimension=d, key=k or "", customers=n, computed_at=now
        )
        for (m, d, k), n in counts.items()
    ]
    rows += _revenue_rows(partner_id, revenue, manager_of, now)
    with transaction.atomic():
        CustomerStat.objects.filter(partner_id=partner_id).delete()
        CustomerStat.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _resources(partner_id: int) -> tuple[dict[int, str], dict[int, Decimal]]:
    """Each customer's region (that of its biggest monthly spend) and total monthly spend."""
    region: dict[int, str] = {}
    biggest: dict[int, Decimal] = {}
    spend: dict[int, Decimal] = defaultdict(Decimal)
    rows = Resource.objects.filter(partner_id=partner_id).values_list(
        "customer_id", "region", "monthly_spend"
    )
    for customer_id, place, amount in rows.iterator(chunk_size=5000):
        spend[customer_id] += amount
        if customer_id not in biggest or amount > biggest[customer_id]:
            biggest[customer_id], region[customer_id] = amount, place
    return region, spend


def _revenue(partner_id: int, year: int) -> dict[int, Decimal]:
    rows = (
        DetailLine.objects.filter(partner_id=partner_id, period__code__startswith=f"{year}-")
        .order_by()
        .values_list("customer_id")
        .annotate(total=Sum("revenue"))
    )
    return dict(rows.iterator(chunk_size=5000))


def _disassociations(partner_id: int, since: date):
    """(customer, time) of each customer's latest move to Disassociated since the month given."""
    return (
        CustomerEvent.objects.filter(
            customer__partner_id=partner_id, new_status=CustomerStatus.DISASSOCIATED, at__date__gte=since
        )
        .order_by()
        .values_list("customer_id")
        .annotate(last=Max("at"))
    )


def _revenue_rows(partner_id, revenue, manager_of, now) -> list[CustomerStat]:
    """Per manager: the year's revenue (TOTAL_KEY) and its top 10 customers. The partner's top 10
    is among the managers' top 10s, so the all-managers view needs no more rows."""
    by_manager: dict[str, list[tuple[Decimal, int]]] = defaultdict(list)
    for customer_id, amount in revenue.items():
        if customer_id in manager_of:
            by_manager[manager_of[customer_id]].append((amount, customer_id))
    rows = []
    for manager, amounts in by_manager.items():
        total = sum((amount for amount, _ in amounts), Decimal("0.00"))
        rows.append(_stat(partner_id, manager, TOTAL_KEY, None, len(amounts), total, now))
        for amount, customer_id in sorted(amounts, key=lambda pair: (-pair[0], pair[1]))[:TOP]:
            rows.append(_stat(partner_id, manager, str(customer_id), customer_id, 1, amount, now))
    return rows


def _stat(partner_id, manager, key, customer_id, customers, amount, now) -> CustomerStat:
    return CustomerStat(
        partner_id=partner_id,
        account_manager=manager,
        dimension=StatDimension.REVENUE,
        key=key,
        customer_id=customer_id,
        customers=customers,
        amount=amount,
        computed_at=now,
    )


def customer_stats_refresh_all(*, now: datetime | None = None) -> int:
    """Every partner with customers (the daily job). Each partner is its own short transaction."""
    ids = (
        Partner.objects.filter(customers__isnull=False).order_by("pk").values_list("pk", flat=True).distinct()
    )
    return sum(customer_stats_refresh(partner_id=pk, now=now) for pk in ids)
