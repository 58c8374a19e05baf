"""Every partner page at a phone's 390x844 and a wide 1440x900, in English and Chinese: the page
itself never scrolls sideways (a table scrolls inside its own frame), its actions are reachable,
and a screenshot of each lands in var/screenshots/ (CI keeps var/)."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from customers.models import Authorisation, Customer
from incentives.demo import DEFAULT_PASSWORD, seed_demo
from incentives.models import DetailLine, Statement
from invoices.models import OfflineContract

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"390": (390, 844), "1440": (1440, 900)}
LANGUAGES = {"en": ("demo-admin", "en"), "zh": ("demo-zh", "zh-hans")}


def partner_pages():
    bill = Statement.objects.filter(partner__code="P1001", status="pending_confirmation").order_by(
        "-period__code"
    )[0]
    incentive = bill.incentives.order_by("incentive_id").first()
    line = DetailLine.objects.filter(incentive=incentive).order_by("pk").first()
    customer = Customer.objects.filter(partner__code="P1001").order_by("pk").first()
    sub_customer = Customer.objects.filter(partner__code="P2002").order_by("pk").first()
    return {
        "overview": "/",
        "summary": "/incentives/summary/",
        "confirm-bill": f"/incentives/bills/{bill.pk}/confirm/",
        "incentive": f"/incentives/incentive/{incentive.incentive_id}/",
        "details": "/incentives/details/",
        "line": f"/incentives/details/{line.pk}/",
        "feedback": f"/incentives/details/{line.pk}/feedback/",
        "export-history": "/incentives/exports/",
        "change-password": "/accounts/password/",
        "api-tokens": "/accounts/tokens/",
        "customers": "/customers/",
        "customer": f"/customers/{customer.pk}/",
        "sub-customers": "/customers/sub-customers/",
        "sub-customer": f"/customers/{sub_customer.pk}/",
        "contact-reveals": "/customers/reveals/",
        "authorisations": "/customers/authorisations/",
        "authorisation": f"/customers/authorisations/{Authorisation.objects.get().pk}/",
        "request-authorisation": f"/customers/{customer.pk}/authorise/",
        "resources": f"/customers/{customer.pk}/resources/",
        **payment_pages(),
        **mdf_pages(),
        **dashboard_pages(),
        **invoice_pages(),
        **prospecting_pages(),
        **voucher_pages(),
        "contracts": "/payments/contracts/",
        "capability-certification": "/capabilities/",
        "contract": f"/payments/contracts/{OfflineContract.objects.filter(partner__code='P1001')[0].code}/",
    }


def prospecting_pages():
    from customers.models import Company

    company = Company.objects.filter(site="china", customers=None).order_by("pk").first()
    return {
        "enterprise-encyclopedia": "/customers/expansion/?name=%E7%A7%91%E6%8A%80",
        "company": f"/customers/expansion/{company.pk}/",
        "report-customer": f"/customers/expansion/{company.pk}/report/",
        "customer-reports": "/customers/reports/",
    }


def payment_pages():
    from invoices.models import PaymentRequest

    awaiting = PaymentRequest.objects.filter(partner__code="P1001", status="awaiting_invoice").get()
    return {
        "payment-requests": "/payments/",
        "my-payment-requests": "/payments/requests/",
        "payment-request": f"/payments/requests/{awaiting.pk}/",
        "invoicing-list": f"/payments/requests/{awaiting.pk}/invoicing-list/",
        "payee-profile": "/payments/payee/",
    }


def mdf_pages():
    from mdf.models import Application

    mdf = Application.objects.filter(partner__code="P1001")
    draft = mdf.get(status="draft")
    claimed = mdf.filter(claim__status="submitted").get()
    return {
        "mdf": "/mdf/",
        "mdf-apply": "/mdf/applications/new/",
        "mdf-budget": f"/mdf/applications/{draft.pk}/step/3/",
        "mdf-application": f"/mdf/applications/{draft.pk}/",
        "mdf-claim": f"/mdf/applications/{claimed.pk}/claim/",
    }


def dashboard_pages():
    """The operations dashboards, customer alerts and indicators (dashboards/)."""
    from dashboards.models import CustomerAlert, IndicatorValue

    alert = CustomerAlert.objects.filter(partner__code="P1001").order_by("pk").first()
    values = IndicatorValue.objects.filter(partner__code="P1001", indicator__code="REV-M")
    value = values.order_by("pk").first()
    return {
        "incentive-dashboard": "/dashboards/incentives/",
        "customer-dashboard": "/dashboards/customers/",
        "customer-alerts": "/customers/alerts/",
        "handle-alerts": "/customers/alerts/handle/",
        "customer-alert": f"/customers/alerts/{alert.pk}/",
        "indicators": "/incentives/indicators/",
        "indicator": f"/incentives/indicators/{value.pk}/",
    }


def invoice_pages():
    from invoices.models import InvoiceRequest

    requests = InvoiceRequest.objects.filter(partner__code="P1001")
    failed = requests.get(status="cancel_failed")
    issued = requests.get(status="issued")
    return {
        "invoices": "/billing/invoices/",
        "invoice-new": f"/billing/invoices/new/?basis=period&period={issued.orders.get().order.period}",
        "invoice-information": "/billing/invoices/information/",
        "invoice-request": f"/billing/invoices/{failed.pk}/",
        "invoice-issued": f"/billing/invoices/{issued.pk}/",
    }


def voucher_pages():
    from vouchers.models import Voucher

    voucher = Voucher.objects.filter(partner__code="P1001", status="active").order_by("pk").first()
    return {
        "vouchers": "/vouchers/",
        "voucher-issue": "/vouchers/issue/",
        "voucher": f"/vouchers/{voucher.number}/",
        "voucher-records": "/vouchers/records/",
    }


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 12).map(e => e.tagName + '.' + e.className + '#' + e.id)"""


def shoot(page, name):
    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_partner_page_fits_the_screen(browser, live_server, width, lang):
    seed_demo(details=120)
    username, code = LANGUAGES[lang]
    w, h = WIDTHS[width]
    context = browser.new_context(base_url=live_server.url, viewport={"width": w, "height": h})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/accounts/login/")
        assert page.evaluate("document.documentElement.lang") == ("zh-Hans" if lang == "zh" else "en")
        assert no_sideways_scroll(page), "sign-in"
        shoot(page, f"sign-in-{width}-{lang}")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(DEFAULT_PASSWORD)
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
        expect(page.get_by_test_id("account-name")).to_have_text(username)

        failures = []
        for name, url in partner_pages().items():
            response = page.goto(url)
            assert response.status == 200, (name, url, response.status)
            if not no_sideways_scroll(page):
                failures.append((name, page.evaluate(WIDER_THAN_THE_SCREEN)))
            shoot(page, f"{name}-{width}-{lang}")
        assert failures == [], f"pages that scroll sideways at {width}px ({lang}): {failures}"

        # every menu entry is reachable: the side menu on wide screens, the off-canvas menu on phones
        page.goto("/")
        if w < 992:
            expect(page.get_by_test_id("sidemenu")).to_be_hidden()
            page.get_by_test_id("menu-toggle").click()
        menu = page.get_by_test_id("sidemenu")
        for link in menu.get_by_role("link").all():
            expect(link).to_be_visible()
        assert menu.get_by_role("link").count() == 7  # 4 of Incentive Management, 3 of Payment Requests
    finally:
        context.close()


def test_actions_stay_reachable_in_tables_on_a_phone(browser, live_server):
    """Details' Feedback/Details and Export History's Download are on screen, not past a scroll."""
    seed_demo(details=120)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("demo-admin")
        page.get_by_label("Password").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto("/incentives/details/")
        row = page.get_by_test_id("line-row").first
        row.locator("td").first.scroll_into_view_if_needed()  # down to the row, not sideways
        for name in ("Feedback", "Details"):
            link = row.get_by_role("link", name=name, exact=True)
            expect(link).to_be_in_viewport()
        page.goto("/incentives/summary/?status=pending_confirmation")
        row = page.locator("tbody tr", has=page.get_by_role("link", name="Confirm Bill")).first
        row.locator("td").first.scroll_into_view_if_needed()
        expect(row.get_by_role("link", name="Confirm Bill")).to_be_in_viewport()
        page.goto("/incentives/exports/")
        expect(page.get_by_test_id("export-table")).to_be_visible()
    finally:
        context.close()
