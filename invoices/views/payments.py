"""Incentives > Payment Requests: what is payable (submit a request), the partner's requests,
one request's page, and cancelling it. Thin: selectors read, services write."""

from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from customers.capabilities import Capability, require_capability, user_can
from customers.decorators import PartnerRequest, partner_required
from partner_center.errors import DomainError
from partner_center.http_errors import flash_refusal

from ..forms import InvoiceForm
from ..models import PaymentOption, PaymentStatus
from ..policies import payment_options, request_is_cancellable, request_takes_invoices
from ..selectors.payments import (
    active_hold_for,
    invoice_sums,
    payable_for,
    payee_for,
    payment_requests_for,
    request_events,
    request_invoices,
    request_items,
)
from ..service_levels import current_due
from ..services.payment_submit import payment_request_submit
from ..services.payments import payment_cancel

LIST_ROWS = 100


@require_http_methods(["GET", "POST"])
@partner_required
def payable(request: PartnerRequest) -> HttpResponse:
    """The payable incentives, all preselected with their total, and Request Payment."""
    if request.method == "POST":
        require_capability(request.user, Capability.REQUEST_PAYMENT)
        try:
            created = payment_request_submit(
                user=request.user,
                incentive_ids=request.POST.getlist("incentive_ids"),
                option=request.POST.get("option", ""),
            )
        except DomainError as error:
            flash_refusal(request, error)
            return redirect("invoices:payable")
        messages.success(
            request,
            _("Payment request %(number)s submitted: %(count)d incentives, %(total)s.")
            % {"number": created.number, "count": created.items.count(), "total": created.total},
        )
        return redirect("invoices:payment_request", pk=created.pk)
    rows = list(payable_for(request.user))
    payee = payee_for(request.user)
    kinds = {row.program.association_type for row in rows}
    # which association types each option takes, so the page can follow a partial selection
    takes = {
        option: " ".join(sorted(k for k in kinds if payment_options({k}, payee)[number].allowed))
        for number, option in enumerate(PaymentOption)
    }
    context = {
        "rows": rows,
        "total": sum((row.amount for row in rows), Decimal("0.00")),
        "currency": rows[0].statement.currency if rows else "CNY",
        "options": [(choice, takes[choice.option]) for choice in payment_options(kinds, payee)],
        "hold": active_hold_for(request.user),
        "payee": payee,
        "can_request": user_can(request.user, Capability.REQUEST_PAYMENT),
        "open_requests": payment_requests_for(request.user).exclude(status=PaymentStatus.CANCELLED)[:5],
    }
    return render(request, "invoices/payable.html", context)


@partner_required
def request_list(request: PartnerRequest) -> HttpResponse:
    """The partner's payment requests, newest first, by status."""
    requests = payment_requests_for(request.user)
    status = request.GET.get("status", "")
    if status in PaymentStatus.values:
        requests = requests.filter(status=status)
    return render(
        request,
        "invoices/request_list.html",
        {"requests": requests[:LIST_ROWS], "statuses": PaymentStatus.choices, "status": status},
    )


@partner_required
def request_detail(request: PartnerRequest, pk: int) -> HttpResponse:
    """A request: its items, invoices, what is still to invoice, due dates and timeline."""
    payment = get_object_or_404(payment_requests_for(request.user), pk=pk)
    invoices = request_invoices(payment)
    can_act = user_can(request.user, Capability.REQUEST_PAYMENT)
    context = {
        "payment": payment,
        "items": request_items(payment),
        "invoices": invoices,
        "sums": invoice_sums(payment, invoices),
        "events": request_events(payment).select_related("actor"),
        "can_cancel": can_act and request_is_cancellable(payment),
        "takes_invoices": can_act and request_takes_invoices(payment),
        "form": InvoiceForm(),
        "due": current_due(payment),
    }
    return render(request, "invoices/request_detail.html", context)


@require_POST
@partner_required
def request_cancel(request: PartnerRequest, pk: int) -> HttpResponse:
    payment = get_object_or_404(payment_requests_for(request.user), pk=pk)
    require_capability(request.user, Capability.REQUEST_PAYMENT)
    try:
        done = payment_cancel(
            request_id=payment.pk, actor=request.user, reason=request.POST.get("reason", "")
        )
    except DomainError as error:
        flash_refusal(request, error)
    else:
        if done.changed:
            messages.success(request, _("Payment request %(number)s cancelled.") % {"number": payment.number})
        else:
            messages.info(
                request, _("Payment request %(number)s was already cancelled.") % {"number": payment.number}
            )
    return redirect("invoices:payment_request", pk=payment.pk)
