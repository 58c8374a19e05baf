"""The voucher module's rules about state, each written once.

Services enforce them; views, the API, the admin and templates (`{% load voucher_policies %}`)
ask them. Who may act is customers/capabilities.py.
"""

from datetime import date
from decimal import Decimal

from .models import Operation, Voucher, VoucherQuota, VoucherStatus

# every operation type but the issue is a recall; all but the manual one are the system's
RECALLS = tuple(op for op in Operation if op != Operation.ISSUE)
SYSTEM_RECALLS = tuple(op for op in RECALLS if op != Operation.MANUAL_RECALL)
MAX_VOUCHER = Decimal("9999999999.99")


def voucher_is_recallable(voucher: Voucher) -> bool:
    """Only an active voucher is recalled; a recall returns its unused amount to the quota."""
    return voucher.status == VoucherStatus.ACTIVE


def voucher_has_expired(voucher: Voucher, today: date) -> bool:
    return voucher.status == VoucherStatus.ACTIVE and voucher.valid_until < today


def quota_is_open(quota: VoucherQuota, today: date) -> bool:
    """Vouchers are issued from a quota only within its validity."""
    return quota.valid_from <= today <= quota.valid_until


def scope_within(voucher_scope: list[str], quota_scope: list[str]) -> bool:
    """A voucher's products lie within its quota's (an empty quota scope is every product)."""
    return not quota_scope or set(voucher_scope) <= set(quota_scope)
