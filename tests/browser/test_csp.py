"""The Content-Security-Policy holds on every page: no inline script or style, no eval, nothing
from elsewhere. Chromium reports each refusal as a `securitypolicyviolation` event and on its
console; either fails the test. Pages: every page the layout test walks, with their htmx
dialogs opened, the sign-in page, the API docs, and the operators' admin (every changelist and
add page, a bill's page with its review buttons, the return form, Axes' access attempts)."""

import pytest
from django.contrib import admin
from django.urls import reverse
from playwright.sync_api import expect

from incentives.demo import DEFAULT_PASSWORD, seed_demo
from incentives.models import Statement
from tests import factories
from tests.browser.test_layout import partner_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(
    e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber
  );
});
"""


class Violations:
    def __init__(self, context):
        self.found = []
        context.add_init_script(LISTEN)
        self.context = context

    def watch(self, page):
        page.on(
            "console",
            lambda message: (
                self.found.append(("console", page.url, message.text))
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    def collect(self, page, name):
        page.wait_for_timeout(150)  # violations are reported asynchronously
        for text in page.evaluate("window.__cspViolations || []"):
            self.found.append((name, page.url, text))
        if page.evaluate("document.querySelectorAll('style').length"):  # e.g. htmx's indicator styles
            self.found.append((name, page.url, "a <style> element"))
        if "/admin/" not in page.url and "/api/docs/" not in page.url:
            config = page.evaluate(
                "window.htmx ? [htmx.config.allowEval, htmx.config.includeIndicatorStyles] : null"
            )
            if config != [False, False]:
                self.found.append((name, page.url, f"htmx config {config}"))


def sign_in(page, username, url="/accounts/login/"):
    page.goto(url)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("input[type=submit], button[type=submit]").last.click()


def test_partner_pages_and_their_dialogs_raise_no_csp_violation(browser, live_server):
    seed_demo(details=120)
    context = browser.new_context(base_url=live_server.url)
    violations = Violations(context)
    page = violations.watch(context.new_page())
    page.set_default_timeout(10_000)
    try:
        response = page.goto("/accounts/login/")
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe" not in policy
        violations.collect(page, "sign-in")
        sign_in(page, "demo-admin")
        expect(page.get_by_test_id("account-name")).to_have_text("demo-admin")
        for name, url in partner_pages().items():
            assert page.goto(url).status == 200, name
            violations.collect(page, name)
        # htmx at work: the Confirm Bill and Feedback dialogs, the Details filters
        page.goto("/incentives/summary/?status=pending_confirmation")
        page.get_by_role("link", name="Confirm Bill").first.click()
        expect(page.locator("dialog[open]")).to_be_visible()
        violations.collect(page, "confirm-dialog")
        page.goto("/incentives/details/")
        page.get_by_test_id("line-row").first.get_by_role("link", name="Feedback", exact=True).click()
        expect(page.locator("dialog[open]")).to_be_visible()
        page.locator("dialog[open] textarea").fill("Checked under the CSP")
        violations.collect(page, "feedback-dialog")
        page.goto("/api/docs/")
        expect(page.locator(".swagger-ui .info")).to_be_visible()
        violations.collect(page, "api-docs")
    finally:
        context.close()
    assert violations.found == []


def admin_urls():
    urls = ["/admin/"]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    bill = Statement.objects.filter(status="issuing").order_by("pk").first()
    urls.append(reverse("admin:incentives_payoutreview_change", args=[bill.pk]))
    urls.append(reverse("admin:incentives_statement_change", args=[bill.pk]))
    return urls


def test_the_admin_works_under_the_policy(browser, live_server):
    seed_demo(details=60)
    factories.UserFactory(username="root", is_staff=True, is_superuser=True, password=DEFAULT_PASSWORD)
    context = browser.new_context(base_url=live_server.url)
    violations = Violations(context)
    page = violations.watch(context.new_page())
    page.set_default_timeout(10_000)
    try:
        sign_in(page, "root", "/admin/login/")
        expect(page.locator("#user-tools")).to_be_visible()
        statuses = {}
        for url in admin_urls():
            statuses[url] = page.goto(url).status
            violations.collect(page, url)
        # the admin's scripts work: the date widget's calendar opens, the changelist's actions bar counts
        page.goto(reverse("admin:incentives_payoutreview_changelist"))
        page.locator("#action-toggle").check()
        expect(page.locator(".action-counter")).to_contain_text("selected")
        violations.collect(page, "actions")
    finally:
        context.close()
    assert {url: code for url, code in statuses.items() if code >= 500} == {}
    assert violations.found == []
