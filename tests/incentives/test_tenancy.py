import pytest
from django.contrib.auth.models import AnonymousUser

from customers.selectors import customers_for
from incentives.selectors.details import detail_lines_for
from incentives.selectors.statements import incentives_for, statements_for
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def bills(partner_setup):
    p = partner_setup
    reseller_customer = factories.CustomerFactory(partner=p["reseller"])
    return {
        "distributor": factories.bill(p["distributor"]),
        "reseller": factories.bill(p["reseller"], customer=reseller_customer),
        "rival": factories.bill(p["rival"]),
    }


SELECTORS = [statements_for, incentives_for, detail_lines_for]


def _partner_ids(selector, user):
    qs = selector(user)
    field = {"Statement": "partner_id", "Incentive": "statement__partner_id", "DetailLine": "partner_id"}
    return set(qs.values_list(field[qs.model.__name__], flat=True))


@pytest.mark.parametrize("selector", SELECTORS)
@pytest.mark.parametrize(
    ("user_key", "sees"),
    [
        ("admin", "distributor"),
        ("viewer", "distributor"),
        ("reseller_admin", "reseller"),
        ("rival_admin", "rival"),
    ],
)
def test_each_user_sees_only_their_own_partners_figures(partner_setup, bills, selector, user_key, sees):
    """A distributor sees its own bills, not its resellers'; resellers and rivals theirs."""
    assert _partner_ids(selector, partner_setup[user_key]) == {partner_setup[sees].pk}


@pytest.mark.parametrize("selector", SELECTORS)
def test_users_outside_any_partner_see_nothing(bills, selector):
    staff = factories.UserFactory(username="staff-no-partner", is_staff=True)
    assert not selector(staff).exists()
    assert not selector(AnonymousUser()).exists()


def test_distributor_sees_its_resellers_customers_but_not_the_other_way(partner_setup, bills):
    p = partner_setup
    own = set(customers_for(p["admin"]).values_list("partner_id", flat=True))
    assert own == {p["distributor"].pk, p["reseller"].pk}
    assert set(customers_for(p["reseller_admin"]).values_list("partner_id", flat=True)) == {p["reseller"].pk}
    assert set(customers_for(p["rival_admin"]).values_list("partner_id", flat=True)) == {p["rival"].pk}


def test_home_page_lists_only_the_partners_own_bills(client, partner_setup, bills):
    factories.bill(partner_setup["rival"], period=factories.PeriodFactory(code="2026-09"))
    client.force_login(partner_setup["admin"])

    page = client.get("/")

    assert page.status_code == 200
    assert [s.pk for s in page.context["statements"]] == [bills["distributor"].pk]
    assert "2026-09" not in page.content.decode()
