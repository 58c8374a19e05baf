"""One answer for a page that does not exist, on the Summary and Details, page and API alike:
a page past the end is a 404 with a message saying so (never another page in its place), a
malformed page link a 400; and a Summary page costs the same few queries however many bills
its rows come from."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db
SUMMARY, SUMMARY_API = "/incentives/summary/", "/api/v1/incentives/"


@pytest.fixture
def one_incentive_bills(partner_setup):
    """60 bills of one incentive each: the Summary's 25 rows of a page come from 25 bills."""
    partner = partner_setup["distributor"]
    program = factories.ProgramFactory(code="RSL")
    for number in range(60):
        year, month = 2020 + number // 12, 1 + number % 12
        period = factories.PeriodFactory(code=f"{year}-{month:02d}", start=date(year, month, 1))
        factories.bill(partner, period, program=program)
    return partner


def test_a_summary_page_past_the_end_is_a_404_with_a_message(client, partner_setup, one_incentive_bills):
    client.force_login(partner_setup["admin"])
    page = client.get(SUMMARY, {"page": "4"})
    fragment = client.get(SUMMARY, {"page": "4"}, headers={"HX-Request": "true"})
    api = APIClient()
    api.force_authenticate(partner_setup["admin"])
    listed = api.get(SUMMARY_API, {"page": "3"})

    message = "There is no page 4: these results end at page 3."
    assert page.status_code == 404 and message in page.content.decode()
    assert 'data-incentive="' not in page.content.decode()  # no other page's rows under its URL
    assert 'name="incentive_id"' in page.content.decode()  # the filters stay, to search again
    assert fragment.status_code == 404 and "data-error-message" in fragment.content.decode()
    assert message in fragment.content.decode()  # portal.js shows it; the page stays as it was
    assert listed.status_code == 404
    assert listed.json()["detail"] == "There is no page 3: these results end at page 2."
    assert client.get(SUMMARY, {"page": "3"}).status_code == 200
    assert api.get(SUMMARY_API, {"page": "2"}).status_code == 200


@pytest.mark.parametrize("asked", ["0", "abc", "-1", "1.5"])
def test_a_malformed_summary_page_number_is_a_400(client, partner_setup, one_incentive_bills, asked):
    client.force_login(partner_setup["admin"])
    api = APIClient()
    api.force_authenticate(partner_setup["admin"])
    page, listed = client.get(SUMMARY, {"page": asked}), api.get(SUMMARY_API, {"page": asked})
    assert page.status_code == 400 and "page link is malformed" in page.content.decode()
    assert listed.status_code == 400 and "page link is malformed" in listed.json()["detail"]


def test_an_empty_summary_has_its_first_page_and_no_second(client, partner_setup):
    client.force_login(partner_setup["admin"])
    assert client.get(SUMMARY).status_code == 200
    assert client.get(SUMMARY, {"page": "2"}).status_code == 404


def test_a_summary_page_runs_the_same_queries_however_many_bills_it_spans(
    client, partner_setup, one_incentive_bills
):
    client.force_login(partner_setup["admin"])
    counts = []
    for page in ("1", "2", "3"):
        client.get(SUMMARY, {"page": page})  # the session is written on the first request
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SUMMARY, {"page": page})
        assert response.status_code == 200 and len(response.context["rows"]) in (25, 10)
        counts.append(len(queries))
    # user, bills, programs, the page's rows: 25 bills' rows in one query
    assert counts == [4, 4, 4]
