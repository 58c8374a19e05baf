"""Details sorted by amount, rows per page, "page X of Y" and the column chooser's cookie.

Walking every page of a sort visits every matching line exactly once, in (amount, id) order,
forwards and backwards, on the page and in the API; many lines share an amount here (a few
revenues times a few rates), so the ties inside one amount are what the id settles.
"""

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest

from tests import factories

from .conftest import add_lines
from .helpers import API, DETAILS, api_all, db_lines


def sorted_ids(lines, ordering):
    if ordering == "amount":
        return [line.pk for line in sorted(lines, key=lambda line: (line.amount, line.pk))]
    return [line.pk for line in sorted(lines, key=lambda line: (line.amount, line.pk), reverse=True)]


def walk_page(client, params):
    """Every line of the page's Next links (as the pager writes them), and the page numbers seen."""
    response = client.get(DETAILS, params)
    assert response.status_code == 200, response.content.decode()[:1000]
    ids, shown = [row.pk for row in response.context["page"].rows], [response.context["pager"]]
    while response.context["page"].has_next:
        html = str(response.context["pager"])
        href = html.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
        response = client.get(DETAILS + href)
        assert response.status_code == 200
        ids += [row.pk for row in response.context["page"].rows]
        shown.append(response.context["pager"])
    return ids, shown


@pytest.mark.parametrize("ordering", ["amount", "-amount"])
@pytest.mark.parametrize("filters", [{}, {"feedback": "without"}, {"product_type": "ecs"}])
def test_walking_all_pages_of_a_sort_visits_every_line_exactly_once(client, world, ordering, filters):
    lines = db_lines(world["distributor"], "2026-10")
    if filters.get("feedback") == "without":
        lines = [line for line in lines if not line.feedback_status]
    if "product_type" in filters:
        lines = [line for line in lines if line.product_type == "ECS"]
    want = sorted_ids(lines, ordering)
    assert len({line.amount for line in lines}) < len(lines)  # ties to settle
    client.force_login(world["admin"])

    ids, _pagers = walk_page(client, {"period": "2026-10", "ordering": ordering, **filters})
    _first, api_ids = api_all(client, {"period": "2026-10", "ordering": ordering, **filters}, page_size=5)

    assert ids == want and api_ids == want


@pytest.mark.parametrize("ordering", ["amount", "-amount"])
def test_a_sort_walks_backwards_from_the_last_page_over_every_line_once(client, world, ordering):
    want = sorted_ids(db_lines(world["distributor"], "2026-10"), ordering)
    client.force_login(world["admin"])

    last = client.get(API, {"last": "true", "page_size": 4, "ordering": ordering}).json()
    backwards, url = [row["id"] for row in last["results"]], last["previous"]
    while url:
        body = client.get(url).json()
        backwards = [row["id"] for row in body["results"]] + backwards
        url = body["previous"]

    assert backwards == want and last["next"] is None


def test_amount_header_sorts_largest_first_then_smallest_and_keeps_the_filters(client, world):
    client.force_login(world["admin"])
    body = client.get(DETAILS, {"period": "2026-10", "feedback": "without"}).content.decode()
    link = (
        body.split('data-testid="sort-amount"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    )
    assert parse_qs(urlparse(link).query) == {
        "period": ["2026-10"],
        "feedback": ["without"],
        "ordering": ["-amount"],
    }
    sorted_page = client.get(DETAILS + link)
    amounts = [row.amount for row in sorted_page.context["page"].rows]
    assert amounts == sorted(amounts, reverse=True)
    assert 'aria-sort="descending"' in sorted_page.content.decode()
    assert "ordering=amount" in sorted_page.content.decode()  # the next click: smallest first


@pytest.mark.parametrize("size", [50, 100])
def test_rows_per_page_is_in_the_url_and_the_pager_keeps_it(client, world, size):
    want = [line.pk for line in db_lines(world["distributor"], "2026-10")]
    client.force_login(world["admin"])

    response = client.get(DETAILS, {"period": "2026-10", "page_size": size})

    assert [row.pk for row in response.context["page"].rows] == want[:size]
    assert f'<option value="{size}" selected>' in response.content.decode()


@pytest.mark.parametrize("size", ["10", "0", "fifty", "1000"])
def test_a_page_size_not_offered_is_a_clear_400_on_the_page(client, world, size):
    client.force_login(world["admin"])
    response = client.get(DETAILS, {"period": "2026-10", "page_size": size})
    assert response.status_code == 400
    assert "Rows per page must be one of 20, 50, 100." in response.content.decode()


def test_an_unknown_sort_is_a_clear_400_on_the_page_and_in_the_api(client, world):
    client.force_login(world["admin"])
    page = client.get(DETAILS, {"period": "2026-10", "ordering": "customer__name"})
    api = client.get(API, {"period": "2026-10", "ordering": "revenue"})
    assert page.status_code == 400 and "cannot be sorted by" in page.content.decode()
    assert api.status_code == 400 and "cannot be sorted by" in api.json()["ordering"][0]


def test_pager_says_page_x_of_y_from_the_count_it_already_has(client, world):
    period = factories.PeriodFactory(code="2026-12", start=date(2026, 12, 1), end=date(2026, 12, 31))
    add_lines(world["distributor"], period, world["customers"][:2], world["programs"], 8)
    want = [line.pk for line in db_lines(world["distributor"], "2026-12")]
    pages = -(-len(want) // 20)
    client.force_login(world["admin"])

    _ids, pagers = walk_page(client, {"period": "2026-12"})
    last = client.get(DETAILS, {"period": "2026-12", "last": "1"})
    hand_made = client.get(DETAILS, {"period": "2026-12", "after": want[25], "n": "999"})

    assert pages >= 3 and len(pagers) == pages
    for number, pager in enumerate(pagers, start=1):
        assert f"Page {number} of {pages}" in str(pager)
    assert f"Page {pages} of {pages}" in str(last.context["pager"])
    assert f"{pages} pages" in str(hand_made.context["pager"])  # a position the page cannot know


def test_the_column_chooser_cookie_opens_the_page_with_those_columns(client, world):
    client.force_login(world["admin"])
    client.cookies["pc_cols_details"] = "h.reseller.manager.bogus"

    body = client.get(DETAILS, {"period": "2026-10"}).content.decode()
    del client.cookies["pc_cols_details"]
    default = client.get(DETAILS, {"period": "2026-10"})

    assert 'class="grid details cols-chosen hide-manager hide-reseller"' in body
    assert 'data-column="reseller">' in body and 'data-column="customer" checked>' in body
    assert "hide-bogus" not in body and "cols-chosen" not in default.context["table"].table_classes


def test_the_filter_form_shows_what_was_chosen_and_keeps_sort_and_page_size(client, world):
    client.force_login(world["admin"])
    params = {"period": "2026-09", "feedback": "open", "program": "REF", "product_type": "CDN"}
    params |= {"customer_name": 'blue "wave" <b>', "ordering": "-amount", "page_size": "50"}

    body = client.get(DETAILS, params).content.decode()

    assert '<option value="2026-09" selected>2026-09 · Issued successfully</option>' in body
    assert '<option value="open" selected>Feedback open</option>' in body
    assert '<option value="REF" selected>' in body and '<option value="CDN" selected>CDN</option>' in body
    assert 'name="customer_name" maxlength="100" value="blue &quot;wave&quot; &lt;b&gt;"' in body
    assert '<input type="hidden" name="ordering" value="-amount">' in body
    assert '<input type="hidden" name="page_size" value="50">' in body
    assert body.count('<label for="f-') == 10


def test_the_cached_drop_downs_follow_a_new_incentive_on_the_bill(client, world):
    client.force_login(world["admin"])
    period = factories.PeriodFactory(code="2026-12", start=date(2026, 12, 1), end=date(2026, 12, 31))
    add_lines(world["distributor"], period, world["customers"][:1], world["programs"][:1])
    before = client.get(DETAILS, {"period": "2026-12"}).context
    add_lines(world["distributor"], period, world["customers"][:1], world["programs"][1:], prefix="CX")
    after = client.get(DETAILS, {"period": "2026-12"}).context

    assert [p.code for p in before["programs"]] == ["RSL"] and "CDN" not in before["product_types"]
    assert [p.code for p in after["programs"]] == ["REF", "RSL"] and "CDN" in after["product_types"]
