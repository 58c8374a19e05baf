"""Billing > Invoices > Request invoice: choose the basis (period, orders, or customer and
period), see the invoiceable orders with their total, then submit; and the invoice-information
template the requests print. Thin: selectors read, services write."""

from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from customers.capabilities import Capability, require_capability, user_can
from customers.decorators import PartnerRequest, partner_required
from partner_center.errors import DomainError, InvalidInput
from partner_center.http_errors import flash_refusal

from ..forms import InvoiceProfileForm
from ..models import InvoiceKind, InvoiceMedium, RequestBasis
from ..policies import invoice_profile_refusal
from ..selectors.invoice_requests import (
    clean_basis,
    invoice_customers_for,
    invoice_profile_for,
    invoiceable_for,
    periods_for,
    spend_by_period,
)
from ..selectors.payments import active_hold_for
from ..services.invoice_profiles import invoice_profile_save
from ..services.invoice_submit import invoice_request_submit

SHOWN_ORDERS = 500


def _order_ids(raw: str) -> list[str]:
    return [part for part in raw.replace(",", " ").split() if part][:5000]


@require_http_methods(["GET", "POST"])
@partner_required
def invoice_new(request: PartnerRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    chosen = {
        name: data.get(name, "") for name in ("basis", "period", "customer", "orders", "kind", "medium")
    }
    if request.method == "POST":
        require_capability(request.user, Capability.REQUEST_INVOICE)
        try:
            created = invoice_request_submit(
                user=request.user, basis=chosen["basis"], period=chosen["period"],
                customer_id=chosen["customer"], order_ids=_order_ids(chosen["orders"]),
                kind=chosen["kind"], medium=chosen["medium"],
            )  # fmt: skip
        except DomainError as error:
            flash_refusal(request, error)
        else:
            messages.success(
                request,
                _("Invoice request %(number)s submitted: %(count)d orders, %(total)s.")
                % {"number": created.number, "count": created.orders.count(), "total": created.total},
            )
            return redirect("billing:invoice_request", pk=created.pk)
    orders, basis_error = [], ""
    if chosen["basis"]:
        try:
            basis = clean_basis(
                chosen["basis"], chosen["period"], chosen["customer"], _order_ids(chosen["orders"])
            )
            orders = list(invoiceable_for(request.user, basis)[: SHOWN_ORDERS + 1])
        except InvalidInput as error:
            basis_error = error.message
    profile = invoice_profile_for(request.user)
    refusal = invoice_profile_refusal(profile, chosen["kind"], chosen["medium"]) if chosen["kind"] else ""
    context = {
        "chosen": chosen,
        "bases": RequestBasis.choices,
        "kinds": InvoiceKind.choices,
        "media": InvoiceMedium.choices,
        "periods": periods_for(request.user),
        "customers": invoice_customers_for(request.user),
        "orders": orders[:SHOWN_ORDERS],
        "more": len(orders) > SHOWN_ORDERS,
        "total": sum((order.amount for order in orders), Decimal("0.00")),
        "basis_error": basis_error,
        "profile": profile,
        "profile_refusal": refusal,
        "hold": active_hold_for(request.user),
        "spend": spend_by_period(request.user)[:12],
        "can_request": user_can(request.user, Capability.REQUEST_INVOICE),
    }
    return render(request, "invoices/invoice_new.html", context)


@require_http_methods(["GET", "POST"])
@partner_required
def invoice_profile(request: PartnerRequest) -> HttpResponse:
    profile = invoice_profile_for(request.user)
    initial = {name: getattr(profile, name) for name in InvoiceProfileForm.base_fields} if profile else {}
    form = InvoiceProfileForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require_capability(request.user, Capability.REQUEST_INVOICE)
        if form.is_valid():
            try:
                invoice_profile_save(user=request.user, data=form.cleaned_data)
            except DomainError as error:
                flash_refusal(request, error)
            else:
                messages.success(request, _("Invoice information saved."))
                return redirect("billing:invoice_profile")
    context = {
        "form": form,
        "profile": profile,
        "can_edit": user_can(request.user, Capability.REQUEST_INVOICE),
    }
    return render(request, "invoices/invoice_profile.html", context)
