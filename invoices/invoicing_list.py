"""The invoicing list of a bank-transfer request as a PDF (reportlab): the request's items and
totals, the payee, and the vendor's invoice title the VAT special invoices are made out to.

Text is set in reportlab's built-in CID font STSong-Light, which covers Chinese and Latin
without shipping a font file.
"""

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from partner_center.formatting import money

FONT = "STSong-Light"
# The vendor's invoice title: whom the partner's VAT special invoices are made out to.
VENDOR_INVOICE_TITLE = {
    "name": gettext_lazy("Demo Cloud Computing Technologies Co., Ltd."),
    "tax_id": "914403001922038216",
    "address": gettext_lazy("Cloud Valley, Demo District, Shenzhen"),
    "invoice_type": gettext_lazy("VAT special invoice (tax included)"),
}


def invoicing_list_pdf_bytes(context: dict[str, Any]) -> bytes:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    payment, payee, title = context["payment"], context["payee"], context["title"]
    text = ParagraphStyle("text", fontName=FONT, fontSize=9, leading=13)
    heading = ParagraphStyle("heading", parent=text, fontSize=14, leading=20)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, title=payment.number
    )
    facts = [
        (_("Payment request"), payment.number),
        (_("Payment option"), payment.get_option_display()),
        (_("Amount"), money(payment.total, payment.currency)),
        (_("Invoice title"), str(title["name"])),
        (_("Taxpayer ID"), title["tax_id"]),
        (_("Address"), str(title["address"])),
        (_("Invoice type"), str(title["invoice_type"])),
        (_("Payee"), payee.signing_entity if payee else "—"),
        (_("Account"), f"{payee.bank_name} {payee.masked_account}" if payee else "—"),
    ]
    rows = [
        [
            _("Reconciliation period"),
            _("Incentive ID"),
            _("Incentive name"),
            _("Association type"),
            _("Amount"),
        ]
    ]
    for item in context["items"]:
        incentive = item.incentive
        rows.append([
            incentive.statement.period.code, incentive.incentive_id, Paragraph(incentive.program.name, text),
            incentive.program.get_association_type_display(), money(item.amount),
        ])  # fmt: skip
    rows.append([_("Total"), "", "", "", money(payment.total, payment.currency)])
    grid = TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ])  # fmt: skip
    amounts = TableStyle([("ALIGN", (-1, 0), (-1, -1), "RIGHT")], parent=grid)
    story = [
        Paragraph(_("Invoicing list"), heading),
        Table([[label, value] for label, value in facts], colWidths=[40 * mm, 130 * mm], style=grid),
        Spacer(1, 6 * mm),
        Table(rows, colWidths=[25 * mm, 40 * mm, 55 * mm, 25 * mm, 35 * mm], style=amounts, repeatRows=1),
    ]
    document.build(story)
    return buffer.getvalue()
