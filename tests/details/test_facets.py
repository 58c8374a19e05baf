"""The bill's facets: what a typed product type, account manager, incentive ID or program code
stands for, read once per bill and kept in the cache (incentives/selectors/details.py).

A cached answer must never hide lines: lines loaded into the bill later are found by their
new values at once, even lines that change neither the bill's count nor its total.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incentives.models import DetailLine
from incentives.services.figures import detail_lines_add, incentive_get_or_create
from tests import factories

from .conftest import add_lines
from .helpers import DETAILS, api_all, page_all

pytestmark = pytest.mark.django_db


def found(client, params):
    page, page_ids = page_all(client, params)
    body, api_ids = api_all(client, params)
    assert page_ids == api_ids and page.context["totals"].count == body["count"] == len(page_ids)
    return page_ids


def test_lines_loaded_later_are_found_by_their_new_product_type_and_account_manager(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["admin"])
    estimated = {"period": "2026-11"}
    assert found(client, {**estimated, "product_type": "gpu"}) == []  # the facets are cached now
    assert found(client, {**estimated, "account_manager": "nora"}) == []
    bill = world["bills"]["2026-11"]
    newcomer = factories.CustomerFactory(
        partner=world["distributor"], name="Harbour Data", account="hwc_200", account_manager="Nora Quinn"
    )
    incentive = incentive_get_or_create(statement=bill, program=world["programs"][0])
    incentive.statement = bill
    # revenue 0: the bill's incentive count and total stay as they were
    line = DetailLine(
        incentive=incentive,
        order_id="CS202611GPU0001",
        customer=newcomer,
        product_type="GPU",
        revenue=Decimal("0.00"),
        rate=Decimal("0.0500"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        detail_lines_add(lines=[line])

    assert found(client, {**estimated, "product_type": "gpu"}) == [line.pk]
    assert found(client, {**estimated, "account_manager": "NORA"}) == [line.pk]


def test_a_program_of_other_bills_matches_nothing_and_an_unknown_one_is_refused(client, world):
    period = factories.PeriodFactory(code="2026-12", start=date(2026, 12, 1), end=date(2026, 12, 31))
    add_lines(world["distributor"], period, world["customers"][:1], world["programs"][:1])  # RSL only
    client.force_login(world["admin"])

    assert found(client, {"period": "2026-12", "program": "REF"}) == []
    assert len(found(client, {"period": "2026-12", "program": "RSL"})) == 3
    unknown = client.get(DETAILS, {"period": "2026-12", "program": "NOPE"})
    assert unknown.status_code == 400
    assert "There is no incentive program NOPE" in unknown.content.decode()


@pytest.mark.parametrize(
    "typed",
    [{"product_type": "rds"}, {"account_manager": "li wei"}, {"incentive_id": "inc-"}, {"program": "REF"}],
    ids=lambda typed: next(iter(typed)),
)
def test_a_typed_filter_costs_no_query_of_its_own(client, world, django_assert_num_queries, typed):
    """Answered from the bill's facets: as many queries as the period alone (once they are cached)."""
    client.force_login(world["admin"])
    client.get(DETAILS, {"period": "2026-10"})
    with CaptureQueriesContext(connection) as period_only:
        client.get(DETAILS, {"period": "2026-10"})
    with django_assert_num_queries(len(period_only)):
        response = client.get(DETAILS, {"period": "2026-10", **typed})
    assert response.status_code == 200 and response.context["totals"].count > 0
