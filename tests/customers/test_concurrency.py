"""Row locks and append-only triggers under real concurrency: PostgreSQL only."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import DatabaseError, connection, connections

from customers.models import Authorisation, AuthorisationEvent, ContactReveal
from customers.services.authorisations import authorisation_approve, authorisation_request
from partner_center.errors import Conflict
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_ten_concurrent_requests_for_one_customer_give_one_request():
    partner = factories.PartnerFactory(kind="direct")
    users = [factories.member(partner, "admin", username=f"admin{n}") for n in range(10)]
    customer = factories.CustomerFactory(partner=partner)
    barrier = Barrier(len(users))

    def apply(user):
        try:
            barrier.wait()
            authorisation_request(user=user, customer_id=customer.pk, accept_commitment=True)
            return "created"
        except Conflict:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        results = list(pool.map(apply, users))
    assert results.count("created") == 1 and results.count("refused") == 9
    assert Authorisation.objects.count() == 1 and AuthorisationEvent.objects.count() == 1


def test_ten_concurrent_approvals_give_one_transition():
    partner = factories.PartnerFactory(kind="direct")
    admin = factories.member(partner, "admin")
    request = authorisation_request(
        user=admin, customer_id=factories.CustomerFactory(partner=partner).pk, accept_commitment=True
    )
    barrier = Barrier(10)

    def approve(_n):
        try:
            barrier.wait()
            return authorisation_approve(authorisation_id=request.pk, actor=None).changed
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(approve, range(10)))
    assert results.count(True) == 1
    assert AuthorisationEvent.objects.filter(new_status="authorised").count() == 1


@pytest.mark.parametrize("table", ["customers_contactreveal", "customers_authorisationevent"])
def test_the_database_refuses_to_edit_or_delete_the_audit(table):
    partner = factories.PartnerFactory(kind="direct")
    admin = factories.member(partner, "admin")
    customer = factories.CustomerFactory(partner=partner)
    ContactReveal.objects.create(partner=partner, customer=customer, actor=admin, field="mobile")
    authorisation_request(user=admin, customer_id=customer.pk, accept_commitment=True)
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET id = id")  # noqa: S608 - a fixed table name
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
