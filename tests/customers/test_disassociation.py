"""Disassociation: the partner asks at most once every 3 months per customer; operators approve
or reject with a reason; one transition table, audited."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from customers.models import CustomerEvent
from customers.services import disassociation as service
from incentives.operators import ensure_operators_group
from partner_center.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(partner_setup):
    return factories.CustomerFactory(partner=partner_setup["distributor"], account="dis-1")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 5, 31), date(2026, 2, 28)),
        (date(2026, 1, 15), date(2025, 10, 15)),
        (date(2024, 5, 30), date(2024, 2, 29)),
    ],
)
def test_three_months_back_is_the_same_day_or_the_months_last(day, expected):
    assert service.months_before(day, 3) == expected


def test_request_approve_is_audited(partner_setup, customer):
    change = service.disassociation_request(
        user=partner_setup["sales"], customer_id=customer.pk, reason="moved on"
    )
    assert change.changed and change.customer.status == "disassociation_requested"
    assert service.disassociation_approve(customer_id=customer.pk, actor=None).changed
    assert not service.disassociation_approve(customer_id=customer.pk, actor=None).changed  # idempotent
    customer.refresh_from_db()
    assert customer.status == "disassociated"
    trail = [(e.old_status, e.new_status, e.reason) for e in CustomerEvent.objects.filter(customer=customer)]
    assert trail == [
        ("associated", "disassociation_requested", "moved on"),
        ("disassociation_requested", "disassociated", ""),
    ]


def test_a_second_request_within_3_months_is_refused(partner_setup, customer):
    admin = partner_setup["admin"]
    service.disassociation_request(user=admin, customer_id=customer.pk, reason="first")
    service.disassociation_reject(customer_id=customer.pk, actor=None, reason="Still active.")
    with pytest.raises(Conflict, match="3 months"):
        service.disassociation_request(user=admin, customer_id=customer.pk, reason="again")
    later = timezone.now() + timedelta(days=93)  # the events are append-only: move the clock instead
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert service.disassociation_request(user=admin, customer_id=customer.pk, reason="again").changed


def test_who_may_ask_and_what_is_refused(partner_setup, customer):
    for role in ("finance", "viewer"):
        with pytest.raises(Forbidden):
            service.disassociation_request(user=partner_setup[role], customer_id=customer.pk, reason="x")
    with pytest.raises(NotFound):
        service.disassociation_request(user=partner_setup["rival_admin"], customer_id=customer.pk, reason="x")
    with pytest.raises(InvalidInput):
        service.disassociation_request(user=partner_setup["admin"], customer_id=customer.pk, reason=" ")
    with pytest.raises(Conflict):  # nothing asked: nothing to reject
        service.disassociation_reject(customer_id=customer.pk, actor=None, reason="x")
    assert not CustomerEvent.objects.exists()


def test_the_page_asks_and_an_operator_rejects_in_the_admin(client, partner_setup, customer):
    client.force_login(partner_setup["admin"])
    page = reverse("customers:customer", args=[customer.pk])
    assert 'data-testid="disassociate-form"' in client.get(page).content.decode()
    client.post(reverse("customers:disassociate", args=[customer.pk]), {"reason": "Customer left."})
    customer.refresh_from_db()
    assert customer.status == "disassociation_requested"
    assert "Customer left." in client.get(page).content.decode()

    operator = factories.UserFactory(username="ops-dis", is_staff=True)
    operator.groups.add(ensure_operators_group())
    client.force_login(operator)
    changelist = reverse("admin:customers_customer_changelist")
    data = {"action": "reject_disassociation", ACTION_CHECKBOX_NAME: [customer.pk]}
    assert 'name="reason"' in client.post(changelist, data).content.decode()
    client.post(changelist, {**data, "apply": "1", "reason": "Orders this month."})
    customer.refresh_from_db()
    assert customer.status == "associated"
    assert CustomerEvent.objects.last().actor == operator
