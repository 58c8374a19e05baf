import pytest
from playwright.sync_api import expect

from incentives.demo import DEFAULT_PASSWORD, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username="demo-admin"):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("account-name")).to_have_text(username)


def test_demo_admin_confirms_a_bill_in_the_dialog(page):
    seed_demo(details=300)
    sign_in(page)

    page.get_by_role("complementary").get_by_role("link", name="Summary").click()
    page.get_by_label("Status").select_option(label="Pending confirmation")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(
        "/incentives/summary/?status=pending_confirmation&period=&program=&incentive_id="
    )
    row = page.locator("tbody tr", has=page.get_by_role("link", name="Confirm Bill")).first
    period = row.locator("td").nth(1).inner_text()
    name = row.locator("td").nth(2).inner_text()
    association = row.locator("td").nth(3).inner_text()
    amount = row.locator("td").nth(4).inner_text()
    row.get_by_role("link", name="Confirm Bill").click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    facts = dialog.get_by_test_id("confirm-facts")
    for text in (period, name, association, amount):
        expect(facts).to_contain_text(text)
    page.evaluate("window.__notReloaded = true")
    dialog.get_by_role("button", name="OK").click()

    expect(page.get_by_test_id("messages")).to_contain_text("Incentive reconciliation succeeded")
    expect(dialog).to_be_hidden()
    expect(page.locator(f"tr:has(td:text-is('{period}'))").first.get_by_test_id("status")).to_have_text(
        "Issuing"
    )
    assert page.evaluate("window.__notReloaded") is True  # no full page load happened
    expect(page).to_have_url(f"/incentives/summary/?period={period}")


def test_confirm_bill_works_without_javascript(browser, live_server):
    seed_demo(details=100)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, "demo-finance")
        page.goto("/incentives/summary/?status=pending_confirmation")
        page.get_by_role("link", name="Confirm Bill").first.click()
        expect(page.get_by_role("heading", name="Confirm Bill")).to_be_visible()
        page.get_by_role("button", name="OK").click()
        expect(page.get_by_test_id("messages")).to_contain_text("Incentive reconciliation succeeded")
        expect(page.get_by_test_id("status").first).to_have_text("Issuing")
    finally:
        context.close()
