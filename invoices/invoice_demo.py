"""Demo data of invoice requests, called by seed_demo: Demo Distributor's resale orders (one per
order of its detail lines: the order's revenue, tax included), its invoice information, and one
request in each of the eleven statuses, each over one order of the oldest period, made through
the services so the timeline is real. The other orders stay invoiceable; a second run adds nothing."""

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from customers.models import Partner
from incentives.models import DetailLine

from .models import InvoiceProfile, InvoiceRequestStatus, ResaleOrder
from .services.invoice_issue import invoice_request_issue, invoice_request_mail
from .services.invoice_requests import invoice_request_cancel, invoice_request_sign, transition
from .services.invoice_submit import invoice_request_submit

S = InvoiceRequestStatus
PROFILE = {
    "title_type": "enterprise", "title": "Demo Distributor Co., Ltd.", "tax_id": "913100007109318473",
    "registered_address": "88 Century Avenue, Pudong, Shanghai", "registered_phone": "021-68880000",
    "bank_name": "China Merchants Bank, Shanghai Branch", "bank_account": "6214830212345678",
    "email": "invoices@demo-distributor.example", "recipient": "Zhang Min", "recipient_phone": "13912345678",
    "mailing_address": "88 Century Avenue, Pudong, Shanghai 200120",
}  # fmt: skip
# status -> (paper or electronic, the steps after the request)
PATHS: dict[str, tuple[str, list[str]]] = {
    S.PENDING_REVIEW: ("electronic", []),
    S.REJECTED: ("paper", ["reject"]),
    S.ISSUING: ("paper", ["approve"]),
    S.CANCELLING: ("paper", ["approve", "cancel"]),
    S.CANCELLED: ("electronic", ["cancel"]),
    S.CANCEL_FAILED: ("paper", ["approve", "cancel", "reject_cancel"]),
    S.PENDING_RECEIPT: ("paper", ["approve", "mail"]),
    S.ISSUED: ("electronic", ["approve", "issue"]),
    S.RETURNING: ("electronic", ["approve", "issue", "request_return"]),
    S.RETURN_REJECTED: ("paper", ["approve", "mail", "sign", "request_return", "reject_return"]),
    S.RETURNED: ("electronic", ["approve", "issue", "request_return", "approve_return"]),
}
REASONS = {
    "reject": "The tax ID does not match the invoice title; please correct the invoice information.",
    "reject_cancel": "The invoice was already printed and handed to the carrier.",
    "request_return": "The amount of one order is disputed.",
    "reject_return": "The disputed order was billed correctly; see the order's bill.",
}


def seed_invoice_requests(*, partner: Partner, finance: User, operator: User) -> None:
    if ResaleOrder.objects.filter(partner=partner).exists():
        return
    with transaction.atomic():
        _orders(partner)
        InvoiceProfile.objects.create(partner=partner, updated_by=finance, **PROFILE)
        first = ResaleOrder.objects.filter(partner=partner).order_by("period", "order_id")[: len(PATHS)]
        for (medium, steps), order in zip(PATHS.values(), first, strict=False):
            request = invoice_request_submit(
                user=finance, basis="orders", order_ids=[order.order_id], kind="ordinary", medium=medium
            )
            for step in steps:
                _step(request.pk, step, finance, operator)


def _step(request_id: int, step: str, finance: User, operator: User) -> None:
    if step == "cancel":
        invoice_request_cancel(request_id=request_id, actor=finance)
    elif step == "sign":
        invoice_request_sign(request_id=request_id, actor=finance)
    elif step == "issue":
        invoice_request_issue(request_id=request_id, actor=operator)
    elif step == "mail":
        invoice_request_mail(
            request_id=request_id, actor=operator, carrier="SF Express", tracking_number="SF1402938475"
        )
    else:
        actor = finance if step == "request_return" else operator
        transition(request_id=request_id, action=step, actor=actor, reason=REASONS.get(step, ""))


def _orders(partner: Partner) -> int:
    """One resale order per order of the partner's detail lines: the sum over its products of
    the product's revenue (an order counted by several programs is counted once)."""
    products = (
        DetailLine.objects.filter(partner=partner)
        .values("order_id", "product_type", "customer_id", "period__code")
        .annotate(revenue=Max("revenue"))
        .order_by("order_id")
    )
    orders: dict[str, dict] = defaultdict(lambda: {"amount": Decimal("0.00")})
    for row in products.iterator(chunk_size=2000):
        order = orders[row["order_id"]]
        order.setdefault("customer_id", row["customer_id"])
        order.setdefault("period", row["period__code"])
        order.setdefault("product_type", row["product_type"])
        order["amount"] += row["revenue"]
    made = ResaleOrder.objects.bulk_create(
        ResaleOrder(partner=partner, order_id=order_id, **values)
        for order_id, values in orders.items()
        if values["amount"] > 0
    )
    return len(made)
