"""The partner's VAT special invoices for a bank-transfer request.

Invoices are added while the request awaits them; their amounts (tax included) must add up
exactly, to the cent, to the request before they go to finance's review. An invoice number
serves one request only, ever (a unique column).
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partner_center.errors import Conflict, InvalidInput

from ..models import PaymentInvoice, PaymentRequest
from ..policies import request_takes_invoices
from ..selectors.payments import invoice_sums
from .payments import Actor, Transition, record_event, transition
from .uploads import document_checked

CENT = Decimal("0.01")


def _money(value: object, label: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("%(field)s must be an amount such as 1234.50.") % {"field": label}) from None
    if not amount.is_finite() or amount != amount.quantize(CENT) or amount < 0:
        raise InvalidInput(_("%(field)s must be an amount with at most 2 decimals.") % {"field": label})
    return amount.quantize(CENT)


def payment_invoice_add(
    *,
    request_id: int,
    actor: Actor,
    number: str,
    issued_on: date | None,
    amount: object,
    tax_amount: object,
    file: UploadedFile | None,
) -> PaymentInvoice:
    number = (number or "").strip()
    if not number or len(number) > 40:
        raise InvalidInput(_("Enter the invoice number (at most 40 characters)."))
    if issued_on is None or issued_on > timezone.localdate():
        raise InvalidInput(_("Enter the invoice date; it cannot be in the future."))
    amount_value = _money(amount, _("The amount"))
    tax_value = _money(tax_amount, _("The tax amount"))
    if amount_value <= 0 or tax_value >= amount_value:
        raise InvalidInput(_("The amount must be above zero and the tax amount below it."))
    document = document_checked(file, what=_("invoice"))
    with transaction.atomic():
        request = PaymentRequest.objects.select_for_update().get(pk=request_id)
        if not request_takes_invoices(request):
            raise Conflict(
                _("Payment request %(number)s does not take invoices now: it is %(status)s.")
                % {"number": request.number, "status": request.get_status_display()}
            )
        missing = invoice_sums(request).missing
        if amount_value > missing:
            raise InvalidInput(
                _("This invoice's %(amount)s is more than the %(missing)s still to invoice.")
                % {"amount": amount_value, "missing": missing}
            )
        if PaymentInvoice.objects.filter(number=number).exists():
            raise Conflict(_("Invoice %(number)s has already been used.") % {"number": number})
        invoice = PaymentInvoice(
            request=request, number=number, issued_on=issued_on, amount=amount_value,
            tax_amount=tax_value, file=document, uploaded_by=actor,
        )  # fmt: skip
        try:
            with transaction.atomic():
                invoice.save()
        except IntegrityError:
            raise Conflict(_("Invoice %(number)s has already been used.") % {"number": number}) from None
        record_event(
            request=request, action="invoice_added", old=request.status, new=request.status, actor=actor,
            reason=_("Invoice %(number)s, %(amount)s") % {"number": number, "amount": amount_value},
        )  # fmt: skip
    return invoice


def payment_invoices_submit(*, request_id: int, actor: Actor) -> Transition:
    """Awaiting invoice -> Invoice review, once the invoices add up exactly to the request."""

    def add_up(request: PaymentRequest) -> None:
        sums = invoice_sums(request)
        if sums.missing != 0:
            raise InvalidInput(
                _("The invoices add up to %(amount)s; they must equal the request's %(total)s exactly.")
                % {"amount": sums.amount, "total": request.total}
            )

    return transition(
        request_id=request_id,
        action="submit_invoices",
        actor=actor,
        check=add_up,
        invoices_received_at=timezone.now(),
    )
