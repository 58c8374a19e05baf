"""The partner pages: Payment Requests (payable, preselected, submit), a request's page with
invoices and timeline, cancel, the payee profile; and who may do what on them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from invoices.models import PayeeProfile, PayeeStatus, PaymentRequest, PaymentStatus
from invoices.services.payments import payment_accept

from .conftest import amount, ids
from .test_invoices import PDF

pytestmark = pytest.mark.django_db


def test_payable_page_preselects_every_row_with_the_total(client, payable):
    client.force_login(payable["finance"])
    page = client.get(reverse("invoices:payable")).content.decode()
    for incentive_id in ids(payable, "2026-08-RSL", "2026-08-REF", "2026-09-REF"):
        assert f'value="{incentive_id}" checked' in page
    assert ids(payable, "2026-09-RSL")[0] not in page  # the rival's
    total = amount(payable, "2026-08-RSL", "2026-08-REF", "2026-09-REF")
    assert f"CNY {total:,.2f}" in page
    assert "Bank transfer is offered for referral-type incentives only." in page


def test_submit_a_partial_request_from_the_page(client, payable):
    client.force_login(payable["admin"])
    chosen = ids(payable, "2026-08-RSL")
    response = client.post(reverse("invoices:payable"), {"incentive_ids": chosen, "option": "coupons"})
    request = PaymentRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "invoices:payment_request", args=[request.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert request.number in page and chosen[0] in page and "Cash coupons" in page
    assert "Submitted (processing)" in page
    assert client.post(reverse("invoices:payment_cancel", args=[request.pk])).status_code == 302
    request.refresh_from_db()
    assert request.status == PaymentStatus.CANCELLED


def test_a_refused_submission_says_why_and_changes_nothing(client, payable):
    client.force_login(payable["admin"])
    response = client.post(
        reverse("invoices:payable"),
        {"incentive_ids": ids(payable, "2026-09-REF"), "option": "bank_transfer"},
        follow=True,
    )
    assert "verified payee profile" in response.content.decode()
    assert not PaymentRequest.objects.exists()


def test_invoice_upload_and_review_from_the_request_page(client, payable, payee):
    client.force_login(payable["finance"])
    client.post(
        reverse("invoices:payable"), {"incentive_ids": ids(payable, "2026-09-REF"), "option": "bank_transfer"}
    )
    request = PaymentRequest.objects.get()
    payment_accept(request_id=request.pk, actor=None)
    upload = SimpleUploadedFile("invoice.pdf", PDF, content_type="application/pdf")
    data = {
        "number": "044031900111",
        "issued_on": "2026-10-09",
        "amount": str(request.total),
        "tax_amount": "9.06",
    }
    client.post(reverse("invoices:invoice_upload", args=[request.pk]), {**data, "file": upload})
    client.post(reverse("invoices:invoices_submit", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == PaymentStatus.INVOICE_REVIEW
    page = client.get(reverse("invoices:payment_request", args=[request.pk])).content.decode()
    assert "044031900111" in page and "Invoice review" in page
    listing = client.get(reverse("invoices:invoicing_list", args=[request.pk])).content.decode()
    assert ids(payable, "2026-09-REF")[0] in listing and "Invoice title" in listing
    pdf = client.get(reverse("invoices:invoicing_list_pdf", args=[request.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_payee_profile_saves_masked_and_goes_back_to_pending_on_bank_change(client, payable, payee):
    client.force_login(payable["admin"])
    page = client.get(reverse("invoices:payee")).content.decode()
    assert "**** **** 3445" in page and "6222020200112233445" not in page
    letter = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    fields = {
        "signing_entity": payee.signing_entity, "tax_id": payee.tax_id, "currency": "CNY",
        "bank_name": payee.bank_name, "account_holder": payee.account_holder,
        "account_number": "6222020200199998888",
    }  # fmt: skip
    client.post(reverse("invoices:payee"), fields)  # a changed account without the letter is refused
    assert PayeeProfile.objects.get().status == PayeeStatus.VERIFIED
    client.post(reverse("invoices:payee"), {**fields, "bank_letter": letter})
    payee.refresh_from_db()
    assert payee.status == PayeeStatus.PENDING and payee.masked_account.endswith("8888")


@pytest.mark.parametrize("role", ["finance", "sales", "viewer"])
def test_only_the_admin_changes_the_payee_profile(client, payable, payee, role):
    client.force_login(payable[role])
    page = client.get(reverse("invoices:payee"))
    assert page.status_code == 200 and b"payee-form" not in page.content
    assert client.post(reverse("invoices:payee"), {"signing_entity": "X"}).status_code == 403


@pytest.mark.parametrize("role", ["sales", "viewer"])
def test_sales_and_viewers_see_but_may_not_request(client, payable, role):
    client.force_login(payable[role])
    page = client.get(reverse("invoices:payable"))
    assert page.status_code == 200 and b"submit-request" not in page.content
    response = client.post(
        reverse("invoices:payable"), {"incentive_ids": ids(payable, "2026-08-RSL"), "option": "top_up"}
    )
    assert response.status_code == 403 and not PaymentRequest.objects.exists()


@pytest.mark.parametrize("user", ["rival_admin", "reseller_admin"])
def test_another_partners_request_is_a_404_on_every_page(client, payable, user):
    client.force_login(payable["admin"])
    client.post(
        reverse("invoices:payable"), {"incentive_ids": ids(payable, "2026-08-RSL"), "option": "top_up"}
    )
    request = PaymentRequest.objects.get()
    client.force_login(payable[user])
    for name in ("payment_request", "invoicing_list", "invoicing_list_pdf"):
        assert client.get(reverse(f"invoices:{name}", args=[request.pk])).status_code == 404
    for name in ("payment_cancel", "invoice_upload", "invoices_submit"):
        assert client.post(reverse(f"invoices:{name}", args=[request.pk])).status_code == 404
    assert request.number not in client.get(reverse("invoices:payment_requests")).content.decode()
    request.refresh_from_db()
    assert request.status == PaymentStatus.SUBMITTED


def test_summary_and_incentive_page_show_the_payout_beside_the_bill_status(client, payable):
    client.force_login(payable["admin"])
    chosen = ids(payable, "2026-08-RSL")[0]
    client.post(reverse("invoices:payable"), {"incentive_ids": [chosen], "option": "top_up"})
    request = PaymentRequest.objects.get()
    summary = client.get(reverse("incentives:summary"), {"period": "2026-08"}).content.decode()
    row = summary.split(f'data-incentive="{chosen}"', 1)[1].split("</tr>", 1)[0]
    assert "Submitted (processing)" in row
    other = summary.split(f'data-incentive="{ids(payable, "2026-08-REF")[0]}"', 1)[1].split("</tr>", 1)[0]
    assert "Pending submission" in other
    page = client.get(reverse("incentives:incentive", args=[chosen])).content.decode()
    assert request.number in page and 'data-testid="payout-status"' in page
    timeline = page.split('data-testid="timeline"', 1)[1].split("</table>", 1)[0]
    assert "Issued successfully" in timeline and f"Payment request {request.number}" in timeline


def test_the_overview_lists_what_waits_for_admin_and_finance(client, payable, payee):
    client.force_login(payable["finance"])
    home = client.get("/").content.decode()
    assert 'data-testid="todo-payable"' in home and "3 incentives can be requested for payment" in home
    client.post(
        reverse("invoices:payable"), {"incentive_ids": ids(payable, "2026-09-REF"), "option": "bank_transfer"}
    )
    request = PaymentRequest.objects.get()
    payment_accept(request_id=request.pk, actor=None)
    home = client.get("/").content.decode()
    assert f"Upload the invoice of payment request {request.number}" in home
    client.force_login(payable["viewer"])
    assert 'data-testid="todo-invoice"' not in client.get("/").content.decode()
