"""The dashboards' charts render (a canvas with pixels drawn) at a phone's and a wide screen's
width, in English and Chinese, and ECharts follows the page's language."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from incentives.demo import DEFAULT_PASSWORD, seed_demo
from tests.browser.test_layout import LANGUAGES, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# a chart is drawn: its canvas is there, sized, and not blank (some pixel is not transparent)
DRAWN = """(id) => {
  const canvas = document.querySelector('#' + id + ' canvas');
  if (!canvas || canvas.width < 50 || canvas.height < 50) return false;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
  return false;
}"""
CHARTS = {
    "/dashboards/incentives/": ["trend", "programs"],
    "/dashboards/customers/": ["levels", "movement", "industries", "regions", "bands", "top"],
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_dashboard_charts_render(browser, live_server, width, lang):
    seed_demo(details=300)
    username, code = LANGUAGES[lang]
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
        for url, charts in CHARTS.items():
            assert page.goto(url).status == 200
            for chart in charts:
                expect(page.locator(f"#{chart}")).to_have_attribute("data-drawn", "true")
                assert page.evaluate(DRAWN, chart), (url, chart, width, lang)
        # the stack switch redraws the trend by program
        page.goto("/dashboards/incentives/")
        page.locator("button[data-series=byProgram]").click()
        expect(page.locator("#trend")).to_have_attribute("data-series", "byProgram")
        assert page.evaluate(DRAWN, "trend")
        # ECharts' own words (its locale) follow the page language
        expect(page.locator("#trend")).to_have_attribute("data-locale", "ZH" if lang == "zh" else "EN")
    finally:
        context.close()
