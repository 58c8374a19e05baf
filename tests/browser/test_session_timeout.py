"""The idle-timeout warning in a real browser: a toast before the session ends unused, "Stay
signed in" slides the end, and once it has ended the toast says so and offers to sign in."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_page_warns_before_the_idle_timeout_and_stay_signed_in_works(page, partner_setup, settings):
    settings.SESSION_COOKIE_AGE = 14
    settings.SESSION_WARNING_SECONDS = 10
    settings.SESSION_REFRESH_SECONDS = 1
    user = partner_setup["admin"]
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(factories.PASSWORD)
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    page.goto("/incentives/summary/")
    toast = page.get_by_test_id("session-timeout")
    expect(toast).to_be_hidden()

    expect(toast).to_be_visible(timeout=8_000)  # 10 s before the end
    expect(page.get_by_test_id("session-timeout-text")).to_contain_text("your session ends in 0:")
    page.get_by_role("button", name="Stay signed in").click()
    expect(toast).to_be_hidden(timeout=3_000)

    expect(toast).to_be_visible(timeout=8_000)
    expect(page.get_by_test_id("session-timeout-text")).to_contain_text("has ended", timeout=16_000)
    sign_in = toast.get_by_role("link", name="Sign in")
    expect(sign_in).to_be_visible()
    sign_in.click()
    assert "/accounts/login/" in page.url and "next=/incentives/summary/" in page.url
    page.goto("/incentives/summary/")
    assert "/accounts/login/" in page.url  # the server ended it too
