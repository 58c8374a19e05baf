"""A bank-transfer request's invoices: upload, hand in for review, and the invoicing list
(a printable page and a PDF) the partner's accounting issues the VAT invoices from."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.capabilities import Capability, require_capability
from customers.decorators import PartnerRequest, partner_required
from partner_center.errors import DomainError
from partner_center.http_errors import flash_refusal

from ..forms import InvoiceForm
from ..invoicing_list import VENDOR_INVOICE_TITLE, invoicing_list_pdf_bytes
from ..selectors.payments import invoice_sums, payee_of, payment_requests_for, request_items
from ..services.payment_invoices import payment_invoice_add, payment_invoices_submit


@require_POST
@partner_required
def invoice_upload(request: PartnerRequest, pk: int) -> HttpResponse:
    payment = get_object_or_404(payment_requests_for(request.user), pk=pk)
    require_capability(request.user, Capability.REQUEST_PAYMENT)
    form = InvoiceForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect("invoices:payment_request", pk=payment.pk)
    data = form.cleaned_data
    try:
        invoice = payment_invoice_add(
            request_id=payment.pk, actor=request.user, number=data["number"], issued_on=data["issued_on"],
            amount=data["amount"], tax_amount=data["tax_amount"], file=data["file"],
        )  # fmt: skip
    except DomainError as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Invoice %(number)s uploaded.") % {"number": invoice.number})
    return redirect("invoices:payment_request", pk=payment.pk)


@require_POST
@partner_required
def invoices_submit(request: PartnerRequest, pk: int) -> HttpResponse:
    payment = get_object_or_404(payment_requests_for(request.user), pk=pk)
    require_capability(request.user, Capability.REQUEST_PAYMENT)
    try:
        payment_invoices_submit(request_id=payment.pk, actor=request.user)
    except DomainError as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Invoices sent to finance for review."))
    return redirect("invoices:payment_request", pk=payment.pk)


def _list_context(request: PartnerRequest, pk: int) -> dict:
    payment = get_object_or_404(payment_requests_for(request.user).select_related("partner"), pk=pk)
    return {
        "payment": payment,
        "items": request_items(payment),
        "payee": payee_of(payment.partner),
        "title": VENDOR_INVOICE_TITLE,
        "sums": invoice_sums(payment),
    }


@partner_required
def invoicing_list(request: PartnerRequest, pk: int) -> HttpResponse:
    """The invoicing list as a page with a print stylesheet."""
    return render(request, "invoices/invoicing_list.html", _list_context(request, pk))


@partner_required
def invoicing_list_pdf(request: PartnerRequest, pk: int) -> HttpResponse:
    context = _list_context(request, pk)
    response = HttpResponse(invoicing_list_pdf_bytes(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invoicing-list-{context["payment"].number}.pdf"'
    return response
