"""What each alert scenario looks for in the data (the daily job reads every row it needs).

- churn risk: the customer's revenue in the latest ended period fell by more than
  ALERT_CHURN_DROP against the period before (cause: the two periods);
- resource expiring without renewal: a yearly/monthly resource without auto-renew expires
  within ALERT_EXPIRY_DAYS (cause: the resource and its expiry date);
- no consumption: a customer with revenue before has none in the periods of the last
  ALERT_IDLE_DAYS days (cause: the last period with revenue);
- quota nearly used up: the available quota is at most ALERT_QUOTA_SHARE of the budget
  (cause: the month).
Only associated customers (and those asking to disassociate) raise alerts.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Max, Sum

from customers.capabilities import Capability, role_can, roles_with
from customers.models import BillingMode, Customer, CustomerStatus, Membership, Resource
from incentives.models import DetailLine, ReconciliationPeriod

from ..models import AlertScenario

CURRENT = (CustomerStatus.ASSOCIATED, CustomerStatus.DISASSOCIATION_REQUESTED)


@dataclass(frozen=True)
class Cause:
    partner_id: int
    customer_id: int
    account_manager: str
    scenario: str
    cause: str
    detail: str


def _current():
    return Customer.objects.filter(status__in=CURRENT)


def churn_causes(today: date, drop: Decimal) -> list[Cause]:
    ended = list(ReconciliationPeriod.objects.filter(end__lt=today).order_by("-code")[:2])
    if len(ended) < 2:
        return []
    last, before = ended
    revenue: dict[int, dict[int, Decimal]] = defaultdict(dict)
    rows = (
        DetailLine.objects.filter(period__in=ended, customer__status__in=CURRENT)
        .order_by()
        .values_list("customer_id", "period_id")
        .annotate(total=Sum("revenue"))
    )
    for customer_id, period_id, total in rows.iterator(chunk_size=5000):
        revenue[customer_id][period_id] = total
    falling = {
        pk: (amounts[before.pk], amounts.get(last.pk, Decimal(0)))
        for pk, amounts in revenue.items()
        if amounts.get(before.pk, 0) > 0
        and amounts.get(last.pk, Decimal(0)) < amounts[before.pk] * (1 - drop)
    }
    customers = _current().filter(pk__in=list(falling)).values_list("pk", "partner_id", "account_manager")
    return [
        Cause(
            partner,
            pk,
            manager,
            AlertScenario.CHURN_RISK,
            f"{before.code}>{last.code}",
            f"{before.code} {falling[pk][0]:.2f} → {last.code} {falling[pk][1]:.2f}",
        )  # fmt: skip
        for pk, partner, manager in customers
    ]


def expiring_causes(today: date, days: int) -> list[Cause]:
    rows = Resource.objects.filter(
        billing_mode=BillingMode.YEARLY_MONTHLY,
        auto_renew=False,
        expiry__gte=today,
        expiry__lte=today + timedelta(days=days),
        customer__status__in=CURRENT,
    ).values_list(
        "pk", "partner_id", "customer_id", "customer__account_manager", "service", "region", "expiry"
    )
    return [
        Cause(
            partner,
            customer,
            manager,
            AlertScenario.EXPIRING_RESOURCE,
            f"resource {pk} {expiry}",
            f"{service} ({region}) {expiry:%Y-%m-%d}",
        )  # fmt: skip
        for pk, partner, customer, manager, service, region, expiry in rows
    ]


def idle_causes(today: date, days: int) -> list[Cause]:
    since = today - timedelta(days=days)
    recent = DetailLine.objects.filter(period__end__gte=since, revenue__gt=0).values("customer_id")
    last = (
        DetailLine.objects.filter(revenue__gt=0, customer__status__in=CURRENT)
        .exclude(customer_id__in=recent)
        .order_by()
        .values_list("customer_id", "customer__partner_id", "customer__account_manager")
        .annotate(last=Max("period__code"))
    )
    return [
        Cause(partner, customer, manager, AlertScenario.NO_CONSUMPTION, f"idle after {code}", code)
        for customer, partner, manager, code in last.iterator(chunk_size=5000)
    ]


def quota_causes(today: date, share: Decimal) -> list[Cause]:
    rows = (
        _current()
        .filter(budget__gt=0, available_quota__lte=F("budget") * share)
        .values_list("pk", "partner_id", "account_manager", "available_quota", "budget")
    )
    return [
        Cause(
            partner,
            pk,
            manager,
            AlertScenario.QUOTA_LOW,
            f"quota {today:%Y-%m}",
            f"{quota:.2f} / {budget:.2f}",
        )
        for pk, partner, manager, quota, budget in rows
    ]


def all_causes(today: date, *, churn_drop, expiry_days, idle_days, quota_share) -> list[Cause]:
    return [
        *churn_causes(today, churn_drop),
        *expiring_causes(today, expiry_days),
        *idle_causes(today, idle_days),
        *quota_causes(today, quota_share),
    ]


def handlers_of(partner_ids: set[int]) -> dict:
    """(partner, account-manager name) -> the user of that name who manages customers;
    (partner, None) -> the partner's first user who may handle any alert (its admin)."""
    found: dict = {}
    roles = roles_with(Capability.MANAGE_CUSTOMERS) | roles_with(Capability.HANDLE_ANY_ALERT)
    members = (
        Membership.objects.filter(partner_id__in=partner_ids, role__in=roles)
        .select_related("user")
        .order_by("pk")
    )
    for m in members:
        if role_can(m.role, Capability.HANDLE_ANY_ALERT):
            found.setdefault((m.partner_id, None), m.user)
        if role_can(m.role, Capability.MANAGE_CUSTOMERS):
            for name in {m.user.get_full_name(), m.user.get_username()} - {""}:
                found.setdefault((m.partner_id, name), m.user)
    return found
