"""Creating an invoice request: by period, by order(s), or by customer and period.

An order is in at most one live request: the submission locks the basis's order rows, and the
partial unique constraint `one_live_invoice_request_per_order` backs that up, so of submissions
racing for the same orders exactly one gets them. Arrears come first: an active hold refuses
the request with its reason. Amounts are tax included; each order's VAT is
amount × rate / (1 + rate) rounded half-up to the cent, and the request's tax the exact sum.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.models import Partner
from customers.selectors import PortalUser
from incentives.money import round_money
from partner_center.errors import Conflict, InvalidInput

from ..invoice_levels import due_at_for
from ..models import (
    InvoiceKind,
    InvoiceMedium,
    InvoiceProfile,
    InvoiceRequest,
    InvoiceRequestOrder,
    InvoiceRequestStatus,
    RequestBasis,
    ResaleOrder,
)
from ..policies import invoice_profile_refusal
from ..selectors.invoice_requests import Basis, clean_basis, invoice_profile_of, orders_of_basis
from ..selectors.payments import active_hold
from .invoice_requests import Actor, record_event

VAT_RATE = Decimal("0.06")  # VAT on cloud services (modern services, 6%)
MAX_ORDERS = 5000
PROFILE_FIELDS = (
    "title_type", "title", "tax_id", "registered_address", "registered_phone", "bank_name", "bank_account",
    "email", "recipient", "recipient_phone", "mailing_address",
)  # fmt: skip


def vat_of(amount: Decimal) -> Decimal:
    """The VAT inside a tax-included amount, to the cent."""
    return round_money(amount * VAT_RATE / (1 + VAT_RATE))


def title_info(profile: InvoiceProfile) -> dict[str, str]:
    return {name: getattr(profile, name) for name in PROFILE_FIELDS}


def invoice_request_submit(
    *,
    user: PortalUser,
    basis: str,
    kind: str,
    medium: str,
    period: str = "",
    customer_id: object = None,
    order_ids: Iterable[str] = (),
) -> InvoiceRequest:
    """The partner's admin or finance user asks for an invoice over the orders of a basis."""
    membership = require_capability(user, Capability.REQUEST_INVOICE)
    partner, actor = membership.partner, membership.user
    chosen = clean_basis(basis, period, customer_id, order_ids)
    if kind not in InvoiceKind.values or medium not in InvoiceMedium.values:
        raise InvalidInput(_("Choose the invoice kind and paper or electronic."))
    hold = active_hold(partner)
    if hold is not None:
        raise Conflict(_("Pay your arrears first; invoice requests are refused while: %(reason)s") % {
            "reason": hold.reason
        })  # fmt: skip
    profile = invoice_profile_of(partner)
    refusal = invoice_profile_refusal(profile, kind, medium)
    if refusal or profile is None:
        raise InvalidInput(refusal)
    try:
        with transaction.atomic():
            orders = list(orders_of_basis(partner, chosen).select_for_update().order_by("pk"))
            taken = dict(
                InvoiceRequestOrder.objects.filter(order__in=orders, live=True).values_list(
                    "order_id", "request_id"
                )
            )
            if chosen.basis == RequestBasis.ORDERS:
                unknown = sorted(set(chosen.order_ids) - {order.order_id for order in orders})
                if unknown:
                    raise InvalidInput(_("No such order of yours: %(ids)s.") % {"ids": ", ".join(unknown)})
                if taken:
                    numbers = sorted({InvoiceRequest(pk=pk).number for pk in taken.values()})
                    raise Conflict(
                        _("Some of these orders are already in invoice request %(numbers)s.")
                        % {"numbers": ", ".join(numbers)}
                    )
            free = [order for order in orders if order.pk not in taken]
            if not free:
                if orders:
                    raise Conflict(_("Every order of this choice is already in an invoice request."))
                raise InvalidInput(_("There are no orders to invoice for this choice."))
            if len(free) > MAX_ORDERS:
                raise InvalidInput(_("One request takes at most %(count)d orders.") % {"count": MAX_ORDERS})
            if len({order.currency for order in free}) > 1:
                raise InvalidInput(_("Orders in different currencies need separate requests."))
            request = _create(partner, chosen, kind, medium, profile, free, actor)
    except IntegrityError:
        raise Conflict(_("These orders were just requested by someone else; refresh the page.")) from None
    return request


def _create(
    partner: Partner,
    chosen: Basis,
    kind: str,
    medium: str,
    profile: InvoiceProfile,
    orders: list[ResaleOrder],
    actor: Actor,
) -> InvoiceRequest:
    items = [(order, order.amount, vat_of(order.amount)) for order in orders]
    now = timezone.now()
    request = InvoiceRequest.objects.create(
        partner=partner, basis=chosen.basis, period=chosen.period, customer_id=chosen.customer_id,
        kind=kind, medium=medium, total=sum((amount for _o, amount, _t in items), Decimal("0.00")),
        tax_amount=sum((tax for _o, _a, tax in items), Decimal("0.00")), currency=orders[0].currency,
        title_info=title_info(profile), submitted_by=actor, status_changed_at=now,
        due_at=due_at_for(InvoiceRequestStatus.PENDING_REVIEW, medium, now),
    )  # fmt: skip
    InvoiceRequestOrder.objects.bulk_create(
        InvoiceRequestOrder(request=request, order=order, amount=amount, tax_amount=tax)
        for order, amount, tax in items
    )
    record_event(
        request=request, action="submit", old="", new=InvoiceRequestStatus.PENDING_REVIEW, actor=actor
    )
    return request
