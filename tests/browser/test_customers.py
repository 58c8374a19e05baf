"""Customer Management in a real browser, on a phone and a wide screen, in both languages:
filter (the filters land in the URL), page, reveal one contact in place, see it in the audit."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from customers.models import ContactReveal, Customer
from incentives.demo import DEFAULT_PASSWORD, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"390": (390, 844), "1440": (1440, 900)}
LANGUAGES = {"en": ("demo-admin", "en"), "zh": ("demo-zh", "zh-hans")}
TEXT = {
    "en": {"search": "Search", "status": "Status", "next": "Next", "reveals": "Contact reveals"},
    "zh": {"search": "查询", "status": "状态", "next": "下一页", "reveals": "联系方式查看记录"},
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_filter_page_and_reveal_a_contact(browser, live_server, width, lang):
    seed_demo(details=60)
    username, code = LANGUAGES[lang]
    words = TEXT[lang]
    w, h = WIDTHS[width]
    context = browser.new_context(base_url=live_server.url, viewport={"width": w, "height": h})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/accounts/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(DEFAULT_PASSWORD)
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
        expect(page.get_by_test_id("account-name")).to_have_text(username)

        page.goto("/customers/")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        own = Customer.objects.filter(partner__code="P1001")
        expect(page.get_by_test_id("customer-count")).to_contain_text(f"{own.count()}")
        expect(page.get_by_test_id("customer-row")).to_have_count(20)
        page.get_by_test_id("customer-pager").get_by_role("link", name=words["next"]).click()
        expect(page).to_have_url(re.compile(r"after=\d+"))

        page.get_by_label(words["status"], exact=True).select_option("associated")
        page.get_by_role("button", name=words["search"]).click()
        expect(page).to_have_url(re.compile(r"status=associated"))
        associated = own.filter(status="associated")
        expect(page.get_by_test_id("customer-count")).to_contain_text(f"{associated.count()}")

        first = associated.order_by("pk").first()
        row = page.get_by_test_id("customer-row").first
        if w < 768:  # contacts hide on a phone: the customer's page has them
            row.get_by_role("link").click()
            expect(page.get_by_test_id("customer-name")).to_have_text(first.name)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            scope = page.get_by_test_id("customer-basic")
        else:
            scope = row
        masked = scope.get_by_test_id("contact-mobile")
        expect(masked).to_contain_text(first.mobile[:3] + "****" + first.mobile[-4:])
        scope.get_by_test_id("reveal-mobile").click()
        expect(scope.get_by_test_id("contact-revealed")).to_have_text(first.mobile)  # swapped in place
        reveal = ContactReveal.objects.get()
        assert (reveal.actor.username, reveal.customer_id, reveal.field) == (username, first.pk, "mobile")

        page.goto("/customers/reveals/")
        expect(page.get_by_test_id("reveal-row")).to_have_count(1)
        expect(page.get_by_test_id("reveal-row")).to_contain_text(first.name)
    finally:
        context.close()
