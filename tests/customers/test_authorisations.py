"""Customer authorisation: every transition of the one table, audited; who may do what; the
commitment letter; one live request per customer; expiry; the order-placement check."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from customers.models import Authorisation, AuthorisationEvent
from customers.services import authorisations as service
from partner_center.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def resale(partner_setup):
    """A resale customer of the distributor and one of its reseller, and a referral customer."""
    return {
        "distributor": factories.CustomerFactory(partner=partner_setup["distributor"], account="d-resale"),
        "reseller": factories.CustomerFactory(partner=partner_setup["reseller"], account="r-resale"),
        "referral": factories.CustomerFactory(
            partner=partner_setup["distributor"], account="d-referral", association_type="referral"
        ),
    }


def request_for(user, customer, **kwargs):
    return service.authorisation_request(user=user, customer_id=customer.pk, **kwargs)


def statuses(authorisation):
    return [
        (e.old_status, e.new_status) for e in AuthorisationEvent.objects.filter(authorisation=authorisation)
    ]


def test_a_resellers_request_goes_distributor_then_customer_then_authorised(
    partner_setup, resale, django_user_model
):
    operator = django_user_model.objects.create(username="ops", is_staff=True)
    request = request_for(partner_setup["reseller_admin"], resale["reseller"], accept_commitment=True)
    assert request.status == "pending_distributor" and request.commitment_accepted_at is not None
    service.authorisation_distributor_approve(user=partner_setup["admin"], authorisation_id=request.pk)
    change = service.authorisation_approve(authorisation_id=request.pk, actor=operator)
    assert change.changed and change.authorisation.status == "authorised"
    assert statuses(request) == [
        ("", "pending_distributor"),
        ("pending_distributor", "pending_customer"),
        ("pending_customer", "authorised"),
    ]
    events = AuthorisationEvent.objects.filter(authorisation=request)
    labels = list(events.values_list("actor_label", flat=True))
    assert labels == [partner_setup["reseller_admin"].username, partner_setup["admin"].username, "ops"]


def test_a_distributors_own_request_waits_for_the_customer_only(partner_setup, resale):
    request = request_for(partner_setup["sales"], resale["distributor"], accept_commitment=True)
    assert request.status == "pending_customer"


def test_repeating_a_done_transition_is_a_no_op_and_a_wrong_one_is_a_conflict(partner_setup, resale):
    request = request_for(partner_setup["admin"], resale["distributor"], accept_commitment=True)
    assert service.authorisation_approve(authorisation_id=request.pk, actor=None).changed
    assert not service.authorisation_approve(authorisation_id=request.pk, actor=None).changed
    with pytest.raises(Conflict):
        service.authorisation_reject(authorisation_id=request.pk, actor=None, reason="late")
    assert service.authorisation_revoke(
        authorisation_id=request.pk, actor=None, reason="customer left"
    ).changed
    request.refresh_from_db()
    assert (request.status, request.reason) == ("revoked", "customer left")
    assert len(statuses(request)) == 3


def test_a_distributor_may_reject_its_resellers_request_with_a_reason(partner_setup, resale):
    request = request_for(partner_setup["reseller_admin"], resale["reseller"], accept_commitment=True)
    with pytest.raises(InvalidInput):
        service.authorisation_distributor_reject(
            user=partner_setup["admin"], authorisation_id=request.pk, reason=" "
        )
    service.authorisation_distributor_reject(
        user=partner_setup["admin"], authorisation_id=request.pk, reason="no"
    )
    request.refresh_from_db()
    assert (request.status, request.reason) == ("rejected", "no")


def test_the_first_request_needs_the_commitment_letter_and_later_ones_do_not(partner_setup, resale):
    with pytest.raises(InvalidInput, match="commitment letter"):
        request_for(partner_setup["admin"], resale["distributor"])
    assert not Authorisation.objects.exists()
    request_for(partner_setup["admin"], resale["distributor"], accept_commitment=True)
    other = factories.CustomerFactory(partner=partner_setup["distributor"], account="d-second")
    assert request_for(partner_setup["admin"], other).commitment_accepted_at is None


def test_one_live_request_per_customer_and_only_for_resale_customers(partner_setup, resale):
    admin = partner_setup["admin"]
    request_for(admin, resale["distributor"], accept_commitment=True)
    with pytest.raises(Conflict):
        request_for(admin, resale["distributor"])
    with pytest.raises(Conflict, match="referral"):
        request_for(admin, resale["referral"])


def test_who_may_request_and_approve(partner_setup, resale):
    for role in ("finance", "viewer"):
        with pytest.raises(Forbidden):
            request_for(partner_setup[role], resale["distributor"])
    with pytest.raises(NotFound):  # not its customer
        request_for(partner_setup["rival_admin"], resale["distributor"])
    request = request_for(partner_setup["reseller_admin"], resale["reseller"], accept_commitment=True)
    for other in ("rival_admin", "reseller_admin"):  # only the reseller's own distributor approves
        with pytest.raises(NotFound):
            service.authorisation_distributor_approve(user=partner_setup[other], authorisation_id=request.pk)
    with pytest.raises(Forbidden):
        service.authorisation_distributor_approve(user=partner_setup["viewer"], authorisation_id=request.pk)


def test_unanswered_requests_expire_and_fresh_ones_stay(partner_setup, resale, settings):
    settings.AUTHORISATION_EXPIRY_DAYS = 14
    admin = partner_setup["admin"]
    stale = request_for(admin, resale["distributor"], accept_commitment=True)
    fresh = request_for(
        admin, factories.CustomerFactory(partner=partner_setup["distributor"], account="d-new")
    )
    Authorisation.objects.filter(pk=stale.pk).update(status_changed_at=timezone.now() - timedelta(days=15))
    assert service.authorisations_expire() == 1
    assert service.authorisations_expire() == 0  # a second run finds nothing
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == ("expired", "pending_customer")
    expired = AuthorisationEvent.objects.get(authorisation=stale, new_status="expired")
    assert (expired.actor, expired.actor_label) == (None, "System")


def test_ordering_for_a_resale_customer_needs_a_live_authorisation(partner_setup, resale):
    admin = partner_setup["admin"]
    assert service.order_check(user=admin, customer_id=resale["referral"].pk) == (True, "")
    allowed, reason = service.order_check(user=admin, customer_id=resale["distributor"].pk)
    assert not allowed and "authorisation" in reason
    request = request_for(admin, resale["distributor"], accept_commitment=True)
    service.authorisation_approve(authorisation_id=request.pk, actor=None)
    assert service.order_check(user=admin, customer_id=resale["distributor"].pk) == (True, "")
    service.authorisation_revoke(authorisation_id=request.pk, actor=None, reason="withdrawn")
    assert service.order_check(user=admin, customer_id=resale["distributor"].pk)[0] is False


def test_events_are_append_only(partner_setup, resale):
    request = request_for(partner_setup["admin"], resale["distributor"], accept_commitment=True)
    event = AuthorisationEvent.objects.get(authorisation=request)
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        AuthorisationEvent.objects.all().update(reason="x")


def test_the_pages_apply_and_the_distributor_approves(client, partner_setup, resale):
    client.force_login(partner_setup["reseller_admin"])
    customer = resale["reseller"]
    page = client.get(reverse("customers:customer", args=[customer.pk])).content.decode()
    assert 'data-testid="request-authorisation"' in page
    new = reverse("customers:authorisation_new", args=[customer.pk])
    assert 'data-testid="commitment-letter"' in client.get(new).content.decode()
    refused = client.post(new, {"notes": "x"})
    assert refused.status_code == 400 and not Authorisation.objects.exists()
    response = client.post(new, {"accept_commitment": "on"})
    request = Authorisation.objects.get()
    assert response.status_code == 302 and request.status == "pending_distributor"

    client.force_login(partner_setup["admin"])
    assert 'data-testid="awaiting-row"' in client.get(reverse("customers:authorisations")).content.decode()
    detail = client.get(reverse("customers:authorisation", args=[request.pk])).content.decode()
    assert 'data-testid="distributor-actions"' in detail
    client.post(reverse("customers:authorisation_approve", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == "pending_customer"

    client.force_login(partner_setup["rival_admin"])
    assert client.get(reverse("customers:authorisation", args=[request.pk])).status_code == 404
    assert client.post(reverse("customers:authorisation_approve", args=[request.pk])).status_code == 404
