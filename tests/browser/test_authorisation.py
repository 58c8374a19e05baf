"""A reseller requests a customer authorisation, its distributor approves, an operator records
the customer's approval in the admin, and the reseller sees Authorised: in a real browser."""

import pytest
from playwright.sync_api import expect

from customers.models import Authorisation, Customer
from incentives.demo import DEFAULT_PASSWORD, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_reseller_requests_distributor_approves_operator_records_the_customers_approval(browser, live_server):
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

        context.clear_cookies()
        sign_in(page, "operator")
        page.goto(f"/admin/customers/authorisation/?id__exact={request.pk}")
        page.locator(f"input[name=_selected_action][value='{request.pk}']").check()
        page.locator("select[name=action]").select_option("approve")
        page.locator("button[name=index]").click()
        expect(page.locator(".messagelist")).to_contain_text("1")

        context.clear_cookies()
        sign_in(page, "reseller-admin")
        page.goto("/customers/authorisations/")
        row = page.get_by_test_id("authorisation-row").filter(has_text=customer.account)
        expect(row.get_by_test_id("authorisation-status")).to_have_text("Authorised")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
