import pytest
from playwright.sync_api import expect

from incentives.demo import DEFAULT_PASSWORD, seed_demo
from invoices.demo import EXTRA_MONTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_admin_signs_in_and_sees_the_partner_center_shell(page):
    seed_demo(details=200)

    page.goto("/")
    expect(page).to_have_url("/accounts/login/?next=/")
    page.get_by_label("Username").fill("demo-admin")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_test_id("account-name")).to_have_text("demo-admin")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text(
        "Sales › Incentives › Incentive Management"
    )
    expect(page.get_by_role("complementary")).to_contain_text("Overview")
    bills = page.get_by_test_id("bills")
    expect(bills).to_contain_text("Pending confirmation")
    # six months of bills, and the payment demo's older issued referral bills
    expect(bills.locator("tbody tr")).to_have_count(6 + len(EXTRA_MONTHS))
