"""On a 390 px phone: confirm a bill end to end, a returned bill shows its reason, and the
Feedback dialog shows the line's thread and counts characters as the partner types."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from incentives.demo import DEFAULT_PASSWORD, seed_demo
from incentives.models import DetailLine, Statement
from incentives.services.statements import statement_confirm, statement_return
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
NO_SIDEWAYS = "el => el.scrollWidth <= el.clientWidth + 1"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page, username="demo-admin"):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("account-name")).to_have_text(username)


def test_confirm_a_bill_on_a_phone(phone):
    seed_demo(details=200)
    page = phone
    sign_in(page)
    page.get_by_test_id("menu-toggle").click()  # the off-canvas menu
    page.get_by_role("link", name="Summary").click()
    page.get_by_label("Status").select_option(label="Pending confirmation")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"status=pending_confirmation"))
    row = page.locator("tbody tr", has=page.get_by_role("link", name="Confirm Bill")).first
    period = row.locator("td").nth(1).inner_text()
    amount = row.locator("td").nth(4).inner_text()
    row.locator("td").first.scroll_into_view_if_needed()
    row.get_by_role("link", name="Confirm Bill").click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("confirm-facts")).to_contain_text(amount)
    assert dialog.evaluate(NO_SIDEWAYS), "the dialog scrolls sideways"
    frame = dialog.get_by_test_id("bill-incentives").locator("xpath=..")
    assert frame.evaluate(NO_SIDEWAYS), "the amounts sit past a scroll in the bill's table"
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    for part in (dialog.get_by_test_id("bill-total"), dialog.get_by_role("button", name="OK")):
        part.scroll_into_view_if_needed()
        expect(part).to_be_in_viewport()
    warning = dialog.get_by_role("alert").filter(has_text="open feedback")
    if warning.count():
        expect(warning).to_be_in_viewport()
        assert warning.evaluate(NO_SIDEWAYS)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    dialog.get_by_role("button", name="OK").click()
    expect(page.get_by_test_id("messages")).to_contain_text("Incentive reconciliation succeeded")
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(f"/incentives/summary/?period={period}")
    expect(page.get_by_test_id("status").first).to_have_text("Issuing")
    assert Statement.objects.get(partner__code="P1001", period__code=period).status == "issuing"


def test_a_returned_bill_shows_its_reason(phone):
    seed_demo(details=100)
    bill = Statement.objects.filter(partner__code="P1001", status="pending_confirmation").order_by(
        "-period__code"
    )[0]
    statement_confirm(statement_id=bill.pk, actor=None)
    operator = factories.UserFactory(username="ops-lin", is_staff=True)
    reason = "The REF rate of order CS-42 was corrected; please check the new total."
    statement_return(
        statement_id=bill.pk, actor=operator, reason=reason, new_deadline=timezone.now() + timedelta(days=4)
    )
    page = phone
    sign_in(page)
    expect(page.get_by_test_id("todo-returned")).to_contain_text("Returned by operations")
    page.goto(f"/incentives/summary/?period={bill.period.code}")
    row = page.locator("tbody tr").first
    expect(row.get_by_test_id("returned-badge")).to_have_text("Returned by operations")
    row.locator("td").first.scroll_into_view_if_needed()
    row.get_by_role("link", name="Confirm Bill").click()
    banner = page.get_by_role("dialog").get_by_test_id("returned-banner")
    expect(banner).to_be_visible()
    expect(banner.get_by_test_id("returned-reason")).to_have_text(reason)
    expect(banner).to_contain_text("ops-lin")
    assert banner.evaluate(NO_SIDEWAYS)


def test_feedback_dialog_shows_the_thread_and_counts_characters(phone):
    seed_demo(details=300)
    line = (
        DetailLine.objects.filter(partner__code="P1001", feedback_messages__isnull=False)
        .exclude(incentive__statement__status="issued")
        .order_by("pk")
        .first()
    )
    assert line is not None
    first = line.feedback_messages.order_by("created_at", "id").first()
    page = phone
    sign_in(page)
    page.goto(f"/incentives/details/?period={line.period.code}&order_id={line.order_id}")
    row = page.locator(f"#line-{line.pk}")
    row.locator("td").first.scroll_into_view_if_needed()
    row.get_by_role("link", name="Feedback", exact=True).click()
    dialog = page.get_by_test_id("feedback-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("feedback-thread")).to_contain_text(first.text[:40])
    counter = dialog.get_by_test_id("feedback-counter")
    expect(counter).to_have_text("0 of 2000 characters")
    dialog.get_by_label("Feedback").fill("Twelve chars")
    expect(counter).to_have_text("12 of 2000 characters")
    expect(dialog).to_contain_text("At most 2000 characters.")
    ok = dialog.get_by_role("button", name="OK")
    ok.scroll_into_view_if_needed()
    expect(ok).to_be_in_viewport()
    assert dialog.evaluate(NO_SIDEWAYS)
