"""Every page and endpoint of the Summary against own / other-partner / distributor / reseller users."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

# (user, bill) -> visible? A distributor does not see its reseller's bills, nor the reverse.
MATRIX = [
    ("admin", "distributor", True),
    ("admin", "reseller", False),
    ("admin", "rival", False),
    ("reseller_admin", "reseller", True),
    ("reseller_admin", "distributor", False),
    ("rival_admin", "rival", True),
    ("rival_admin", "distributor", False),
]
IDS = [f"{user}-on-{bill}" for user, bill, _ in MATRIX]


@pytest.mark.parametrize(("user", "bill", "visible"), MATRIX, ids=IDS)
def test_pages(client, partner_setup, bills, user, bill, visible):
    statement = bills[bill]
    incentive = statement.incentives.first()
    client.force_login(partner_setup[user])
    expected = 200 if visible else 404

    assert client.get(reverse("incentives:incentive", args=[incentive.incentive_id])).status_code == expected
    assert client.get(reverse("incentives:confirm_bill", args=[statement.pk])).status_code == expected
    assert (incentive.incentive_id in client.get("/incentives/summary/").content.decode()) is visible
    assert client.post(reverse("incentives:confirm_bill", args=[statement.pk])).status_code == (
        302 if visible else 404
    )
    statement.refresh_from_db()
    assert statement.status == ("issuing" if visible else "pending_confirmation")


@pytest.mark.parametrize(("user", "bill", "visible"), MATRIX, ids=IDS)
def test_api(partner_setup, bills, user, bill, visible):
    statement = bills[bill]
    incentive = statement.incentives.first()
    api = APIClient()
    api.force_authenticate(partner_setup[user])
    expected = 200 if visible else 404

    assert api.get(f"/api/v1/incentives/{incentive.incentive_id}/").status_code == expected
    assert api.get(f"/api/v1/statements/{statement.pk}/").status_code == expected
    listed = {row["incentive_id"] for row in api.get("/api/v1/incentives/").json()["results"]}
    assert (incentive.incentive_id in listed) is visible
    assert api.post(f"/api/v1/statements/{statement.pk}/confirm/").status_code == expected
    statement.refresh_from_db()
    assert statement.status == ("issuing" if visible else "pending_confirmation")


def test_staff_without_a_partner_gets_nothing_from_the_partner_api(bills):
    from tests import factories

    api = APIClient()
    api.force_authenticate(factories.UserFactory(username="staffer", is_staff=True))
    assert api.get("/api/v1/incentives/").status_code == 403
