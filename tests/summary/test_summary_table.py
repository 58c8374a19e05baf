"""The Summary table: sorted by period either way, rows per page, and the column chooser.

Walking every page of a sort visits every incentive exactly once, in (period, Incentive ID)
order, on the page and in the API.
"""

from datetime import date

import pytest
from rest_framework.test import APIClient

from incentives.models import Incentive
from tests import factories

pytestmark = pytest.mark.django_db

SUMMARY = "/incentives/summary/"
API = "/api/v1/incentives/"
PERIODS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]


@pytest.fixture
def sixty_incentives(partner_setup):
    """Five bills of 12 incentives: 60 rows, so 25 a page ends inside a bill."""
    partner = partner_setup["distributor"]
    programs = [factories.ProgramFactory(code=f"Q{n:02d}", name=f"Program {n:02d}") for n in range(12)]
    for code in PERIODS:
        year, month = map(int, code.split("-"))
        period = factories.PeriodFactory(code=code, start=date(year, month, 1), end=date(year, month, 28))
        for number, program in enumerate(programs):
            factories.bill(partner, period, program=program, lines=[(f"{100 + number}.10", "0.05")])
    factories.bill(partner_setup["rival"], period, program=programs[0])
    return partner


def expected(partner, oldest_first):
    rows = Incentive.objects.filter(statement__partner=partner)
    order = "statement__period__code" if oldest_first else "-statement__period__code"
    return list(rows.order_by(order, "incentive_id").values_list("incentive_id", flat=True))


def walk(client, params):
    """Every Incentive ID of the pages, following the pager's Next, and the "Page X of Y" seen."""
    ids, seen, number = [], [], 1
    while True:
        response = client.get(SUMMARY, {**params, "page": number})
        assert response.status_code == 200, response.content.decode()[:500]
        ids += [row["incentive_id"] for row in response.context["rows"]]
        page = response.context["page"]
        seen.append(f"Page {page.number} of {page.paginator.num_pages}")
        assert seen[-1] in response.content.decode()
        if not page.has_next():
            return ids, seen
        number += 1


@pytest.mark.parametrize("ordering", ["", "-period", "period"])
@pytest.mark.parametrize("size", [25, 50])
def test_walking_all_pages_of_a_sort_visits_every_incentive_exactly_once(
    client, partner_setup, sixty_incentives, ordering, size
):
    client.force_login(partner_setup["admin"])
    ids, seen = walk(client, {"ordering": ordering, "page_size": size})
    assert ids == expected(sixty_incentives, oldest_first=ordering == "period")
    assert seen == [f"Page {n} of {-(-60 // size)}" for n in range(1, -(-60 // size) + 1)]


def test_the_period_header_toggles_the_order_and_keeps_filters_and_page_size(
    client, partner_setup, sixty_incentives
):
    client.force_login(partner_setup["admin"])
    body = client.get(SUMMARY, {"status": "estimated", "page_size": 50, "page": 2}).content.decode()
    header = body.split('data-testid="sort-period"')[0].rsplit("<th", 1)[1]
    assert 'aria-sort="descending"' in header
    assert "status=estimated&amp;page_size=50&amp;ordering=period" in header and "page=2" not in header

    oldest = client.get(SUMMARY, {"status": "estimated", "page_size": 50, "ordering": "period"})
    header = oldest.content.decode().split('data-testid="sort-period"')[0].rsplit("<th", 1)[1]
    assert 'aria-sort="ascending"' in header and "ordering=-period" in header
    assert oldest.context["rows"][0]["period"] == "2026-06"


@pytest.mark.parametrize("size", ["10", "0", "all", "250"])
def test_a_page_size_not_offered_is_a_clear_400_with_the_filters_kept(
    client, partner_setup, sixty_incentives, size
):
    client.force_login(partner_setup["admin"])
    response = client.get(SUMMARY, {"period": "2026-07", "page_size": size})
    assert response.status_code == 400
    assert "Rows per page must be one of 25, 50, 100." in response.content.decode()
    assert 'value="2026-07" selected' in response.content.decode()


def test_an_unknown_sort_is_a_clear_400_on_the_page_and_in_the_api(client, partner_setup, sixty_incentives):
    client.force_login(partner_setup["admin"])
    page = client.get(SUMMARY, {"ordering": "amount"})
    api = APIClient()
    api.force_authenticate(partner_setup["admin"])
    answer = api.get(API, {"ordering": "amount"})
    assert page.status_code == 400 and "cannot be sorted by" in page.content.decode()
    assert answer.status_code == 400 and "cannot be sorted by" in answer.json()["ordering"][0]


def test_the_api_takes_the_same_ordering_and_a_page_size(partner_setup, sixty_incentives):
    api = APIClient()
    api.force_authenticate(partner_setup["admin"])
    ids, url = [], f"{API}?ordering=period&page_size=7"
    while url:
        body = api.get(url).json()
        ids += [row["incentive_id"] for row in body["results"]]
        url = body["next"]
    assert ids == expected(sixty_incentives, oldest_first=True)


def test_the_column_chooser_cookie_opens_the_page_with_those_columns(client, partner_setup, sixty_incentives):
    client.force_login(partner_setup["admin"])
    client.cookies["pc_cols_summary"] = "h.deadline.currency"
    body = client.get(SUMMARY).content.decode()
    assert 'class="grid cols-chosen hide-currency hide-deadline"' in body
    assert 'data-column="deadline">' in body and 'data-column="name" checked>' in body
