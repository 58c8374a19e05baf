"""Payments over the scoping matrix: payable incentives and payment requests are whole
incentives, every account manager's, so a sales user sees none of them."""

import pytest
from rest_framework.test import APIClient

from tests.scoping.conftest import CASE_IDS, CASES

pytestmark = pytest.mark.django_db


def _role(role: str) -> str:
    return "sales" if role in ("lead", "rep", "solo") else role


@pytest.mark.parametrize(("key", "role"), CASES, ids=CASE_IDS)
def test_payments_are_not_a_sales_users(client, scoped, key, role):
    """Payable incentives and payment requests are whole incentives (every account manager's):
    a sales user sees none of them, and the pages say why."""
    from incentives.models import Statement

    world = scoped[key]
    Statement.objects.filter(pk=world["bill"].pk).update(status="issued")
    client.force_login(world["users"][role])
    page = client.get("/payments/")
    sales = _role(role) == "sales"
    assert [row.pk for row in page.context["rows"]] == ([] if sales else [world["incentive"].pk])
    assert ('data-testid="figures-own"' in page.content.decode()) is sales
    api = APIClient()
    api.force_authenticate(world["users"][role])
    listed = [row["incentive_id"] for row in api.get("/api/v1/payable/").json()["results"]]
    assert listed == ([] if sales else [world["incentive"].incentive_id])
