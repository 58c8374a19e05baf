"""A reseller requests a customer authorisation, its distributor approves, the customer enters the
e-mailed verification code on its own page, and the reseller sees Authorised: in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from customers.models import Authorisation, Customer
from incentives.demo import DEFAULT_PASSWORD, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_reseller_requests_distributor_approves_customer_enters_the_code(browser, live_server):
    seed_demo(details=60)
    taken = set(Authorisation.objects.values_list("customer_id", flat=True))
    customer = (
        Customer.objects.filter(partner__code="P2001", association_type="resale", status="associated")
        .exclude(pk__in=taken)
        .order_by("pk")
        .first()
    )
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, "reseller-admin")
        page.goto(f"/customers/{customer.pk}/")
        page.get_by_test_id("request-authorisation").click()
        page.get_by_role("button", name="Request Authorization").click()
        expect(page.get_by_test_id("authorisation-status")).to_have_text("Pending distributor approval")
        request = Authorisation.objects.get(customer=customer)

        context.clear_cookies()
        sign_in(page, "demo-admin")
        page.goto("/customers/authorisations/")
        page.get_by_test_id("awaiting-row").filter(has_text=customer.account).get_by_role("link").click()
        page.get_by_test_id("distributor-actions").get_by_role("button", name="Approve").click()
        expect(page.get_by_test_id("authorisation-status")).to_have_text("Pending customer approval")

        context.clear_cookies()  # the customer, signed in nowhere, opens the e-mail's link
        (message,) = [m for m in mail.outbox if customer.email in m.to]
        link = re.search(r"http\S+(/consent/\S+/)", message.body).group(1)
        code = re.search(r"\b(\d{6})\b", message.body).group(1)
        page.goto(link)
        page.get_by_label("Verification code").fill(code)
        page.get_by_test_id("consent-submit").click()
        expect(page.get_by_test_id("consent-done")).to_be_visible()
        request.refresh_from_db()
        assert request.status == "authorised"

        context.clear_cookies()
        sign_in(page, "reseller-admin")
        page.goto("/customers/authorisations/")
        row = page.get_by_test_id("authorisation-row").filter(has_text=customer.account)
        expect(row.get_by_test_id("authorisation-status")).to_have_text("Authorised")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
