"""Operators approve, reject (with a reason) and revoke authorisations in the admin, through
the services; the reveal audit is there too, read-only."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from customers.models import Authorisation, ContactReveal
from customers.services.authorisations import authorisation_request
from incentives.operators import ensure_operators_group
from tests import factories

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:customers_authorisation_changelist"


@pytest.fixture
def operator(db):
    user = factories.UserFactory(username="ops-li", is_staff=True)
    user.groups.add(ensure_operators_group())
    return user


@pytest.fixture
def pending(partner_setup):
    customer = factories.CustomerFactory(partner=partner_setup["distributor"], account="adm-1")
    return authorisation_request(user=partner_setup["admin"], customer_id=customer.pk, accept_commitment=True)


def act(client, action, pending, **extra):
    return client.post(reverse(CHANGELIST), {"action": action, ACTION_CHECKBOX_NAME: [pending.pk], **extra})


def test_an_operator_records_the_customers_approval(client, operator, pending):
    client.force_login(operator)
    response = act(client, "approve", pending)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "authorised"
    assert pending.events.last().actor == operator


def test_rejecting_asks_for_a_reason_first(client, operator, pending):
    client.force_login(operator)
    page = act(client, "reject", pending)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending_customer"
    act(client, "reject", pending, apply="1", reason="The customer did not confirm.")
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == ("rejected", "The customer did not confirm.")


def test_a_refused_transition_is_a_warning_and_changes_nothing(client, operator, pending):
    client.force_login(operator)
    response = act(client, "revoke", pending, apply="1", reason="x")  # not authorised yet
    assert response.status_code == 302
    assert Authorisation.objects.get().status == "pending_customer"


def test_staff_without_the_permission_get_no_actions(client, pending):
    staff = factories.UserFactory(username="plain-staff", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse(CHANGELIST)).status_code == 403


def test_operators_see_the_reveal_audit_read_only(client, operator, partner_setup):
    customer = factories.CustomerFactory(partner=partner_setup["distributor"], mobile="13800000000")
    ContactReveal.objects.create(
        partner=partner_setup["distributor"], customer=customer, actor=partner_setup["admin"], field="mobile"
    )
    client.force_login(operator)
    page = client.get(reverse("admin:customers_contactreveal_changelist"))
    assert page.status_code == 200 and customer.name in page.content.decode()
