"""Keyset paging at any depth, and clear answers (never a 500) to bad filters and page links."""

import pytest
from django.urls import reverse

from tests import factories
from tests.details.helpers import API, DETAILS, api_all, db_lines

pytestmark = pytest.mark.django_db

BAD_FILTERS = [
    ({"period": "2019-01"}, "There is no bill for reconciliation period 2019-01"),
    ({"period": "2026-13"}, "is not a reconciliation period; use the form YYYY-MM"),
    ({"period": "<b>oct</b>"}, "is not a reconciliation period"),
    ({"feedback": "maybe"}, "maybe is not one of the available choices"),
    ({"program": "NOPE"}, "There is no incentive program NOPE"),
    ({"customer_name": "x" * 101}, "at most 100 characters"),
    ({"order_id": "CS\x00"}, "Null characters are not allowed"),
]


@pytest.mark.parametrize(("params", "message"), BAD_FILTERS, ids=lambda v: str(v)[:30])
def test_bad_filters_get_a_clear_message_on_page_and_api(client, world, params, message):
    client.force_login(world["admin"])

    page = client.get(DETAILS, params)
    api = client.get(API, params)

    assert page.status_code == 400 and api.status_code == 400
    assert message in page.content.decode() and "<b>oct</b>" not in page.content.decode()
    (field,) = params
    assert message in " ".join(api.json()[field])


@pytest.mark.parametrize(
    "params",
    [{"after": "abc"}, {"before": "-3"}, {"after": "1", "before": "9"}, {"after": "9" * 30}],
    ids=["letters", "negative", "after-and-before", "huge"],
)
def test_malformed_page_links_are_refused_clearly(client, world, params):
    client.force_login(world["admin"])
    page = client.get(DETAILS, params)
    api = client.get(API, params)
    assert page.status_code == 400 and "page link" in page.content.decode()
    assert api.status_code == 400 and "page link" in api.json()["detail"]


def test_a_page_past_the_end_says_so_and_links_back(client, world):
    last_id = db_lines(world["distributor"], "2026-10")[-1].pk
    client.force_login(world["admin"])

    page = client.get(DETAILS, {"customer_name": "blue", "after": last_id})
    api = client.get(API, {"customer_name": "blue", "after": last_id})

    assert page.status_code == 404
    assert "past the end of the results" in page.content.decode()
    assert (
        'data-testid="details-restart" ' in page.content.decode()
        or "details-restart" in page.content.decode()
    )
    assert api.status_code == 404 and "past the end" in api.json()["detail"]


@pytest.mark.parametrize("size", ["0", "501", "ten"])
def test_api_page_size_is_bounded(client, world, size):
    client.force_login(world["admin"])
    response = client.get(API, {"page_size": size})
    assert response.status_code == 400 and "page_size" in response.json()


def test_pages_walk_forwards_and_backwards_over_every_line_once(client, world):
    want = [line.pk for line in db_lines(world["distributor"], "2026-10")]
    client.force_login(world["admin"])

    forwards, ids = api_all(client, {}, page_size=6)
    last = client.get(API, {"last": "true", "page_size": 6}).json()
    backwards, url = [], last["previous"]
    while url:
        body = client.get(url).json()
        backwards = [row["id"] for row in body["results"]] + backwards
        url = body["previous"]

    assert ids == want
    assert [row["id"] for row in last["results"]] == want[-6:] and last["next"] is None
    assert backwards + [row["id"] for row in last["results"]] == want
    assert forwards["previous"] is None and forwards["count"] == len(want)


def test_page_shows_next_previous_first_and_last_links(client, world):
    want = [line.pk for line in db_lines(world["distributor"], "2026-10")]
    client.force_login(world["admin"])

    first = client.get(DETAILS, {"period": "2026-10"})
    second = client.get(DETAILS, {"period": "2026-10", "after": want[19]})
    last = client.get(DETAILS, {"period": "2026-10", "last": "1"})

    assert [line.pk for line in first.context["page"].rows] == want[:20]
    assert [line.pk for line in second.context["page"].rows] == want[20:40]
    assert [line.pk for line in last.context["page"].rows] == want[-20:]
    body = first.content.decode()
    assert f"after={want[19]}" in body and "last=1" in body and 'rel="prev"' not in body
    assert f"before={want[20]}" in second.content.decode()


def test_partner_without_bills_sees_an_empty_page_not_an_error(client, partner_setup):
    client.force_login(partner_setup["viewer"])
    page = client.get(reverse("incentives:details"))
    api = client.get(API)
    assert page.status_code == 200 and "No bills yet" in page.content.decode()
    assert api.status_code == 200
    assert api.json() | {"results": []} == {
        "period": None,
        "count": 0,
        "total_amount": "0.00",
        "next": None,
        "previous": None,
        "results": [],
    }


def test_user_outside_any_partner_gets_a_clear_page_and_api_refusal(client, db):
    client.force_login(factories.UserFactory(username="staff-only", is_staff=True))
    assert client.get(DETAILS).status_code == 403
    assert client.get(API).status_code == 403
