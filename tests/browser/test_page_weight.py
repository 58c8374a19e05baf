"""The page-weight benchmark stays runnable: every partner page measured in Chromium."""

import pytest

from benchmarks.page_weight import PAGES, measure
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_page_weight_measures_every_partner_page(browser, live_server, partner_setup):
    figures = measure(
        live_server.url, runs=1, user=partner_setup["admin"].username, password=PASSWORD, browser=browser
    )

    assert set(figures) == set(PAGES)
    for visits in figures.values():
        first = visits["first"]
        assert 0 < first["html"] <= first["total"] and first["requests"] >= 3  # page, CSS, scripts
        assert first["fcp"] > 0
