"""The invoice clerk issues an invoice: an electronic one gets its number and a generated PDF
(invoices/invoice_pdf.py) and is Issued; a paper one gets its number, the carrier and the
tracking number and is Pending receipt until the partner signs for it. Both go through the one
transition (services/invoice_requests.py), so a repeated click is a no-op."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from partner_center.errors import InvalidInput

from ..invoice_pdf import invoice_pdf_bytes
from ..models import InvoiceRequest
from .invoice_requests import Actor, Transition, transition
from .invoice_submit import VAT_RATE


def invoice_number_for(request: InvoiceRequest) -> str:
    """A 20-digit number, as a fully digital invoice's: the year, the issuing office, the request."""
    return f"{timezone.localdate():%y}440300{request.pk:012d}"


def _numbered(request: InvoiceRequest) -> list[str]:
    request.invoice_number = invoice_number_for(request)
    request.issued_at = timezone.now()
    return ["invoice_number", "issued_at"]


def invoice_request_issue(*, request_id: int, actor: Actor) -> Transition:
    """Issuing (or Issuing, cancellation failed) -> Issued, with the electronic invoice."""

    def make_invoice(request: InvoiceRequest) -> list[str]:
        fields = _numbered(request)
        orders = list(request.orders.filter(live=True).select_related("order").order_by("order__order_id"))
        content = invoice_pdf_bytes(request, orders, VAT_RATE)
        request.pdf.save(f"{request.invoice_number}.pdf", ContentFile(content), save=False)
        return [*fields, "pdf"]

    return transition(request_id=request_id, action="issue", actor=actor, effects=make_invoice)


def invoice_request_mail(*, request_id: int, actor: Actor, carrier: str, tracking_number: str) -> Transition:
    """Issuing (or Issuing, cancellation failed) -> Pending receipt: the paper invoice is posted."""
    carrier, tracking_number = (carrier or "").strip(), (tracking_number or "").strip()
    if not carrier or not tracking_number:
        raise InvalidInput(_("Enter the carrier and the tracking number of the mailed invoice."))

    def posted(request: InvoiceRequest) -> list[str]:
        request.carrier, request.tracking_number = carrier, tracking_number
        return [*_numbered(request), "carrier", "tracking_number"]

    return transition(
        request_id=request_id,
        action="mail",
        actor=actor,
        reason=f"{carrier} {tracking_number}",
        effects=posted,
    )
