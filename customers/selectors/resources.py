"""A customer's resources and its renewals due, read only through the partner's own customers."""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..models import BillingMode, Customer, Resource
from .customers import managed_customers_for
from .tenancy import PortalUser

RENEWAL_WINDOWS = (7, 15, 30)  # days: the customer page's "renewals due in 7 / 15 / 30 days"


def resources_for(user: PortalUser) -> QuerySet[Resource]:
    """The resources of the partner's own customers (a reseller's customers' are the reseller's)."""
    return Resource.objects.filter(customer__in=managed_customers_for(user))


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
