"""Invoice requests end to end in Chromium: demo-finance requests an electronic invoice for a
period (the form shows the orders and their total first), the invoice clerk issues it in the
admin, the partner downloads the PDF; and a paper one whose cancellation the clerk rejects,
shown as Issuing (cancellation failed) with the reason and no second Cancel."""

from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from incentives.demo import seed_demo
from invoices.models import InvoiceRequest, ResaleOrder
from invoices.selectors.invoice_requests import Basis, invoiceable_orders
from tests.browser.test_payments import operator_page
from tests.browser.test_summary import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def free_period():
    """The latest billing period of Demo Distributor with invoiceable orders, and their total."""
    partner = ResaleOrder.objects.filter(partner__code="P1001").first().partner
    for period in (
        ResaleOrder.objects.filter(partner=partner)
        .values_list("period", flat=True)
        .distinct()
        .order_by("-period")
    ):
        orders = list(invoiceable_orders(partner, Basis("period", period=period)))
        if orders:
            return period, sum(order.amount for order in orders)
    raise AssertionError("no invoiceable period in the demo")


def test_electronic_invoice_for_a_period_from_request_to_download(
    page, browser, live_server, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo(details=200)
    period, total = free_period()
    sign_in(page, "demo-finance")
    page.goto("/billing/invoices/")
    page.get_by_test_id("request-invoice").click()
    page.locator("#basis-period").check()
    page.locator("#id_period").select_option(period)
    page.locator("#id_kind").select_option("ordinary")
    page.locator("#id_medium").select_option("electronic")
    page.get_by_test_id("show-orders").click()
    expect(page.get_by_test_id("invoiceable-total")).to_have_text(f"CNY {total:,.2f}")
    page.get_by_test_id("submit-invoice-request").click()
    expect(page.get_by_test_id("invoice-status")).to_have_text("Pending review")
    expect(page.get_by_test_id("next-step")).to_contain_text("The invoice clerk reviews by")
    request = InvoiceRequest.objects.filter(period=period, medium="electronic").latest("pk")
    assert request.total == total

    clerk = operator_page(browser, live_server)
    clerk.goto("/admin/invoices/invoicerequest/")
    expect(clerk.locator("#invoice-queue [data-status=pending_review]")).to_contain_text("Pending review: 2")
    clerk.goto(f"/admin/invoices/invoicerequest/{request.pk}/change/")
    clerk.locator("[data-action=approve]").click()
    expect(clerk.locator(".messagelist")).to_contain_text("Issuing")
    clerk.locator("[data-action=issue]").click()
    expect(clerk.locator(".messagelist")).to_contain_text("Issued")
    clerk.context.close()

    page.reload()
    expect(page.get_by_test_id("invoice-status")).to_have_text("Issued")
    request.refresh_from_db()
    expect(page.get_by_test_id("invoice-number")).to_have_text(request.invoice_number)
    with page.expect_download() as downloading:
        page.get_by_test_id("download-invoice").click()
    pdf = PdfReader(BytesIO(open(downloading.value.path(), "rb").read()))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert request.invoice_number in text and f"CNY {total:,.2f}" in text


def test_a_rejected_cancellation_shows_issuing_cancellation_failed_with_the_reason(
    page, browser, live_server
):
    seed_demo(details=200)
    period, _total = free_period()
    sign_in(page, "demo-finance")
    page.goto(f"/billing/invoices/new/?basis=period&period={period}&kind=ordinary&medium=paper")
    page.get_by_test_id("submit-invoice-request").click()
    expect(page.get_by_test_id("invoice-status")).to_have_text("Pending review")
    request = InvoiceRequest.objects.filter(period=period, medium="paper").latest("pk")

    clerk = operator_page(browser, live_server)
    clerk.goto(f"/admin/invoices/invoicerequest/{request.pk}/change/")
    clerk.locator("[data-action=approve]").click()
    expect(clerk.locator(".messagelist")).to_contain_text("Issuing")

    page.reload()
    page.get_by_test_id("cancel-invoice").click()
    expect(page.get_by_test_id("invoice-status")).to_have_text("Cancelling")

    clerk.reload()
    clerk.locator("[data-action=reject_cancel]").click()
    clerk.locator("#id_reason").fill("Already printed and handed to SF Express")
    clerk.locator("input[type=submit]").click()
    expect(clerk.locator(".messagelist")).to_contain_text("Issuing (cancellation failed)")
    clerk.context.close()

    page.reload()
    expect(page.get_by_test_id("invoice-status")).to_have_text("Issuing (cancellation failed)")
    expect(page.get_by_test_id("invoice-reason")).to_have_text("Already printed and handed to SF Express")
    expect(page.get_by_test_id("cancel-invoice")).to_have_count(0)
    expect(page.get_by_test_id("timeline")).to_contain_text("Cancellation rejected")
