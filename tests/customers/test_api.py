"""The customers API: the page's filters and scoping, masked contacts, the audited reveal."""

import pytest
from rest_framework.test import APIClient

from customers.models import ContactReveal
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/api/v1/customers/"


@pytest.fixture
def api():
    return APIClient()


def test_the_list_is_the_pages_list_with_masked_contacts(api, partner_setup, customers):
    api.force_authenticate(partner_setup["admin"])
    body = api.get(URL).json()
    assert body["count"] == 2 and [row["account"] for row in body["results"]] == [
        "hwc_own_001",
        "hwc_own_002",
    ]
    own = body["results"][0]
    assert own["mobile"] == "138****5678" and own["email"] == "a***@example.com"
    assert (own["available_quota"], own["discount"], own["tier2_reseller"]) == (
        "12345.60",
        "0.1500",
        "Reseller Co",
    )


def test_the_list_takes_the_pages_filters(api, partner_setup, customers):
    api.force_authenticate(partner_setup["admin"])
    body = api.get(URL, {"status": "disassociated", "industry": "retail"}).json()
    assert [row["account"] for row in body["results"]] == ["hwc_own_002"] and body["count"] == 1
    assert api.get(URL, {"status": "gone"}).status_code == 400


def test_pages_follow_next_until_the_end(api, partner_setup):
    for number in range(7):
        factories.CustomerFactory(partner=partner_setup["distributor"], account=f"p{number}")
    api.force_authenticate(partner_setup["admin"])
    seen, url = [], f"{URL}?page_size=3"
    while url:
        body = api.get(url).json()
        assert body["count"] == 7
        seen += [row["account"] for row in body["results"]]
        url = body["next"]
    assert seen == [f"p{number}" for number in range(7)]
    assert api.get(URL, {"after": "99999999"}).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"), [("admin", 200), ("sales", 200), ("finance", 403), ("viewer", 403)]
)
def test_the_api_takes_the_manage_customers_capability(api, partner_setup, customers, role, status):
    api.force_authenticate(partner_setup[role])
    assert api.get(URL).status_code == status
    assert api.get(f"{URL}{customers['own'].pk}/").status_code == status
    assert api.post(f"{URL}{customers['own'].pk}/reveal/", {"field": "email"}).status_code == status


def test_detail_scoping_own_resellers_and_others(api, partner_setup, customers):
    api.force_authenticate(partner_setup["admin"])
    own = api.get(f"{URL}{customers['own'].pk}/").json()
    assert own["basic_information_only"] is False and own["mobile"] == "138****5678"
    sub = api.get(f"{URL}{customers['resellers'].pk}/").json()
    assert sub == {
        "id": customers["resellers"].pk, "name": "Reseller Customer", "account": "hwc_res_001",
        "reseller": "Reseller Co", "association_date": sub["association_date"],
        "basic_information_only": True,
    }  # fmt: skip
    assert api.get(f"{URL}{customers['rivals'].pk}/").status_code == 404
    assert api.post(f"{URL}{customers['rivals'].pk}/reveal/", {"field": "mobile"}).status_code == 404
    assert api.post(f"{URL}{customers['resellers'].pk}/reveal/", {"field": "mobile"}).status_code == 404
    api.force_authenticate(partner_setup["reseller_admin"])
    assert api.get(f"{URL}{customers['own'].pk}/").status_code == 404


def test_reveal_answers_one_field_and_is_audited(api, partner_setup, customers):
    api.force_authenticate(partner_setup["sales"])
    response = api.post(f"{URL}{customers['own'].pk}/reveal/", {"field": "mobile"})
    assert response.json() == {"id": customers["own"].pk, "field": "mobile", "value": "13812345678"}
    reveal = ContactReveal.objects.get()
    assert (reveal.actor, reveal.field) == (partner_setup["sales"], "mobile")
    assert api.post(f"{URL}{customers['own'].pk}/reveal/", {"field": "name"}).status_code == 400
    assert ContactReveal.objects.count() == 1


def test_the_order_check_needs_a_live_authorisation_for_a_resale_customer(api, partner_setup, customers):
    from customers.services.authorisations import authorisation_approve, authorisation_request

    api.force_authenticate(partner_setup["admin"])
    own = customers["own"]
    body = api.get(f"{URL}{own.pk}/order-check/").json()
    assert body["allowed"] is False and body["reason"]
    request = authorisation_request(user=partner_setup["admin"], customer_id=own.pk, accept_commitment=True)
    authorisation_approve(authorisation_id=request.pk, actor=None)
    assert api.get(f"{URL}{own.pk}/order-check/").json() == {"id": own.pk, "allowed": True, "reason": ""}
    assert api.get(f"{URL}{customers['rivals'].pk}/order-check/").status_code == 404
