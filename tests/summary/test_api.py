from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from incentives.models import StatementEvent
from tests import factories

pytestmark = pytest.mark.django_db


def api(user=None, token=False):
    client = APIClient()
    if user and token:
        key = client.post(
            "/api/v1/auth/token/", {"username": user.username, "password": factories.PASSWORD}
        ).data["token"]
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    elif user:
        client.force_authenticate(user)
    return client


def confirm(client, statement):
    return client.post(f"/api/v1/statements/{statement.pk}/confirm/")


def test_token_is_issued_for_a_username_and_password_and_authenticates(partner_setup, bills):
    client = api(partner_setup["admin"], token=True)
    assert client.get("/api/v1/incentives/").status_code == 200
    bad = APIClient().post(
        "/api/v1/auth/token/", {"username": partner_setup["admin"].username, "password": "x"}
    )
    assert bad.status_code == 400
    assert APIClient().get("/api/v1/incentives/").status_code == 401


def test_incentive_list_filters_like_the_page_and_carries_the_bill_id(partner_setup, bills):
    client = api(partner_setup["admin"])
    listing = client.get("/api/v1/incentives/", {"status": "pending_confirmation", "program": "REF"}).json()
    assert listing["count"] == 1
    (row,) = listing["results"]
    assert row["statement"] == bills["distributor"].pk
    assert (row["period"], row["program"], row["amount"], row["currency"], row["status"]) == (
        "2026-10",
        "REF",
        "160.00",
        "CNY",
        "pending_confirmation",
    )
    assert client.get("/api/v1/incentives/", {"period": "2026-11"}).json()["count"] == 1
    assert client.get("/api/v1/incentives/", {"incentive_id": "inc-202610"}).json()["count"] == 2


def test_a_bad_filter_value_is_a_400_with_a_message(partner_setup, bills):
    response = api(partner_setup["admin"]).get("/api/v1/incentives/", {"period": "2026-13"})
    assert response.status_code == 400
    assert response.json() == {"period": ["Unknown reconciliation period."]}


def test_incentive_detail_has_policy_calculation_and_timeline(partner_setup, bills):
    incentive = bills["distributor"].incentives.get(program__code="RSL")
    data = api(partner_setup["viewer"]).get(f"/api/v1/incentives/{incentive.incentive_id}/").json()
    assert data["policy"] == incentive.program.policy
    assert data["calculation"]["amount"] == "52.67" == data["amount"]
    assert sum(Decimal(r["amount"]) for r in data["calculation"]["rows"]) == Decimal("52.67")
    assert [e["new_status"] for e in data["timeline"]] == ["pending_confirmation"]


def test_confirm_returns_200_with_the_bill_and_is_idempotent(partner_setup, bills):
    client = api(partner_setup["finance"])
    first = confirm(client, bills["distributor"])
    second = confirm(client, bills["distributor"])
    assert first.status_code == second.status_code == 200
    assert (first.json()["changed"], second.json()["changed"]) == (True, False)
    body = second.json()
    assert body["status"] == "issuing" and body["total"] == "212.67"
    assert body["confirmed_by"] == partner_setup["finance"].username
    assert len(body["incentives"]) == 2
    assert StatementEvent.objects.filter(new_status="issuing").count() == 1


def test_confirming_an_estimated_bill_is_a_409_with_a_readable_message(partner_setup, bills):
    response = confirm(api(partner_setup["admin"]), bills["estimated"])
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Only bills that are Pending confirmation can be confirmed")


@pytest.mark.parametrize("role", ["viewer", "sales"])
def test_roles_that_may_not_confirm_get_403(partner_setup, bills, role):
    response = confirm(api(partner_setup[role]), bills["distributor"])
    assert response.status_code == 403
    assert "may not confirm bills" in response.json()["detail"]
    bills["distributor"].refresh_from_db()
    assert bills["distributor"].status == "pending_confirmation"


def test_session_auth_enforces_csrf_on_confirm(client, partner_setup, bills):
    api_client = APIClient(enforce_csrf_checks=True)
    api_client.force_login(partner_setup["admin"])
    response = confirm(api_client, bills["distributor"])
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    bills["distributor"].refresh_from_db()
    assert bills["distributor"].status == "pending_confirmation"


def test_schema_and_docs_are_served_without_a_cdn(client, partner_setup):
    schema = client.get(reverse("api-schema"))
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/statements/{id}/confirm/" in text and "/api/v1/incentives/{incentive_id}/" in text
    docs = client.get(reverse("api-docs")).content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "//unpkg" not in docs
