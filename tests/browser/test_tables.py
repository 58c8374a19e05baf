"""The partner tables in Chromium, at a phone's 390 px and a wide 1440 px, in English and Chinese:
sort a column, change the rows per page, choose the columns (kept across pages in a cookie),
and the page itself never scrolls sideways."""

from decimal import Decimal

import pytest
from django.conf import settings
from playwright.sync_api import expect

from incentives.demo import DEFAULT_PASSWORD, seed_demo
from incentives.models import DetailLine
from incentives.selectors.details import details_default_period
from tests.browser.test_layout import WIDER_THAN_THE_SCREEN, no_sideways_scroll, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"390": (390, 844), "1440": (1440, 900)}
LANGUAGES = {"en": ("demo-admin", "en"), "zh": ("demo-zh", "zh-hans")}


def signed_in(browser, live_server, width, lang):
    username, code = LANGUAGES[lang]
    w, h = WIDTHS[width]
    context = browser.new_context(base_url=live_server.url, viewport={"width": w, "height": h})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    expect(page.get_by_test_id("account-name")).to_have_text(username)
    return context, page


def amounts(page):
    cells = page.locator("tbody tr[data-testid=line-row] td.c-amount").all_inner_texts()
    return [Decimal(text.replace(",", "")) for text in cells]


def fits(page, where):
    assert no_sideways_scroll(page), (where, page.evaluate(WIDER_THAN_THE_SCREEN))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_details_sort_page_size_and_columns(browser, live_server, width, lang):
    seed_demo(details=800)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=LANGUAGES[lang][0])
    period = details_default_period(user)
    total = DetailLine.objects.filter(partner__code="P1001", period=period).count()
    assert total > 50
    context, page = signed_in(browser, live_server, width, lang)
    try:
        page.goto("/incentives/details/")
        fits(page, "details")

        # sort by amount: largest first, then smallest first; the URL says so
        page.get_by_test_id("sort-amount").click()
        page.wait_for_url("**ordering=-amount**")
        shown = amounts(page)
        assert len(shown) == 20 and shown == sorted(shown, reverse=True)
        expect(page.locator("th[aria-sort=descending]")).to_have_count(1)
        page.get_by_test_id("sort-amount").click()
        page.wait_for_url("**ordering=amount**")
        assert amounts(page) == sorted(amounts(page))
        fits(page, "details sorted")

        # 50 rows per page, kept with the sort; Next keeps both
        page.get_by_test_id("page-size").locator("select").select_option("50")
        page.wait_for_url("**page_size=50**")
        assert "ordering=amount" in page.url
        first = amounts(page)
        assert len(first) == 50 and first == sorted(first)
        expect(page.get_by_test_id("page-of")).to_contain_text(f"{-(-total // 50)}")
        page.get_by_test_id("details-pager").locator("a[rel=next]").click()
        page.wait_for_url("**after=**")
        assert "page_size=50" in page.url and min(amounts(page)) >= max(first)
        fits(page, "details 50 a page")

        # columns: hide Customer name, show Product type (hidden by default on a phone)
        chooser = page.get_by_test_id("column-chooser")
        chooser.locator("button.dropdown-toggle").click()
        chooser.locator("input[data-column=customer]").uncheck()
        chooser.locator("input[data-column=product]").check()
        expect(page.locator("thead th.c-customer")).to_be_hidden()
        expect(page.locator("thead th.c-product")).to_be_visible()
        expect(page.locator("tbody td.c-product").first).to_be_visible()
        page.keyboard.press("Escape")
        page.reload()  # the choice is kept (a cookie the server reads)
        expect(page.locator("thead th.c-customer")).to_be_hidden()
        expect(page.locator("tbody td.c-customer").first).to_be_hidden()
        expect(page.locator("thead th.c-product")).to_be_visible()
        fits(page, "details chosen columns")
        shoot(page, f"details-columns-{width}-{lang}")

        chooser.locator("button.dropdown-toggle").click()
        chooser.locator("[data-columns-default]").click()
        expect(page.locator("thead th.c-customer")).to_be_visible()
        if width == "390":
            expect(page.locator("thead th.c-product")).to_be_hidden()  # the phone's default again
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_summary_sort_page_size_and_columns(browser, live_server, width, lang):
    seed_demo(details=120)
    context, page = signed_in(browser, live_server, width, lang)
    try:
        page.goto("/incentives/summary/")
        fits(page, "summary")
        periods = page.locator("tbody td.c-period").all_inner_texts()
        assert periods == sorted(periods, reverse=True)

        page.get_by_test_id("sort-period").click()  # htmx: the results swap, the URL follows
        page.wait_for_url("**ordering=period**")
        expect(page.locator("th[aria-sort=ascending]")).to_have_count(1)
        periods = page.locator("tbody td.c-period").all_inner_texts()
        assert periods == sorted(periods)

        page.get_by_test_id("page-size").locator("select").select_option("50")
        page.wait_for_url("**page_size=50**")
        assert "ordering=period" in page.url
        expect(page.get_by_test_id("page-of")).to_be_visible()
        fits(page, "summary sorted, 50 a page")

        chooser = page.get_by_test_id("column-chooser")
        chooser.locator("button.dropdown-toggle").click()
        chooser.locator("input[data-column=name]").uncheck()
        chooser.locator("input[data-column=deadline]").check()
        expect(page.locator("thead th.c-name")).to_be_hidden()
        expect(page.locator("thead th.c-deadline")).to_be_visible()
        page.keyboard.press("Escape")
        page.reload()
        expect(page.locator("tbody td.c-name").first).to_be_hidden()
        expect(page.locator("tbody td.c-deadline").first).to_be_visible()
        fits(page, "summary chosen columns")
        shoot(page, f"summary-columns-{width}-{lang}")

        page.goto("/incentives/exports/")
        chooser = page.get_by_test_id("column-chooser")
        chooser.locator("button.dropdown-toggle").click()
        chooser.locator("input[data-column=rows]").uncheck()
        expect(page.locator("thead th.c-rows")).to_be_hidden()
        fits(page, "export history chosen columns")
    finally:
        context.close()
