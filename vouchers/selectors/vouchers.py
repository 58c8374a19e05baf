"""Partner-scoped reads: quotas, vouchers and the operation log (another partner's is a 404)."""

from datetime import date, timedelta

from django.db.models import F, QuerySet

from customers.models import Customer, CustomerStatus
from customers.selectors import PortalUser, partner_of, partner_scoped

from ..models import OperationRecord, Voucher, VoucherQuota, VoucherStatus

EXPIRING_DAYS = 7  # a customer's page lists its vouchers expiring within this many days


def quotas_for(user: PortalUser) -> QuerySet[VoucherQuota]:
    return partner_scoped(VoucherQuota.objects.all(), user)


def vouchers_for(user: PortalUser) -> QuerySet[Voucher]:
    return partner_scoped(Voucher.objects.all(), user).select_related("customer", "quota", "issued_by")


def vouchers_expiring_for(
    user: PortalUser, customer: Customer, today: date, days: int = EXPIRING_DAYS
) -> QuerySet[Voucher]:
    """The customer's active vouchers with an unused amount whose validity ends within `days`
    from `today` (today included), soonest first; only the user's partner's vouchers."""
    return (
        vouchers_for(user)
        .filter(
            customer=customer,
            status=VoucherStatus.ACTIVE,
            used_amount__lt=F("amount"),
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=days),
        )
        .order_by("valid_until", "id")
    )


def records_for(user: PortalUser) -> QuerySet[OperationRecord]:
    return partner_scoped(OperationRecord.objects.all(), user).order_by("-at", "-id")


def voucher_history(voucher: Voucher) -> QuerySet[OperationRecord]:
    """The voucher's own records (its issue and its recalls, failed attempts too), oldest first."""
    return OperationRecord.objects.filter(voucher=voucher).order_by("at", "id")


def issuable_customers(user: PortalUser) -> QuerySet[Customer]:
    """The partner's own associated customers: the only ones a voucher goes to."""
    partner = partner_of(user)
    if partner is None:
        return Customer.objects.none()
    return (
        Customer.objects.filter(partner=partner).exclude(status=CustomerStatus.DISASSOCIATED).order_by("name")
    )


def records_of_partner(partner_id: int) -> QuerySet[OperationRecord]:
    """The export worker's read: the job's partner's records (the job was scoped when asked)."""
    return OperationRecord.objects.filter(partner_id=partner_id)
