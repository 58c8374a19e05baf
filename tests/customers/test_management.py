"""Customer Management: the list, its filters and pages, a customer's page; who sees what."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
LIST = "/customers/"


def rows(response):
    return response.content.decode().count('data-testid="customer-row"')


def test_the_list_shows_every_column_and_masks_contacts(client, partner_setup, customers):
    client.force_login(partner_setup["admin"])
    page = client.get(LIST).content.decode()
    for shown in ("杭州星海科技有限公司", "hwc_own_001", "Resale", "2025-03-01", "Li Wei", "Reseller Co",
                  "Finance", "V3", "12,345.60", "15.00%", "Associated", "Disassociated"):  # fmt: skip
        assert shown in page
    assert "138****5678" in page and "a***@example.com" in page
    assert "13812345678" not in page and "alice@example.com" not in page


def test_the_list_holds_only_the_partners_own_customers(client, partner_setup, customers):
    client.force_login(partner_setup["admin"])
    page = client.get(LIST).content.decode()
    assert "Reseller Customer" not in page and "Rival Customer" not in page
    assert re.search(r"2\s+customers", page)
    client.force_login(partner_setup["reseller_admin"])
    page = client.get(LIST).content.decode()
    assert "Reseller Customer" in page and "Blue River" not in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"name": "星海"}, ["hwc_own_001"]),
        ({"name": "blue"}, ["hwc_own_002"]),
        ({"account": "HWC_OWN_00"}, ["hwc_own_001", "hwc_own_002"]),
        ({"account": "hwc_own_002"}, ["hwc_own_002"]),
        ({"association_type": "referral"}, ["hwc_own_002"]),
        ({"associated_from": "2026-01-01"}, ["hwc_own_002"]),
        ({"associated_to": "2025-12-31"}, ["hwc_own_001"]),
        ({"account_manager": "emily"}, ["hwc_own_002"]),
        ({"reseller": "reseller co"}, ["hwc_own_001"]),
        ({"industry": "retail"}, ["hwc_own_002"]),
        ({"level": "V3"}, ["hwc_own_001"]),
        ({"quota_min": "100"}, ["hwc_own_001"]),
        ({"quota_max": "100"}, ["hwc_own_002"]),
        ({"discount_min": "10"}, ["hwc_own_001"]),
        ({"discount_max": "10"}, ["hwc_own_002"]),
        ({"status": "disassociated"}, ["hwc_own_002"]),
        ({"status": "disassociation_requested"}, []),
        ({"name": "星海", "status": "disassociated"}, []),
    ],
)
def test_each_filter_narrows_the_list_and_its_count(client, partner_setup, customers, params, expected):
    client.force_login(partner_setup["admin"])  # a sales user sees only their own (tests/scoping)
    response = client.get(LIST, params)
    page = response.content.decode()
    assert response.status_code == 200
    assert sorted(re.findall(r"<td class=\"mono nowrap\">(hwc_own_00\d)</td>", page)) == expected
    assert rows(response) == len(expected)
    count = re.search(r'data-testid="customer-count">\s*(\d+)', page)
    assert count and int(count.group(1)) == len(expected)


@pytest.mark.parametrize(
    "params",
    [{"status": "gone"}, {"associated_from": "yesterday"}, {"discount_min": "abc"}, {"discount_max": "120"}],
)
def test_a_bad_filter_value_is_a_400_with_a_message(client, partner_setup, customers, params):
    client.force_login(partner_setup["admin"])
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert 'data-testid="customer-problems"' in response.content.decode()


def test_pages_follow_keyset_links_and_the_count_covers_all_matches(client, partner_setup):
    from tests import factories

    for number in range(45):
        factories.CustomerFactory(partner=partner_setup["distributor"], account=f"bulk{number:03d}")
    client.force_login(partner_setup["admin"])
    first = client.get(LIST)
    assert rows(first) == 20 and re.search(r"45\s+customers", first.content.decode())
    after = re.search(r"after=(\d+)", first.content.decode()).group(1)
    second = client.get(LIST, {"after": after})
    assert rows(second) == 20
    last = client.get(LIST, {"last": "1"})
    assert rows(last) == 20 and "bulk044" in last.content.decode()
    assert client.get(LIST, {"after": "999999999"}).status_code == 404
    assert client.get(LIST, {"after": "x"}).status_code == 400


@pytest.mark.parametrize(
    ("role", "status"), [("admin", 200), ("sales", 200), ("finance", 403), ("viewer", 403)]
)
def test_managing_customers_takes_the_manage_customers_capability(
    client, partner_setup, customers, role, status
):
    client.force_login(partner_setup[role])
    own = customers["own"]
    assert client.get(LIST).status_code == status
    assert client.get(reverse("customers:customer", args=[own.pk])).status_code == status
    assert client.get(reverse("customers:sub_customers")).status_code == status
    reveal = client.post(reverse("customers:reveal", args=[own.pk, "mobile"]))
    assert reveal.status_code == status


def test_a_customers_page_shows_its_figures_and_links_to_its_lines_in_details(
    client, partner_setup, customers
):
    client.force_login(partner_setup["admin"])
    own = customers["own"]
    page = client.get(reverse("customers:customer", args=[own.pk])).content.decode()
    for shown in (
        "杭州星海科技有限公司",
        "15.00%",
        "12,345.60",
        "Reseller Co",
        "138****5678",
        "Associated on 2025-03-01",
    ):
        assert shown in page
    assert "13812345678" not in page
    assert "/incentives/details/?customer_account=hwc_own_001" in page


def test_another_partners_customer_is_a_404_everywhere(client, partner_setup, customers):
    rivals = customers["rivals"]
    client.force_login(partner_setup["admin"])
    assert client.get(reverse("customers:customer", args=[rivals.pk])).status_code == 404
    assert client.post(reverse("customers:reveal", args=[rivals.pk, "mobile"])).status_code == 404
    client.force_login(partner_setup["reseller_admin"])  # a reseller does not see its distributor's
    assert client.get(reverse("customers:customer", args=[customers["own"].pk])).status_code == 404
    assert client.get(reverse("customers:customer", args=[rivals.pk])).status_code == 404


def test_a_distributor_sees_its_resellers_customers_with_basic_information_only(
    client, partner_setup, customers
):
    client.force_login(partner_setup["admin"])
    listed = client.get(reverse("customers:sub_customers")).content.decode()
    assert "Reseller Customer" in listed and "hwc_res_001" in listed and "Reseller Co" in listed
    assert "hwc_own_001" not in listed and "Rival Customer" not in listed
    page = client.get(reverse("customers:customer", args=[customers["resellers"].pk])).content.decode()
    assert 'data-testid="contact-reseller"' in page
    assert "137****0000" not in page and "13700000000" not in page  # no contacts, masked or not
    assert (
        client.post(reverse("customers:reveal", args=[customers["resellers"].pk, "mobile"])).status_code
        == 404
    )


def test_a_reseller_has_no_sub_customers(client, partner_setup, customers):
    client.force_login(partner_setup["reseller_admin"])
    listed = client.get(reverse("customers:sub_customers")).content.decode()
    assert 'data-testid="sub-customer-row"' not in listed
