"""htmx that fails safely: an ended session, a double click, Back after Confirm."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from playwright.sync_api import expect

from incentives.demo import DEFAULT_PASSWORD, seed_demo
from incentives.models import ExportJob, FeedbackMessage, Statement, StatementEvent
from tests.browser.test_summary import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PENDING = "/incentives/summary/?status=pending_confirmation"
SUCCESS = "Incentive reconciliation succeeded"


def open_confirm_dialog(page, url=PENDING):
    """Open Confirm Bill on the first pending row; the bill it confirms."""
    page.goto(url)
    row = page.locator("tbody tr", has=page.get_by_role("link", name="Confirm Bill")).first
    period = row.locator("td").nth(1).inner_text()
    row.get_by_role("link", name="Confirm Bill").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    return Statement.objects.get(partner__code="P1001", period__code=period)


def test_ok_after_the_session_ended_ends_on_sign_in_with_the_message(page):
    seed_demo(details=100)
    sign_in(page)
    bill = open_confirm_dialog(page)

    page.context.clear_cookies(name="sessionid")  # the session ended while the dialog was open
    page.get_by_role("dialog").get_by_role("button", name="OK").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/incentives/summary/%3Fstatus%3Dpending"))
    expect(page.get_by_role("heading", name="Sign in to Partner Center")).to_be_visible()
    expect(page.get_by_test_id("messages")).to_contain_text(
        "Your session had ended; the bill was not confirmed. Sign in and try again."
    )
    expect(page.get_by_test_id("account-name")).to_have_count(0)  # the header no longer shows the user
    bill.refresh_from_db()
    assert bill.status == "pending_confirmation"

    page.get_by_label("Username").fill("demo-admin")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(PENDING)
    expect(page.get_by_test_id("messages")).to_contain_text("The bill was not confirmed because your session")
    bill.refresh_from_db()
    assert bill.status == "pending_confirmation"


def test_feedback_after_the_session_was_deleted_on_the_server_is_not_saved(page):
    seed_demo(details=100)
    sign_in(page)
    page.get_by_role("complementary").get_by_role("link", name="Details").click()
    page.get_by_test_id("line-row").first.get_by_role("link", name="Feedback").click()
    dialog = page.get_by_test_id("feedback-dialog")
    dialog.get_by_label("Feedback").fill("Rate looks wrong")

    Session.objects.all().delete()
    cache.clear()  # sessions are read from the cache first
    dialog.get_by_role("button", name="OK").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/incentives/details/"))
    expect(page.get_by_test_id("messages")).to_contain_text("your feedback was not saved")
    assert not FeedbackMessage.objects.filter(text="Rate looks wrong").exists()


def test_double_clicking_ok_confirms_once_with_one_success_message(page):
    seed_demo(details=100)
    sign_in(page)
    bill = open_confirm_dialog(page)

    page.get_by_role("dialog").get_by_role("button", name="OK").dblclick()

    messages = page.get_by_test_id("messages")
    expect(messages).to_contain_text(SUCCESS)
    page.wait_for_timeout(500)  # a second request, had one been sent, would have answered by now
    expect(messages.locator("li")).to_have_count(1)
    expect(messages).not_to_contain_text("already confirmed")
    assert StatementEvent.objects.filter(statement=bill, new_status="issuing").count() == 1


def test_double_clicking_export_requests_one_export(page):
    seed_demo(details=100)
    sign_in(page, "demo-finance")
    page.goto("/incentives/exports/")
    before = ExportJob.objects.count()
    page.get_by_test_id("new-export").get_by_role("button", name="Export").dblclick()
    expect(page.get_by_test_id("messages")).to_contain_text("Export task created.")
    page.wait_for_timeout(500)
    assert ExportJob.objects.count() == before + 1


def test_back_after_confirm_shows_the_new_status_not_a_live_ok(page):
    seed_demo(details=100)
    sign_in(page)
    bill = open_confirm_dialog(page, "/incentives/summary/")
    period = bill.period.code
    page.get_by_role("dialog").get_by_role("button", name="OK").click()
    expect(page.get_by_test_id("messages")).to_contain_text(SUCCESS)
    expect(page).to_have_url(f"/incentives/summary/?period={period}")

    page.go_back()

    expect(page).to_have_url("/incentives/summary/")
    rows = page.locator("tbody tr", has=page.locator(f"td:text-is('{period}')"))
    expect(rows.first.get_by_test_id("status")).to_have_text("Issuing")
    expect(rows.get_by_role("link", name="Confirm Bill")).to_have_count(0)


def test_back_to_the_confirm_page_without_javascript_shows_no_ok(browser, live_server):
    seed_demo(details=100)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, "demo-finance")
        page.goto(PENDING)
        page.get_by_role("link", name="Confirm Bill").first.click()
        page.get_by_role("button", name="OK").click()
        expect(page.get_by_test_id("messages")).to_contain_text(SUCCESS)

        page.go_back()  # the Confirm page, fetched again (no-store): the bill is Issuing now

        expect(page.get_by_role("heading", name="Confirm Bill")).to_be_visible()
        expect(page.get_by_role("button", name="OK")).to_have_count(0)
    finally:
        context.close()
