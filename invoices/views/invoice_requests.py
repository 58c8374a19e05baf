"""Billing > Invoices: the partner's invoice requests with filters, one request's page (status,
next step and its due time, reason, orders, timeline), the partner's actions and the download
of the electronic invoice. Thin: selectors read, services write, the policy says what shows."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.capabilities import Capability, require_capability, user_can
from customers.decorators import PartnerRequest, partner_required
from partner_center.errors import DomainError
from partner_center.http_errors import flash_refusal
from partner_center.paging import numbered_page

from ..invoice_levels import action_label, is_overdue, next_step
from ..models import InvoiceKind, InvoiceMedium, InvoiceRequestStatus
from ..policies import invoice_downloadable, invoice_partner_actions
from ..selectors.invoice_requests import (
    filter_invoice_requests,
    invoice_requests_for,
    periods_for,
    request_orders,
    request_timeline,
)
from ..services import invoice_requests as flow

LIST_ROWS = 50


@partner_required
def invoice_list(request: PartnerRequest) -> HttpResponse:
    requests = filter_invoice_requests(
        invoice_requests_for(request.user).filter(hidden_at__isnull=True), request.GET
    )
    page = numbered_page(requests, request.GET, LIST_ROWS)
    rows = [(item, next_step(item), is_overdue(item)) for item in page.object_list]
    filters = {name: value for name, value in request.GET.items() if name != "page" and value}
    context = {
        "rows": rows,
        "page": page,
        "filter_query": urlencode(filters),
        "statuses": InvoiceRequestStatus.choices,
        "kinds": InvoiceKind.choices,
        "media": InvoiceMedium.choices,
        "periods": periods_for(request.user),
        "chosen": {name: request.GET.get(name, "") for name in ("status", "kind", "medium", "period",
                                                               "applied_from", "applied_to")},
        "can_request": user_can(request.user, Capability.REQUEST_INVOICE),
    }  # fmt: skip
    return render(request, "invoices/invoice_list.html", context)


@partner_required
def invoice_detail(request: PartnerRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(invoice_requests_for(request.user), pk=pk)
    can_act = user_can(request.user, Capability.REQUEST_INVOICE)
    actions = invoice_partner_actions(invoice)
    orders = request_orders(invoice)
    context = {
        "invoice": invoice,
        "next_step": next_step(invoice),
        "overdue": is_overdue(invoice),
        "orders": orders,
        "events": [(event, action_label(event.action)) for event in request_timeline(invoice)],
        "actions": actions if can_act else actions & {"download"},
        "again_query": urlencode({
            "basis": invoice.basis, "period": invoice.period, "customer": invoice.customer_id or "",
            "orders": " ".join(item.order.order_id for item in orders), "kind": invoice.kind,
            "medium": invoice.medium,
        }),
    }  # fmt: skip
    return render(request, "invoices/invoice_detail.html", context)


def _act(request: PartnerRequest, pk: int, call, done_message: str) -> HttpResponse:
    invoice = get_object_or_404(invoice_requests_for(request.user), pk=pk)
    require_capability(request.user, Capability.REQUEST_INVOICE)
    try:
        done = call(invoice)
    except DomainError as error:
        flash_refusal(request, error)
    else:
        changed = done[1] if isinstance(done, tuple) else done.changed
        if changed:
            messages.success(request, done_message % {"number": invoice.number})
        else:
            messages.info(
                request, _("Invoice request %(number)s: nothing to change.") % {"number": invoice.number}
            )
    return redirect("billing:invoice_request", pk=invoice.pk)


@require_POST
@partner_required
def invoice_cancel(request: PartnerRequest, pk: int) -> HttpResponse:
    reason, actor = request.POST.get("reason", ""), request.user
    return _act(
        request, pk, lambda i: flow.invoice_request_cancel(request_id=i.pk, actor=actor, reason=reason),
        _("Invoice request %(number)s: cancellation sent."),
    )  # fmt: skip


@require_POST
@partner_required
def invoice_sign(request: PartnerRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, lambda i: flow.invoice_request_sign(request_id=i.pk, actor=request.user),
        _("Invoice request %(number)s: signed for."),
    )  # fmt: skip


@require_POST
@partner_required
def invoice_return(request: PartnerRequest, pk: int) -> HttpResponse:
    reason, actor = request.POST.get("reason", ""), request.user
    return _act(
        request, pk, lambda i: flow.invoice_request_return(request_id=i.pk, actor=actor, reason=reason),
        _("Invoice request %(number)s: return sent."),
    )  # fmt: skip


@require_POST
@partner_required
def invoice_delete(request: PartnerRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(invoice_requests_for(request.user), pk=pk)
    require_capability(request.user, Capability.REQUEST_INVOICE)
    try:
        flow.invoice_request_delete(request_id=invoice.pk, actor=request.user)
    except DomainError as error:
        flash_refusal(request, error)
        return redirect("billing:invoice_request", pk=invoice.pk)
    messages.success(request, _("Invoice request %(number)s deleted.") % {"number": invoice.number})
    return redirect("billing:invoices")


@partner_required
def invoice_download(request: PartnerRequest, pk: int) -> FileResponse:
    invoice = get_object_or_404(invoice_requests_for(request.user), pk=pk)
    if not invoice_downloadable(invoice):
        raise Http404
    return FileResponse(
        invoice.pdf.open("rb"), as_attachment=True, filename=f"{invoice.invoice_number}.pdf",
        content_type="application/pdf",
    )  # fmt: skip
