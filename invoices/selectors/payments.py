"""The partner's payable incentives, payment requests, payee profile and holds."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Partner
from customers.selectors import PortalUser, managed_names, partner_of, partner_scoped
from incentives.models import Incentive, StatementStatus

from ..models import (
    Hold,
    PayeeProfile,
    PaymentEvent,
    PaymentInvoice,
    PaymentRequest,
    PaymentRequestItem,
    PaymentStatus,
)
from ..policies import invoice_counts


def payment_requests_for(user: PortalUser) -> QuerySet[PaymentRequest]:
    """The partner's payment requests; none for a sales user, whose figures are their own
    customers' only (a request pays whole incentives, every account manager's)."""
    if managed_names(user) is not None:
        return PaymentRequest.objects.none()
    return partner_scoped(PaymentRequest.objects.all(), user)


def payable_incentives(partner: Partner) -> QuerySet[Incentive]:
    """Incentives of bills Issued successfully, with an amount, not in an active request."""
    in_request = PaymentRequestItem.objects.filter(incentive=OuterRef("pk"), active=True)
    return (
        Incentive.objects.filter(
            statement__partner=partner, statement__status=StatementStatus.ISSUED, amount__gt=0
        )
        .exclude(Exists(in_request))
        .select_related("program", "statement__period")
        .order_by("statement__period__code", "incentive_id")
    )


def payable_for(user: PortalUser) -> QuerySet[Incentive]:
    """The partner's payable incentives; none for a sales user (see payment_requests_for)."""
    partner = partner_of(user)
    if partner is None or managed_names(user) is not None:
        return Incentive.objects.none()
    return payable_incentives(partner)


def payee_of(partner: Partner | None) -> PayeeProfile | None:
    if partner is None:
        return None
    return PayeeProfile.objects.filter(partner=partner).first()


def payee_for(user: PortalUser) -> PayeeProfile | None:
    return payee_of(partner_of(user))


def active_hold(partner: Partner | None, today: date | None = None) -> Hold | None:
    """The partner's hold in force today (the oldest, when several are), or None."""
    if partner is None:
        return None
    today = today or timezone.localdate()
    return (
        Hold.objects.filter(partner=partner, lifted_at__isnull=True, since__lte=today)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .order_by("since", "pk")
        .first()
    )


def active_hold_for(user: PortalUser) -> Hold | None:
    return active_hold(partner_of(user))


def request_items(request: PaymentRequest) -> list[PaymentRequestItem]:
    return list(
        request.items.select_related("incentive__program", "incentive__statement__period").order_by(
            "incentive__statement__period__code", "incentive__incentive_id"
        )
    )


def request_invoices(request: PaymentRequest) -> list[PaymentInvoice]:
    return list(request.invoices.order_by("uploaded_at", "pk"))


def request_events(request: PaymentRequest) -> QuerySet[PaymentEvent]:
    """The request's audit trail, oldest first: its timeline."""
    return request.events.order_by("created_at", "id")


@dataclass(frozen=True)
class InvoiceSums:
    amount: Decimal
    tax: Decimal
    missing: Decimal  # what the counted invoices still lack to equal the request (negative: too much)


def invoice_sums(request: PaymentRequest, invoices: list[PaymentInvoice] | None = None) -> InvoiceSums:
    """Totals of the invoices that serve the request (rejected ones do not)."""
    counted = [i for i in (request_invoices(request) if invoices is None else invoices) if invoice_counts(i)]
    amount = sum((i.amount for i in counted), Decimal("0.00"))
    tax = sum((i.tax_amount for i in counted), Decimal("0.00"))
    return InvoiceSums(amount=amount, tax=tax, missing=request.total - amount)


def payout_statuses(incentive_ids: list[int]) -> dict[int, PaymentRequest]:
    """The active payment request of each of these incentives (by incentive pk), in one query."""
    items = PaymentRequestItem.objects.filter(incentive_id__in=incentive_ids, active=True).select_related(
        "request"
    )
    return {item.incentive_id: item.request for item in items}


@dataclass(frozen=True)
class Payout:
    """An issued incentive's payout as the Summary and the incentive page show it."""

    status: str  # a PaymentStatus value, or "pending_submission"
    label: str
    request: PaymentRequest | None


def payouts_by_incentive_id(incentive_ids: list[str]) -> dict[str, Payout]:
    """The payout of each of these (issued) incentives, by Incentive ID, in one query."""
    if not incentive_ids:
        return {}
    items = PaymentRequestItem.objects.filter(
        incentive__incentive_id__in=incentive_ids, active=True
    ).select_related("request", "incentive")
    by_id = {item.incentive.incentive_id: item.request for item in items}
    payouts = {}
    for incentive_id in incentive_ids:
        request = by_id.get(incentive_id)
        if request is None:
            payouts[incentive_id] = Payout("pending_submission", str(_("Pending submission")), None)
        else:
            payouts[incentive_id] = Payout(request.status, request.get_status_display(), request)
    return payouts


def payment_todo_for(user: PortalUser) -> tuple[list[PaymentRequest], int]:
    """What waits for the partner: requests awaiting its invoice, and how many incentives are
    payable (both for the overview's to-do list)."""
    waiting = list(
        payment_requests_for(user).filter(status=PaymentStatus.AWAITING_INVOICE).order_by("submitted_at")[:5]
    )
    return waiting, payable_for(user).count()
