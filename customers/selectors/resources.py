"""A customer's resources and its renewals due, read only through the partner's own customers."""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..models import BillingMode, Customer, CustomerStatus, Resource
from .customers import managed_customers_for
from .tenancy import PortalUser, manager_name_of, partner_of

RENEWAL_WINDOWS = (7, 15, 30)  # days: the customer page's "renewals due in 7 / 15 / 30 days"


def resources_for(user: PortalUser) -> QuerySet[Resource]:
    """The resources of the partner's own customers (a reseller's customers' are the reseller's)."""
    # A resource carries its customer's partner: asking for both lets PostgreSQL read a window of
    # expiries from (partner, expiry) instead of joining every customer (a resource whose copy
    # disagreed would be hidden, never shown to another partner).
    return Resource.objects.filter(partner=partner_of(user), customer__in=managed_customers_for(user))


def renewals_due(customer: Customer) -> dict[int, int]:
    """{7: n, 15: n, 30: n}: the customer's yearly/monthly resources expiring within each window
    (from today, in the portal's time zone), in one query."""
    today = timezone.localdate()
    windows = {
        f"within_{days}": Count("pk", filter=Q(expiry__lte=today + timedelta(days=days)))
        for days in RENEWAL_WINDOWS
    }
    counted = Resource.objects.filter(
        customer=customer, billing_mode=BillingMode.YEARLY_MONTHLY, expiry__gte=today
    ).aggregate(**windows)
    return {days: counted[f"within_{days}"] for days in RENEWAL_WINDOWS}


def manager_name(user: PortalUser) -> str:
    """The name a sales user carries as `Customer.account_manager` (full name, else username):
    the account-manager scoping's own rule (tenancy.manager_name_of), asked in one place."""
    return manager_name_of(user)


def renewals_of_manager(user: PortalUser, today: date) -> QuerySet[Resource]:
    """The yearly/monthly resources expiring within the longest renewal window (today included)
    of the customers the sales `user` is the account manager of, among the user's own resources
    (resources_for); disassociated customers left out. Soonest first."""
    name = manager_name(user)
    if not name:
        return Resource.objects.none()
    return (
        resources_for(user)
        .filter(
            customer__account_manager=name,
            billing_mode=BillingMode.YEARLY_MONTHLY,
            expiry__gte=today,
            expiry__lte=today + timedelta(days=RENEWAL_WINDOWS[-1]),
        )
        .exclude(customer__status=CustomerStatus.DISASSOCIATED)
        .order_by("expiry", "customer_id", "id")
    )
