"""The partner's invoiceable orders, invoice requests and invoice information, each scoped to
the user's partner (another partner's request is a 404)."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from customers.models import Customer, Partner
from customers.selectors import PortalUser, partner_of, partner_scoped
from partner_center.errors import InvalidInput

from ..models import (
    InvoiceKind,
    InvoiceMedium,
    InvoiceProfile,
    InvoiceRequest,
    InvoiceRequestEvent,
    InvoiceRequestOrder,
    InvoiceRequestStatus,
    RequestBasis,
    ResaleOrder,
)

ZERO = Decimal("0.00")
PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def invoice_requests_for(user: PortalUser) -> QuerySet[InvoiceRequest]:
    """The partner's requests, deleted ones included (the list hides those itself)."""
    return partner_scoped(InvoiceRequest.objects.all(), user)


def invoice_profile_of(partner: Partner | None) -> InvoiceProfile | None:
    return None if partner is None else InvoiceProfile.objects.filter(partner=partner).first()


def invoice_profile_for(user: PortalUser) -> InvoiceProfile | None:
    return invoice_profile_of(partner_of(user))


def _in_live_request() -> Exists:
    return Exists(InvoiceRequestOrder.objects.filter(order=OuterRef("pk"), live=True))


@dataclass(frozen=True)
class Basis:
    basis: str
    period: str = ""
    customer_id: int | None = None
    order_ids: tuple[str, ...] = ()


def clean_basis(
    basis: str, period: str = "", customer_id: object = None, order_ids: Iterable[str] = ()
) -> Basis:
    """The chosen basis with what it needs, or InvalidInput saying what is missing."""
    period = (period or "").strip()
    ids = tuple(sorted({str(value).strip() for value in order_ids if str(value).strip()}))
    if basis == RequestBasis.PERIOD:
        if not period:
            raise InvalidInput(_("Choose a billing period."))
        return Basis(basis, period=period)
    if basis == RequestBasis.CUSTOMER:
        if not period or not customer_id:
            raise InvalidInput(_("Choose a customer and a billing period."))
        try:
            customer = int(str(customer_id))
        except ValueError:
            raise InvalidInput(_("Choose a customer and a billing period.")) from None
        return Basis(basis, period=period, customer_id=customer)
    if basis == RequestBasis.ORDERS:
        if not ids:
            raise InvalidInput(_("Enter at least one order ID."))
        return Basis(basis, order_ids=ids)
    raise InvalidInput(_("Choose how to request: by period, by order, or by customer and period."))


def orders_of_basis(partner: Partner, basis: Basis) -> QuerySet[ResaleOrder]:
    """Every order of the partner the basis names, invoiced already or not."""
    orders = ResaleOrder.objects.filter(partner=partner)
    if basis.basis == RequestBasis.ORDERS:
        return orders.filter(order_id__in=basis.order_ids)
    orders = orders.filter(period=basis.period)
    if basis.basis == RequestBasis.CUSTOMER:
        orders = orders.filter(customer_id=basis.customer_id or 0)
    return orders


def invoiceable_orders(partner: Partner, basis: Basis) -> QuerySet[ResaleOrder]:
    """The orders of the basis not in a live invoice request, in order."""
    return (
        orders_of_basis(partner, basis)
        .exclude(_in_live_request())
        .select_related("customer")
        .order_by("period", "order_id")
    )


def invoiceable_for(user: PortalUser, basis: Basis) -> QuerySet[ResaleOrder]:
    partner = partner_of(user)
    return ResaleOrder.objects.none() if partner is None else invoiceable_orders(partner, basis)


@dataclass(frozen=True)
class PeriodSpend:
    period: str
    spend: Decimal
    invoiced: Decimal  # in live invoice requests
    invoiceable: Decimal


def spend_by_period(user: PortalUser) -> list[PeriodSpend]:
    """Per billing period: the partner's resale spend, what is invoiced and what is left."""
    live = Q(invoice_items__live=True)
    rows = (
        partner_scoped(ResaleOrder.objects.all(), user)
        .values("period")
        .annotate(spend=Sum("amount"))
        .order_by("-period")
    )
    invoiced = dict(
        partner_scoped(ResaleOrder.objects.filter(live), user)
        .values("period")
        .annotate(total=Sum("amount"))
        .values_list("period", "total")
    )
    spends = []
    for row in rows:
        done = invoiced.get(row["period"]) or ZERO
        spends.append(PeriodSpend(row["period"], row["spend"], done, row["spend"] - done))
    return spends


def periods_for(user: PortalUser) -> list[str]:
    orders = partner_scoped(ResaleOrder.objects.all(), user)
    return list(orders.values_list("period", flat=True).distinct().order_by("-period"))


def invoice_customers_for(user: PortalUser) -> QuerySet[Customer]:
    """The customers whose orders the partner invoices: its own."""
    return partner_scoped(Customer.objects.all(), user).order_by("name")


def request_orders(request: InvoiceRequest) -> list[InvoiceRequestOrder]:
    return list(request.orders.select_related("order__customer").order_by("order__period", "order__order_id"))


def request_timeline(request: InvoiceRequest) -> QuerySet[InvoiceRequestEvent]:
    return request.events.select_related("actor").order_by("created_at", "id")


def filter_invoice_requests(
    requests: QuerySet[InvoiceRequest], params: Mapping[str, Any]
) -> QuerySet[InvoiceRequest]:
    """The list's filters, shared by the page and the API: apply time (from, to: dates), status,
    kind, medium and period. Unparsable values are ignored."""
    status, kind, medium = params.get("status", ""), params.get("kind", ""), params.get("medium", "")
    if status in InvoiceRequestStatus.values:
        requests = requests.filter(status=status)
    if kind in InvoiceKind.values:
        requests = requests.filter(kind=kind)
    if medium in InvoiceMedium.values:
        requests = requests.filter(medium=medium)
    period = str(params.get("period", "")).strip()
    if PERIOD.fullmatch(period):
        requests = requests.filter(Q(period=period) | Q(orders__order__period=period)).distinct()
    for name, lookup in (
        ("applied_from", "submitted_at__date__gte"),
        ("applied_to", "submitted_at__date__lte"),
    ):
        day = _date(params.get(name, ""))
        if day is not None:
            requests = requests.filter(**{lookup: day})
    return requests


def _date(raw: object) -> date | None:
    try:
        return date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None
