"""The payment request end to end in Chromium: demo-finance selects a payable referral incentive,
submits a bank-transfer request; an operator accepts it in the admin; demo-finance uploads the
invoice; the operator approves and records the payment; the partner sees Paid with the reference."""

import pytest
from playwright.sync_api import expect

from incentives.demo import DEFAULT_PASSWORD, seed_demo
from invoices.models import PaymentRequest
from tests.browser.test_summary import sign_in
from tests.payments.test_invoices import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def operator_page(browser, live_server):
    page = browser.new_context(base_url=live_server.url).new_page()
    page.set_default_timeout(10_000)
    page.goto("/admin/login/")
    page.locator("#id_username").fill("operator")
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("input[type=submit]").click()
    return page


def test_bank_transfer_from_selection_to_paid(page, browser, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo(details=200)
    sign_in(page, "demo-finance")
    page.goto("/payments/")
    boxes = page.locator("input[name=incentive_ids]")
    expect(boxes.first).to_be_checked()  # all preselected
    page.locator("[data-select-all]").uncheck()
    expect(page.get_by_test_id("payable-total")).to_have_text("CNY 0.00")
    referral = page.locator("input[name=incentive_ids][data-association=referral]").first
    referral.check()
    chosen, amount = referral.get_attribute("value"), referral.get_attribute("data-amount")
    expect(page.get_by_test_id("payable-total")).to_have_text(f"CNY {float(amount):,.2f}")
    page.locator("#option-bank_transfer").check()
    page.get_by_test_id("submit-request").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Submitted (processing)")
    request = PaymentRequest.objects.get(items__incentive__incentive_id=chosen, items__active=True)
    assert str(request.total) == amount and request.option == "bank_transfer"

    finance = operator_page(browser, live_server)
    finance.goto(f"/admin/invoices/paymentrequest/{request.pk}/change/")
    finance.locator("[data-action=accept]").click()
    expect(finance.locator(".messagelist")).to_contain_text("Awaiting invoice")

    page.reload()
    form = page.get_by_test_id("invoice-form")
    form.locator("#id_number").fill("044031900999")
    form.locator("#id_issued_on").fill("2026-10-09")
    form.locator("#id_amount").fill(amount)
    form.locator("#id_tax_amount").fill("1.00")
    invoice = tmp_path / "scan.jpg"  # a PDF under a wrong extension: accepted by its content
    invoice.write_bytes(PDF)
    form.locator("#id_file").set_input_files(str(invoice))
    form.get_by_role("button", name="Upload invoice").click()
    expect(page.get_by_test_id("messages")).to_contain_text("Invoice 044031900999 uploaded.")
    expect(page.get_by_test_id("still-to-invoice")).to_have_text("CNY 0.00")
    page.get_by_test_id("submit-invoices").click()
    expect(page.get_by_test_id("request-status")).to_have_text("Invoice review")

    finance.reload()
    finance.locator("[data-action=approve]").click()
    expect(finance.locator(".messagelist")).to_contain_text("Approved")
    finance.locator("[data-action=pay]").click()
    finance.locator("#id_reference").fill("CMB2026100900042")
    finance.locator("input[type=submit]").click()
    expect(finance.locator(".messagelist")).to_contain_text("Paid")
    finance.context.close()

    page.reload()
    expect(page.get_by_test_id("request-status")).to_have_text("Paid")
    expect(page.get_by_test_id("payment-reference")).to_have_text("CMB2026100900042")
    page.goto(f"/incentives/incentive/{chosen}/")
    expect(page.get_by_test_id("payout-status")).to_have_text("Paid")
