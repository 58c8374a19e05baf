"""The partner's customer alerts: a sales user sees those they handle or whose customer they manage."""

from django.db.models import Q, QuerySet

from customers.capabilities import Capability, user_can
from customers.selectors import PortalUser, managed_names, partner_scoped

from ..models import AlertEvent, AlertStatus, CustomerAlert


def alerts_for(user: PortalUser) -> QuerySet[CustomerAlert]:
    """The partner's alerts; a sales user's: those they handle or of customers they (or their team) manage."""
    alerts = partner_scoped(CustomerAlert.objects.all(), user)
    names = managed_names(user)
    if names is not None:
        alerts = alerts.filter(Q(handler_id=user.pk) | Q(account_manager__in=sorted(names)))
    return alerts


def alerts_to_handle(user: PortalUser) -> QuerySet[CustomerAlert]:
    """*Handle alerts*: the open alerts the user may process (all open ones for the admin)."""
    alerts = alerts_for(user).filter(status=AlertStatus.OPEN)
    if not user_can(user, Capability.HANDLE_ANY_ALERT):
        alerts = alerts.filter(handler_id=user.pk)
    return alerts


def alert_managers(user: PortalUser) -> list[str]:
    names = alerts_for(user).exclude(account_manager="").values_list("account_manager", flat=True)
    return sorted(set(names.order_by().distinct()))


def alert_events(alert: CustomerAlert) -> QuerySet[AlertEvent]:
    return alert.events.order_by("-created_at", "-id")
