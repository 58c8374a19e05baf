"""Payment request status changes: the one transition table and one service per transition.

A change locks the request row, checks TRANSITIONS (statuses and payment options), saves with
update_fields and writes an append-only PaymentEvent in the same transaction. Repeating a
change that already happened is a no-op success (Transition.changed is False). `actor=None`
is the system. Creating a request is payment_request_submit (services/payment_submit.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_center.errors import Conflict, InvalidInput

from ..models import InvoiceStatus, PaymentEvent, PaymentOption, PaymentRequest, PaymentStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Actor: TypeAlias = "User | None"
S, O = PaymentStatus, PaymentOption  # noqa: E741
BANK = frozenset({O.BANK_TRANSFER})
CREDIT = frozenset({O.TOP_UP, O.COUPONS})
ALL = frozenset(O)


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]  # the statuses it may start from
    to: str
    done: frozenset[str]  # where repeating it is a no-op success
    options: frozenset[str]  # the payment options it applies to
    verb: object  # "… can be %(verb)s"


# The only status changes there are (creation is "submit": none -> Submitted).
TRANSITIONS: dict[str, Rule] = {
    # finance accepts a bank-transfer request and asks the partner for its invoice
    "accept": Rule(frozenset({S.SUBMITTED}), S.AWAITING_INVOICE, frozenset({S.AWAITING_INVOICE}), BANK,
                   gettext_lazy("accepted")),
    # the partner hands in invoices that add up to the request
    "submit_invoices": Rule(frozenset({S.AWAITING_INVOICE}), S.INVOICE_REVIEW, frozenset({S.INVOICE_REVIEW}),
                            BANK, gettext_lazy("sent to invoice review")),
    # finance approves the invoices
    "approve": Rule(frozenset({S.INVOICE_REVIEW}), S.APPROVED, frozenset({S.APPROVED}), BANK,
                    gettext_lazy("approved")),
    # finance rejects the invoices, with a reason: the partner invoices again
    "reject_invoice": Rule(frozenset({S.INVOICE_REVIEW}), S.AWAITING_INVOICE, frozenset(), BANK,
                           gettext_lazy("rejected")),
    # finance records the bank transfer
    "pay": Rule(frozenset({S.APPROVED}), S.PAID, frozenset({S.PAID}), BANK, gettext_lazy("paid")),
    # finance records the top-up or the coupons
    "fulfil": Rule(frozenset({S.SUBMITTED}), S.PAID, frozenset({S.PAID}), CREDIT, gettext_lazy("paid")),
    # the bank returned the transfer (reason)
    "fail": Rule(frozenset({S.APPROVED}), S.PAYMENT_FAILED, frozenset({S.PAYMENT_FAILED}), BANK,
                 gettext_lazy("marked as failed")),
    # finance retries a failed payment
    "retry": Rule(frozenset({S.PAYMENT_FAILED}), S.APPROVED, frozenset(), BANK, gettext_lazy("retried")),
    # the partner cancels before finance acts
    "cancel": Rule(frozenset({S.SUBMITTED}), S.CANCELLED, frozenset({S.CANCELLED}), ALL,
                   gettext_lazy("cancelled")),
}  # fmt: skip


@dataclass(frozen=True)
class Transition:
    request: PaymentRequest
    changed: bool


def actor_label(actor: Actor) -> str:
    return _("System") if actor is None else actor.get_username()


def record_event(
    *, request: PaymentRequest, action: str, old: str, new: str, actor: Actor, reason: str = ""
) -> PaymentEvent:
    event = PaymentEvent(
        request=request,
        action=action,
        old_status=old,
        new_status=new,
        actor=actor,
        actor_label=actor_label(actor),
        reason=reason,
    )
    event.save()
    return event


def transition(
    *,
    request_id: int,
    action: str,
    actor: Actor,
    reason: str = "",
    check: Callable[[PaymentRequest], None] | None = None,
    effects: Callable[[PaymentRequest], None] | None = None,
    **fields: object,
) -> Transition:
    """The one way a request's status changes. `check` may refuse (under the lock), `effects`
    writes what goes with the change (same transaction)."""
    rule = TRANSITIONS[action]
    with transaction.atomic():
        request = PaymentRequest.objects.select_for_update().get(pk=request_id)
        if request.option not in rule.options:
            raise Conflict(
                _("A %(option)s request cannot be %(verb)s.")
                % {"option": O(request.option).label, "verb": rule.verb}
            )
        if request.status in rule.done:
            return Transition(request, changed=False)
        old = request.status
        if old not in rule.sources:
            raise Conflict(
                _("Payment request %(number)s cannot be %(verb)s: it is %(status)s.")
                % {"number": request.number, "verb": rule.verb, "status": S(old).label}
            )
        if check is not None:
            check(request)
        request.status = rule.to
        request.status_changed_at = timezone.now()
        for name, value in fields.items():
            setattr(request, name, value)
        request.save(update_fields=["status", "status_changed_at", *fields])
        if effects is not None:
            effects(request)
        record_event(request=request, action=action, old=old, new=rule.to, actor=actor, reason=reason)
    _notify(request, action)
    return Transition(request, changed=True)


def _notify(request: PaymentRequest, action: str) -> None:
    from .payment_mail import payment_notify

    transaction.on_commit(lambda: payment_notify(request_id=request.pk, action=action))


def _required(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(message)
    return reason


def payment_accept(*, request_id: int, actor: Actor) -> Transition:
    """Submitted -> Awaiting invoice (bank transfer): finance asks for the partner's invoice."""
    return transition(request_id=request_id, action="accept", actor=actor)


def payment_approve(*, request_id: int, actor: Actor) -> Transition:
    """Invoice review -> Approved: the invoices are accepted."""

    def approve_invoices(request: PaymentRequest) -> None:
        request.invoices.filter(status=InvoiceStatus.SUBMITTED).update(status=InvoiceStatus.APPROVED)

    return transition(request_id=request_id, action="approve", actor=actor, effects=approve_invoices)


def payment_reject_invoice(*, request_id: int, actor: Actor, reason: str) -> Transition:
    """Invoice review -> Awaiting invoice, with the reason; the invoices under review are rejected."""
    reason = _required(reason, _("A reason is required to reject an invoice."))

    def reject_invoices(request: PaymentRequest) -> None:
        request.invoices.filter(status=InvoiceStatus.SUBMITTED).update(
            status=InvoiceStatus.REJECTED, rejection_reason=reason
        )

    return transition(
        request_id=request_id, action="reject_invoice", actor=actor, reason=reason, effects=reject_invoices
    )


def payment_record_paid(
    *, request_id: int, actor: Actor, paid_on: date, reference: str, amount: Decimal | None = None
) -> Transition:
    """Approved -> Paid (bank transfer, the amount must equal the request), or Submitted -> Paid
    (top-up, coupons: valid one year from issue)."""
    option = PaymentRequest.objects.values_list("option", flat=True).get(pk=request_id)
    reference = (reference or "").strip()
    if option == O.BANK_TRANSFER and not reference:
        raise InvalidInput(_("Enter the reference shown on the bank statement."))
    if paid_on is None or paid_on > timezone.localdate():
        raise InvalidInput(_("The payment date cannot be in the future."))

    def same_amount(request: PaymentRequest) -> None:
        if option == O.BANK_TRANSFER and amount != request.total:
            raise InvalidInput(
                _("The amount paid must equal the request's %(total)s.") % {"total": request.total}
            )

    def paid_in_full(request: PaymentRequest) -> None:
        request.paid_amount = request.total
        request.save(update_fields=["paid_amount"])

    fields: dict[str, object] = {"paid_on": paid_on, "payment_reference": reference}
    if option == O.COUPONS:
        fields["coupons_valid_until"] = one_year_after(paid_on)
    return transition(
        request_id=request_id,
        action="pay" if option == O.BANK_TRANSFER else "fulfil",
        actor=actor,
        reason=reference,
        check=same_amount,
        effects=paid_in_full,
        **fields,
    )


def one_year_after(day: date) -> date:
    """The same day a year later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def payment_record_failure(*, request_id: int, actor: Actor, reason: str) -> Transition:
    """Approved -> Payment failed, with the reason (e.g. the bank returned the transfer)."""
    reason = _required(reason, _("A reason is required to record a failed payment."))
    return transition(request_id=request_id, action="fail", actor=actor, reason=reason)


def payment_retry(*, request_id: int, actor: Actor) -> Transition:
    """Payment failed -> Approved: finance pays again."""
    return transition(request_id=request_id, action="retry", actor=actor)


def payment_cancel(*, request_id: int, actor: Actor, reason: str = "") -> Transition:
    """Submitted -> Cancelled by the partner; its incentives become payable again."""

    def release_items(request: PaymentRequest) -> None:
        request.items.update(active=False)

    return transition(
        request_id=request_id,
        action="cancel",
        actor=actor,
        reason=(reason or "").strip(),
        effects=release_items,
    )
