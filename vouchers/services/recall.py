"""Recalls: the partner's manual recall and the system's eight (unbinding, expiry,
unsubscription, refund reversal, association change, association-mode change, transfer).

One transition (TRANSITIONS): Active -> Recalled, the same for every operation type. It locks
the voucher and then its quota (always in that order), returns the unused amount to the quota,
and writes the operation record in the same transaction. Recalling a recalled voucher is a
no-op success and writes nothing, so a job run twice recalls once.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.selectors import PortalUser
from partner_center.errors import Conflict, InvalidInput, NotFound

from ..models import Operation, Voucher, VoucherQuota, VoucherStatus
from ..policies import RECALLS, SYSTEM_RECALLS
from .log import Attempt, failures_logged, succeeded

V = VoucherStatus
# operation -> (from, to, statuses in which it is already done)
TRANSITIONS: dict[str, tuple[frozenset[str], str, frozenset[str]]] = {
    op: (frozenset({V.ACTIVE}), V.RECALLED, frozenset({V.RECALLED})) for op in RECALLS
}
REASON_MAX = 500


@dataclass(frozen=True)
class Recall:
    voucher: Voucher
    changed: bool


def _recall(voucher_id: int, operation: str, attempt: Attempt, reason: str) -> Recall:
    with failures_logged(attempt), transaction.atomic():
        voucher = Voucher.objects.select_for_update().select_related("customer", "quota").get(pk=voucher_id)
        attempt.voucher, attempt.customer, attempt.quota = voucher, voucher.customer, voucher.quota
        attempt.partner_id = voucher.partner_id
        sources, to, done = TRANSITIONS[operation]
        if voucher.status in done:
            return Recall(voucher, changed=False)
        if voucher.status not in sources:
            raise Conflict(_("Voucher %(number)s cannot be recalled now.") % {"number": voucher.number})
        quota = VoucherQuota.objects.select_for_update().get(pk=voucher.quota_id)
        returned = voucher.unused_amount
        voucher.status, voucher.recall_operation = to, operation
        voucher.returned_amount, voucher.recalled_at = returned, timezone.now()
        voucher.save(update_fields=["status", "recall_operation", "returned_amount", "recalled_at"])
        VoucherQuota.objects.filter(pk=quota.pk).update(recalled_amount=F("recalled_amount") + returned)
        attempt.amount = returned
        succeeded(attempt, reason)
        return Recall(voucher, changed=True)


def voucher_recall(*, actor: PortalUser, voucher_id: int, reason: str = "") -> Recall:
    """The partner recalls one of its vouchers by hand."""
    membership = require_capability(actor, Capability.RECALL_VOUCHER)
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise InvalidInput(_("The reason may be at most %(max)d characters.") % {"max": REASON_MAX})
    if not Voucher.objects.filter(pk=voucher_id, partner_id=membership.partner_id).exists():
        raise NotFound(_("No such voucher among yours."))
    attempt = Attempt(membership.partner_id, Operation.MANUAL_RECALL, membership.user)
    return _recall(voucher_id, Operation.MANUAL_RECALL, attempt, reason)


def voucher_system_recall(*, voucher_id: int, operation: str, actor=None, reason: str = "") -> Recall:
    """A recall the system makes (actor None), or an operator records for it in the admin."""
    if operation not in SYSTEM_RECALLS:
        raise InvalidInput(_("Unknown kind of system recall."))
    if not Voucher.objects.filter(pk=voucher_id).exists():
        raise NotFound(_("No such voucher."))
    return _recall(
        voucher_id, operation, Attempt(None, operation, actor), (reason or "").strip()[:REASON_MAX]
    )


def vouchers_recall_for_customer(*, customer_id: int, operation: str, actor=None, reason: str = "") -> int:
    """Every active voucher of a customer (on unbinding, unsubscription, a change of association
    or of association mode, a transfer, a refund reversal); how many were recalled."""
    ids = Voucher.objects.filter(customer_id=customer_id, status=V.ACTIVE).values_list("pk", flat=True)
    return sum(
        voucher_system_recall(voucher_id=pk, operation=operation, actor=actor, reason=reason).changed
        for pk in list(ids)
    )


def vouchers_recall_expired(*, today: date | None = None) -> int:
    """The daily job: active vouchers past their last valid day are recalled (on expiry)."""
    today = today or timezone.localdate()
    ids = Voucher.objects.filter(status=V.ACTIVE, valid_until__lt=today).values_list("pk", flat=True)
    return sum(
        voucher_system_recall(voucher_id=pk, operation=Operation.RECALL_EXPIRY).changed for pk in list(ids)
    )


def voucher_record_usage(*, voucher_id: int, used_amount: object) -> Voucher:
    """The billing system reports what the customer has spent of a voucher (never less than before)."""
    from .issue import parse_amount

    with transaction.atomic():
        voucher = Voucher.objects.select_for_update().get(pk=voucher_id)
        used = parse_amount(used_amount)
        if voucher.status != V.ACTIVE or used < voucher.used_amount or used > voucher.amount:
            raise Conflict(_("This usage does not fit voucher %(number)s.") % {"number": voucher.number})
        voucher.used_amount = used
        voucher.save(update_fields=["used_amount"])
        return voucher
