"""Supervisors and their teams: who may supervise whom (model and admin), what a supervisor
may choose on the dashboards, and the customer dashboard, alerts and indicator drill-down
scoped like every other read."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from customers.models import Membership
from customers.selectors import managed_names, manager_name_of
from dashboards.models import CustomerAlert
from dashboards.selectors.alerts import alerts_for
from dashboards.services.customer_stats import customer_stats_refresh
from tests import factories
from tests.scoping.conftest import AMOUNTS, CASE_IDS, CASES, ROLES, seen

pytestmark = pytest.mark.django_db


def membership(world, role):
    return Membership.objects.get(user=world["users"][role])


@pytest.mark.parametrize(
    ("member", "supervisor", "field_error"),
    [
        ("finance", "lead", "Only a sales user can have a supervisor."),
        ("solo", "admin", "The supervisor must be a sales user."),
        ("solo", "solo", "A user cannot be their own supervisor."),
    ],
)
def test_a_supervisor_is_another_sales_user(scoped, member, supervisor, field_error):
    world = scoped["distributor"]
    chosen = membership(world, member)
    chosen.supervisor = membership(world, supervisor)
    with pytest.raises(ValidationError) as refused:
        chosen.full_clean()
    assert field_error in refused.value.message_dict["supervisor"]


def test_a_supervisor_of_another_partner_is_refused_in_the_admin(client, scoped):
    rep = membership(scoped["distributor"], "rep")
    foreign = membership(scoped["reseller"], "lead")
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    url = reverse("admin:customers_membership_change", args=[rep.pk])
    form = {"user": rep.user_id, "partner": rep.partner_id, "role": "sales"}

    refused = client.post(url, {**form, "supervisor": foreign.pk})

    assert refused.status_code == 200
    assert "The supervisor must be a user of the same partner." in refused.content.decode()
    rep.refresh_from_db()
    assert rep.supervisor == membership(scoped["distributor"], "lead")
    assert (
        client.post(url, {**form, "supervisor": membership(scoped["distributor"], "solo").pk}).status_code
        == 302
    )
    rep.refresh_from_db()
    assert rep.supervisor.user.username == "distributor-solo"
    assert managed_names(scoped["distributor"]["users"]["lead"]) == {"Lead Distributor"}  # its team left


def test_the_manager_name_is_the_full_name_else_the_username(scoped):
    users = scoped["distributor"]["users"]
    assert (manager_name_of(users["lead"]), manager_name_of(users["solo"])) == (
        "Lead Distributor",
        "distributor-solo",
    )
    assert managed_names(users["lead"]) == {"Lead Distributor", "Rep Distributor"}
    assert managed_names(users["admin"]) is None


def test_a_supervisor_picks_among_their_team_on_the_dashboard(client, scoped):
    client.force_login(scoped["distributor"]["users"]["lead"])
    url = reverse("dashboards:incentives")
    rep = client.get(url, {"year": 2026, "manager": "Rep Distributor"})
    assert rep.status_code == 200 and rep.context["figures"].total == AMOUNTS["rep"]
    outside = client.get(url, {"year": 2026, "manager": "Someone Else distributor"})
    assert outside.status_code == 400 and outside.context["figures"].total == AMOUNTS["lead"] + AMOUNTS["rep"]
    assert outside.context["figures"].payable is None  # the partner's payments are not a sales user's
    client.force_login(scoped["distributor"]["users"]["solo"])
    solo = client.get(url, {"year": 2026})
    assert solo.context["form"].fields["manager"].choices == [("distributor-solo", "distributor-solo")]


@pytest.mark.parametrize(("key", "role"), CASES, ids=CASE_IDS)
def test_customer_dashboard_and_alerts(client, scoped, key, role):
    world = scoped[key]
    user = world["users"][role]
    customer_stats_refresh(partner_id=world["partner"].pk)
    for who, customer in world["customers"].items():
        CustomerAlert.objects.create(
            partner=world["partner"], customer=customer, scenario="churn_risk", cause=f"c-{who}",
            raised_on=date(2026, 11, 1), handler_label="x", account_manager=customer.account_manager,
        )  # fmt: skip
    assert {alert.cause for alert in alerts_for(user)} == {f"c-{who}" for who in seen(role)}
    client.force_login(user)
    page = client.get(reverse("dashboards:customers"))
    if role in ("finance", "viewer"):  # the customer dashboard is for those who manage customers
        assert page.status_code == 403
        return
    assert page.status_code == 200 and page.context["figures"].total == len(seen(role))


def test_every_role_of_the_world_is_covered():
    assert set(ROLES) == {"admin", "finance", "lead", "rep", "solo", "viewer"}


def test_the_demo_has_an_account_manager_and_a_supervisor(db):
    from django.contrib.auth import get_user_model

    from customers.selectors import customers_for
    from incentives.demo import seed_demo
    from incentives.selectors.details import detail_lines_for

    seed_demo(details=300, companies=0)
    users = get_user_model().objects
    sales, lead = users.get(username="demo-sales"), users.get(username="demo-lead")
    assert set(customers_for(sales).values_list("account_manager", flat=True)) == {"Li Wei"}
    assert set(customers_for(lead).values_list("account_manager", flat=True)) == {"Li Wei", "Zhang Min"}
    assert detail_lines_for(sales).exists()
    assert not detail_lines_for(sales).exclude(account_manager="Li Wei").exists()
