"""Issuing a voucher from a quota to one of the partner's own customers.

The quota row is locked first (select_for_update), so concurrent issues from one quota run one
after another and each sees what the previous left; the database's check constraint
(voucher_quota_never_overdrawn) refuses an overdraw even if a path forgot the lock.
Every attempt, refused or not, is written to the operation log.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.models import Customer, CustomerStatus
from customers.selectors import PortalUser
from partner_center.errors import Conflict, InvalidInput, NotFound
from partner_center.formatting import money

from ..models import Operation, Voucher, VoucherQuota
from ..models.quotas import scope_list
from ..policies import MAX_VOUCHER, quota_is_open, scope_within
from .log import Attempt, failures_logged, succeeded


def parse_amount(value: object) -> Decimal:
    """An amount above 0 with at most two decimal places."""
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise InvalidInput(_("%(value)s is not an amount.") % {"value": str(value)[:40]}) from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")) or not 0 < amount <= MAX_VOUCHER:
        raise InvalidInput(_("Enter an amount above 0 with at most 2 decimal places."))
    return amount.quantize(Decimal("0.01"))


def _customer(partner_id: int, customer_id: int | None) -> Customer:
    customer = Customer.objects.filter(pk=customer_id, partner_id=partner_id).first() if customer_id else None
    if customer is None:
        # "another partner's" and "no such" read the same
        raise InvalidInput(_("The customer is not one of your customers."), code="not_your_customer")
    if customer.status == CustomerStatus.DISASSOCIATED:
        raise InvalidInput(_("The customer is no longer associated with you."), code="not_your_customer")
    return customer


def voucher_issue(
    *,
    actor: PortalUser,
    quota_id: int,
    customer_id: int,
    amount: object,
    valid_until: date | None,
    product_scope: str = "",
) -> Voucher:
    """A voucher of `amount` for the customer, valid from today until `valid_until` (within the
    quota's validity), for products within the quota's scope (empty: the quota's whole scope)."""
    membership = require_capability(actor, Capability.ISSUE_VOUCHER)
    attempt = Attempt(partner_id=membership.partner_id, operation=Operation.ISSUE, operator=membership.user)
    with failures_logged(attempt), transaction.atomic():
        quota = VoucherQuota.objects.filter(pk=quota_id, partner_id=membership.partner_id).first()
        if quota is None:
            raise NotFound(_("No such voucher quota among yours."))
        attempt.quota = quota
        attempt.customer = _customer(membership.partner_id, customer_id)
        attempt.amount = value = parse_amount(amount)
        today = timezone.localdate()
        if not quota_is_open(quota, today):
            raise Conflict(
                _("Quota %(number)s is valid from %(start)s to %(end)s; vouchers are issued only then.")
                % {"number": quota.number, "start": quota.valid_from, "end": quota.valid_until},
                code="quota_not_valid",
            )
        if valid_until is None or not today <= valid_until <= quota.valid_until:
            raise InvalidInput(
                _("The voucher must be valid until a day from today to %(end)s (the quota's end).")
                % {"end": quota.valid_until}
            )
        products = scope_list(product_scope) or quota.products
        if not scope_within(products, quota.products):
            raise InvalidInput(
                _("The products must lie within the quota's scope: %(scope)s.")
                % {"scope": quota.product_scope}
            )
        quota = VoucherQuota.objects.select_for_update().get(pk=quota.pk)  # serialises issues per quota
        if value > quota.remaining_amount:
            raise Conflict(
                _("The quota's remaining amount, %(left)s, is less than %(amount)s.")
                % {
                    "left": money(quota.remaining_amount, quota.currency),
                    "amount": money(value, quota.currency),
                },
                code="quota_short",
            )
        voucher = Voucher.objects.create(
            partner_id=membership.partner_id, quota=quota, customer=attempt.customer, amount=value,
            valid_from=today, valid_until=valid_until, product_scope=", ".join(products),
            issued_by=membership.user,
        )  # fmt: skip
        VoucherQuota.objects.filter(pk=quota.pk).update(issued_amount=F("issued_amount") + value)
        attempt.voucher = voucher
        succeeded(attempt)
        return voucher
