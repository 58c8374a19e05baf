import re
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import expect

from incentives.demo import DEFAULT_PASSWORD, seed_demo
from incentives.models import DetailLine, FeedbackMessage, Statement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_filters_details_and_gives_feedback_on_a_line(page):
    seed_demo(details=400)
    # the older Pending confirmation bill (its deadline passed; not the page's default period)
    bill = Statement.objects.filter(partner__code="P1001", status="pending_confirmation").order_by(
        "period__code"
    )[0]
    period = bill.period.code
    line = (
        DetailLine.objects.filter(partner__code="P1001", period=bill.period)
        .select_related("customer")
        .first()
    )
    word = line.customer.name.split()[0][:6]  # part of the name, typed in lower case
    matching = DetailLine.objects.filter(
        partner__code="P1001", period=bill.period, customer__name__icontains=word
    )

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("demo-admin")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("complementary").get_by_role("link", name="Details").click()

    page.get_by_label("Reconciliation period").select_option(period)
    page.get_by_label("Customer name").fill(word.lower())
    page.get_by_role("button", name="Search").click()

    # the filters live in the URL
    expect(page).to_have_url(
        re.compile(rf"\?period={period}&.*customer_name={re.escape(quote_plus(word.lower()))}&")
    )
    summary = page.get_by_test_id("details-summary")
    expect(summary).to_contain_text(f"{matching.count()} line")
    rows = page.get_by_test_id("line-row")
    expect(rows.first).to_contain_text(word)
    row = page.locator(f"#line-{matching.order_by('id').first().pk}")

    row.get_by_role("link", name="Feedback").click()
    dialog = page.get_by_test_id("feedback-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Feedback").fill("   ")  # blank: refused, the dialog stays with the message
    dialog.get_by_role("button", name="OK").click()
    expect(dialog.get_by_test_id("feedback-error")).to_contain_text("cannot be empty")
    dialog.get_by_label("Feedback").fill("  Rate for this order <b>looks</b> wrong  ")
    dialog.get_by_role("button", name="OK").click()

    expect(dialog).to_have_count(0)
    expect(row.get_by_test_id("line-feedback")).to_contain_text("Open")
    expect(row.get_by_test_id("line-feedback")).to_contain_text("Rate for this order <b>looks</b> wrong")
    expect(page.get_by_role("status").filter(has_text="Feedback saved")).to_be_visible()
    message = FeedbackMessage.objects.get(author__username="demo-admin")
    assert (message.author.username, message.text) == ("demo-admin", "Rate for this order <b>looks</b> wrong")

    page.reload()
    expect(page.locator(f"#line-{message.line_id}").get_by_test_id("line-feedback")).to_contain_text("Open")
