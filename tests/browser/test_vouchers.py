"""Vouchers end to end in Chromium: issue a voucher, recall it, find both in the operation
records, export the log and open the downloaded file."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests import factories
from vouchers.models import VoucherQuota

from .test_exports import worker  # noqa: F401 (a real Celery worker builds the export)
from .test_mdf import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issue_recall_find_both_in_the_log_and_export_it(browser, live_server, worker):  # noqa: F811
    partner = factories.PartnerFactory(name="Voucher Partner", kind="direct")
    factories.member(partner, "admin", username="voucher-admin")
    customer = factories.CustomerFactory(partner=partner, name="Browser Customer", account="browser-c")
    today = timezone.localdate()
    VoucherQuota.objects.create(
        partner=partner, number="VQBROWSER", amount=Decimal("500.00"), product_scope="ECS",
        valid_from=today, valid_until=today + timedelta(days=90),
    )  # fmt: skip

    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, "voucher-admin")
        page.goto("/vouchers/")
        page.get_by_test_id("issue-link").click()
        page.get_by_label("Customer").select_option(str(customer.pk))
        page.get_by_label("Amount").fill("123.45")
        page.get_by_label("Valid until").fill((today + timedelta(days=30)).isoformat())
        page.get_by_test_id("issue-submit").click()
        expect(page.get_by_test_id("voucher-status")).to_have_text("Active")
        number = page.locator("h1").inner_text().split()[0]

        page.get_by_label("Reason").fill("Browser test")
        page.get_by_test_id("recall-submit").click()
        expect(page.get_by_test_id("voucher-status")).to_have_text("Recalled")
        expect(page.get_by_test_id("voucher-returned")).to_contain_text("123.45")

        page.get_by_test_id("records-link").click()
        page.get_by_label("Voucher ID").fill(number)
        page.get_by_test_id("record-search").click()
        rows = page.get_by_test_id("record-row")
        expect(rows).to_have_count(2)
        expect(rows.nth(0)).to_contain_text("Manual recall")
        expect(rows.nth(1)).to_contain_text("Issue")

        page.get_by_test_id("record-export-submit").click()
        expect(page.get_by_text("Export task created.")).to_be_visible()
        expect(page.get_by_role("link", name="Download").first).to_be_visible(timeout=60_000)
        with page.expect_download() as download:
            page.get_by_role("link", name="Download").first.click()
        data = open(download.value.path(), "rb").read()
        sheet = load_workbook(io.BytesIO(data), read_only=True)["Operation records"]
        values = list(sheet.iter_rows(values_only=True))
        assert [row[1] for row in values[1:3]] == ["Issue", "Manual recall"]
        assert all(row[5] == number for row in values[1:3])
    finally:
        context.close()
