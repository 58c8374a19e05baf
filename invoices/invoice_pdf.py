"""The electronic invoice of an invoice request as a PDF (reportlab): its number and date, the
seller (the vendor) and the buyer (the partner's invoice information as requested), one line
per order with amount, tax rate and tax, and the totals. Pure: no database access.

Text is set in reportlab's built-in CID font STSong-Light (Chinese and Latin, no font file).
"""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from partner_center.formatting import money, rate

from .invoicing_list import VENDOR_INVOICE_TITLE
from .models import InvoiceKind, InvoiceRequest, InvoiceRequestOrder

FONT = "STSong-Light"


def invoice_title(request: InvoiceRequest) -> str:
    if request.kind == InvoiceKind.SPECIAL:
        return _("VAT special invoice (fully digital)")
    return _("Ordinary invoice (electronic)")


def invoice_pdf_bytes(request: InvoiceRequest, orders: list[InvoiceRequestOrder], vat_rate) -> bytes:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    text = ParagraphStyle("text", fontName=FONT, fontSize=9, leading=13)
    heading = ParagraphStyle("heading", parent=text, fontSize=14, leading=20)
    buyer = request.title_info
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, title=request.invoice_number,
        pageCompression=0,
    )  # fmt: skip
    issued = timezone.localdate(request.issued_at) if request.issued_at else timezone.localdate()
    facts = [
        (_("Invoice number"), request.invoice_number),
        (_("Invoice date"), issued.isoformat()),
        (_("Invoice request"), request.number),
        (_("Seller"), f"{VENDOR_INVOICE_TITLE['name']}  {VENDOR_INVOICE_TITLE['tax_id']}"),
        (_("Buyer"), f"{buyer.get('title', '')}  {buyer.get('tax_id', '')}"),
        (
            _("Buyer's address and phone"),
            f"{buyer.get('registered_address', '')} {buyer.get('registered_phone', '')}",
        ),
        (_("Buyer's bank and account"), f"{buyer.get('bank_name', '')} {buyer.get('bank_account', '')}"),
    ]
    rows = [[_("Order ID"), _("Billing period"), _("Product type"), _("Amount"), _("Tax rate"), _("Tax"),
             _("Amount (tax included)")]]  # fmt: skip
    for item in orders:
        rows.append([
            item.order.order_id, item.order.period, Paragraph(item.order.product_type or "—", text),
            money(item.amount - item.tax_amount), rate(vat_rate), money(item.tax_amount), money(item.amount),
        ])  # fmt: skip
    rows.append([_("Total"), "", "", money(request.total - request.tax_amount), "", money(request.tax_amount),
                 money(request.total, request.currency)])  # fmt: skip
    grid = TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ])  # fmt: skip
    amounts = TableStyle([("ALIGN", (3, 0), (-1, -1), "RIGHT")], parent=grid)
    story = [
        Paragraph(invoice_title(request), heading),
        Table([[label, value] for label, value in facts], colWidths=[45 * mm, 135 * mm], style=grid),
        Spacer(1, 6 * mm),
        Table(rows, colWidths=[34 * mm, 18 * mm, 28 * mm, 27 * mm, 15 * mm, 25 * mm, 33 * mm],
              style=amounts, repeatRows=1),
    ]  # fmt: skip
    document.build(story)
    return buffer.getvalue()
