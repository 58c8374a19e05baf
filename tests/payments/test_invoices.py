"""The partner's invoices: they add up to the request to the cent; a number serves one request."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from invoices.models import InvoiceStatus, PaymentOption, PaymentStatus
from invoices.services.payment_invoices import payment_invoice_add, payment_invoices_submit
from invoices.services.payment_submit import payment_request_submit
from invoices.services.payments import payment_accept, payment_approve, payment_reject_invoice
from partner_center.errors import Conflict, InvalidInput

from .conftest import ids

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="invoice.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def awaiting(payable, payee):
    request = payment_request_submit(
        user=payable["admin"],
        incentive_ids=ids(payable, "2026-08-REF", "2026-09-REF"),
        option=PaymentOption.BANK_TRANSFER,
    )
    payment_accept(request_id=request.pk, actor=None)
    request.refresh_from_db()
    return request


def add(request, user, number, amount, tax="0.00", file=None):
    return payment_invoice_add(
        request_id=request.pk, actor=user, number=number, issued_on=date(2026, 10, 8),
        amount=amount, tax_amount=tax, file=file or pdf(),
    )  # fmt: skip


def test_invoices_must_add_up_to_the_cent(awaiting, payable):
    total = awaiting.total
    add(awaiting, payable["finance"], "INV-1", total - Decimal("100.01"), "5.00")
    with pytest.raises(InvalidInput, match="exactly"):
        payment_invoices_submit(request_id=awaiting.pk, actor=payable["finance"])
    with pytest.raises(InvalidInput, match="more than"):
        add(awaiting, payable["finance"], "INV-2", "100.02")
    add(awaiting, payable["finance"], "INV-2", "100.01")
    done = payment_invoices_submit(request_id=awaiting.pk, actor=payable["finance"])
    assert done.changed and done.request.status == PaymentStatus.INVOICE_REVIEW
    assert done.request.invoices_received_at is not None


def test_a_reused_invoice_number_is_refused_even_for_another_request(awaiting, payable, payee):
    add(awaiting, payable["finance"], "INV-7", "1.00")
    with pytest.raises(Conflict, match="INV-7"):
        add(awaiting, payable["finance"], "INV-7", "1.00")
    other = payment_request_submit(
        user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option=PaymentOption.TOP_UP
    )
    assert other  # top-up takes no invoice at all
    with pytest.raises(Conflict):
        add(other, payable["finance"], "INV-8", "1.00")
    assert awaiting.invoices.count() == 1


def test_rejected_invoices_no_longer_count_and_their_number_stays_used(awaiting, payable):
    add(awaiting, payable["finance"], "INV-9", str(awaiting.total), "10.00")
    payment_invoices_submit(request_id=awaiting.pk, actor=payable["finance"])
    payment_reject_invoice(request_id=awaiting.pk, actor=None, reason="Wrong title")
    invoice = awaiting.invoices.get()
    assert (invoice.status, invoice.rejection_reason) == (InvoiceStatus.REJECTED, "Wrong title")
    with pytest.raises(Conflict):
        add(awaiting, payable["finance"], "INV-9", str(awaiting.total))
    add(awaiting, payable["finance"], "INV-10", str(awaiting.total))
    payment_invoices_submit(request_id=awaiting.pk, actor=payable["finance"])
    assert payment_approve(request_id=awaiting.pk, actor=None).request.status == PaymentStatus.APPROVED
    assert awaiting.invoices.get(number="INV-10").status == InvoiceStatus.APPROVED


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "content"),  # a renamed .exe
        ("invoice.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "10 MB"),  # 20 MB
        ("notes.txt", b"plain text, not a document", "content"),
    ],
)
def test_uploads_are_refused_by_content(awaiting, payable, name, content, error):
    with pytest.raises(InvalidInput, match=error):
        add(awaiting, payable["finance"], "INV-X", "1.00", file=pdf(name, content))
    assert not awaiting.invoices.exists()


def test_a_pdf_with_a_wrong_extension_is_accepted_by_content(awaiting, payable):
    invoice = add(awaiting, payable["finance"], "INV-P", "1.00", file=pdf("scan.jpg"))
    assert invoice.file.name.endswith(".pdf")
