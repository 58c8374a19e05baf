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
    InvoiceKind,
    InvoiceMedium,
    InvoiceProfile,
    InvoiceRequest,
    InvoiceRequestStatus,
    InvoiceStatus,
    PayeeProfile,
    PayeeStatus,
    PaymentInvoice,
    PaymentOption,
    PaymentRequest,
    PaymentStatus,
    TitleType,
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


# Invoice requests (issue 15) ---------------------------------------------------------------

IR = InvoiceRequestStatus
# A request in one of these holds its orders; rejected, cancelled and returned ones free them.
LIVE_INVOICE_STATUSES = frozenset(set(IR) - {IR.REJECTED, IR.CANCELLED, IR.RETURNED})
# The partner may ask again for the orders of a request that ended in one of these.
ASK_AGAIN_STATUSES = frozenset({IR.REJECTED, IR.CANCELLED, IR.RETURNED})
DOWNLOADABLE_STATUSES = frozenset({IR.ISSUED, IR.RETURNING, IR.RETURN_REJECTED})
# The partner's actions on a request, and the transition each one is (None: not a transition).
PARTNER_INVOICE_ACTIONS = ("cancel", "sign", "return", "delete", "request_again", "download")


def invoice_cancel_action(request: InvoiceRequest) -> str:
    """The partner's Cancel: straight to Cancelled while pending review, else a cancellation the
    clerk decides (paper invoices being issued only)."""
    return "cancel" if request.status in (IR.PENDING_REVIEW, IR.CANCELLED) else "request_cancel"


def invoice_action_allowed(request: InvoiceRequest, action: str) -> bool:
    """Whether the transition table lets `action` change this request now (for buttons)."""
    from .services.invoice_requests import TRANSITIONS

    rule = TRANSITIONS[action]
    return request.status in rule.sources and request.medium in rule.media


def invoice_partner_actions(request: InvoiceRequest) -> frozenset[str]:
    """What the partner may do with this request in its current status."""
    allowed = set()
    if invoice_action_allowed(request, invoice_cancel_action(request)):
        allowed.add("cancel")
    if invoice_action_allowed(request, "sign"):
        allowed.add("sign")
    if invoice_action_allowed(request, "request_return"):
        allowed.add("return")
    if request.status == IR.REJECTED and request.hidden_at is None:
        allowed.add("delete")
    if request.status in ASK_AGAIN_STATUSES:
        allowed.add("request_again")
    if invoice_downloadable(request):
        allowed.add("download")
    return frozenset(allowed)


def invoice_downloadable(request: InvoiceRequest) -> bool:
    return request.status in DOWNLOADABLE_STATUSES and bool(request.pdf)


def invoice_request_is_live(request: InvoiceRequest) -> bool:
    return request.status in LIVE_INVOICE_STATUSES


# What each kind of invoice needs from the invoice information, with the field's label.
PROFILE_NEEDS = {
    "always": ("title",),
    InvoiceKind.SPECIAL: (
        "tax_id", "registered_address", "registered_phone", "bank_name", "bank_account",
    ),
    InvoiceMedium.ELECTRONIC: ("email",),
    InvoiceMedium.PAPER: ("recipient", "recipient_phone", "mailing_address"),
}  # fmt: skip


def invoice_profile_refusal(profile: InvoiceProfile | None, kind: str, medium: str) -> str:
    """Empty when the invoice information serves this kind and medium, else what is missing."""
    if profile is None:
        return _("Record your invoice information first.")
    if kind == InvoiceKind.SPECIAL and profile.title_type != TitleType.ENTERPRISE:
        return _("A VAT special invoice needs an enterprise title.")
    if profile.title_type == TitleType.ENTERPRISE and not profile.tax_id:
        return _("An enterprise title needs its taxpayer ID.")
    needed = [*PROFILE_NEEDS["always"], *PROFILE_NEEDS.get(kind, ()), *PROFILE_NEEDS[medium]]
    missing = [_field_label(name) for name in needed if not getattr(profile, name)]
    if missing:
        return _("Your invoice information lacks what this invoice needs: %(fields)s.") % {
            "fields": ", ".join(missing)
        }
    return ""


def _field_label(name: str) -> str:
    field = InvoiceProfile._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))
