"""The invoices app's business rules about state, each written once.

Services enforce them; views, the API, the admin and templates ask them. Who may act (roles)
is customers/capabilities.py; these say what the objects' state allows. The payment options
per association type and payee state are `payment_options`, the one rule place for them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import AssociationType

from .models import (
    Hold,
    InvoiceStatus,
    PayeeProfile,
    PayeeStatus,
    PaymentInvoice,
    PaymentOption,
    PaymentRequest,
    PaymentStatus,
)

O, S = PaymentOption, PaymentStatus  # noqa: E741
# The options that need the vendor's finance to pay money out (and so a verified payee).
CASH_OPTIONS = frozenset({O.BANK_TRANSFER})
# Top-up and coupons go straight from Submitted to Paid; only bank transfer takes invoices.
INVOICED_OPTIONS = frozenset({O.BANK_TRANSFER})
# Statuses in which a request still holds its incentives (not cancelled).
ACTIVE_STATUSES = frozenset(set(S) - {S.CANCELLED})
OPEN_STATUSES = frozenset(ACTIVE_STATUSES - {S.PAID})


@dataclass(frozen=True)
class OptionChoice:
    option: PaymentOption
    allowed: bool
    refusal: str  # why not, when not allowed
    needs_profile: bool  # the refusal is fixed on the payee profile page

    @property
    def label(self) -> str:
        return str(self.option.label)


def payee_is_verified(payee: PayeeProfile | None) -> bool:
    return payee is not None and payee.status == PayeeStatus.VERIFIED


def payment_options(association_types: Iterable[str], payee: PayeeProfile | None) -> list[OptionChoice]:
    """Every payment option with whether these incentives and this payee allow it, and why not.

    Bank transfer: referral-type incentives only, and a verified payee profile. Top-up of the
    cloud account and cash coupons: any incentive, no payee needed.
    """
    kinds = set(association_types)
    choices = []
    for option in O:
        refusal, needs_profile = "", False
        if option == O.BANK_TRANSFER:
            if kinds - {AssociationType.REFERRAL}:
                refusal = _("Bank transfer is offered for referral-type incentives only.")
            elif not payee_is_verified(payee):
                needs_profile = True
                refusal = _payee_refusal(payee)
        choices.append(OptionChoice(option, not refusal, refusal, needs_profile))
    return choices


def _payee_refusal(payee: PayeeProfile | None) -> str:
    if payee is None:
        return _("Bank transfer needs a verified payee profile; record your business information first.")
    if payee.status == PayeeStatus.REJECTED:
        return _("Bank transfer needs a verified payee profile; yours was rejected: %(reason)s") % {
            "reason": payee.rejection_reason
        }
    return _("Bank transfer needs a verified payee profile; yours is pending verification.")


def option_refusal(option: str, association_types: Iterable[str], payee: PayeeProfile | None) -> str:
    """Empty when the option is allowed for these incentives, else the reason."""
    for choice in payment_options(association_types, payee):
        if choice.option == option:
            return choice.refusal
    return _("Unknown payment option.")


def hold_is_active(hold: Hold, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return hold.lifted_at is None and hold.since <= today and (hold.until is None or hold.until >= today)


def request_is_cancellable(request: PaymentRequest) -> bool:
    """The partner may cancel only before finance acts."""
    return request.status == S.SUBMITTED


def request_takes_invoices(request: PaymentRequest) -> bool:
    return request.option in INVOICED_OPTIONS and request.status == S.AWAITING_INVOICE


def request_is_open(request: PaymentRequest) -> bool:
    return request.status in OPEN_STATUSES


def request_is_paid(request: PaymentRequest) -> bool:
    return request.status == S.PAID


def invoice_counts(invoice: PaymentInvoice) -> bool:
    """A rejected invoice no longer serves its request (its number stays used)."""
    return invoice.status != InvoiceStatus.REJECTED


def payment_action_allowed(request: PaymentRequest, action: str) -> bool:
    """Whether the transition table lets `action` change this request now (for buttons)."""
    from .services.payments import TRANSITIONS

    rule = TRANSITIONS[action]
    return request.status in rule.sources and request.option in rule.options
