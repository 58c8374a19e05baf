"""Races on PostgreSQL: twenty requests for the same orders give one live request; a clerk's
and the partner's concurrent actions on one request give one outcome."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from invoices.models import InvoiceRequest, InvoiceRequestEvent, InvoiceRequestOrder
from invoices.models import InvoiceRequestStatus as S
from invoices.services.invoice_requests import invoice_request_cancel, transition
from invoices.services.invoice_submit import invoice_request_submit
from partner_center.errors import Conflict

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
REQUESTS = 20


def race(count, work):
    barrier = Barrier(count)

    def run(number):
        barrier.wait(timeout=30)
        try:
            return ("done", work(number))
        except Conflict as error:
            return ("refused", error.message)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_twenty_concurrent_requests_give_one_live_request(orders):
    users = [orders["admin"], orders["finance"]]

    def ask(number):
        basis = {"basis": "orders", "order_ids": ["ORD-1001", "ORD-1002"]} if number % 2 else {
            "basis": "customer", "period": "2026-10", "customer_id": orders["acme"].pk}  # fmt: skip
        return invoice_request_submit(user=users[number % 2], kind="ordinary", medium="paper", **basis).pk

    results = race(REQUESTS, ask)
    made = [value for outcome, value in results if outcome == "done"]
    assert len(made) == 1 and len(results) == REQUESTS
    assert InvoiceRequest.objects.count() == 1
    assert InvoiceRequestOrder.objects.filter(live=True).count() == 2
    assert InvoiceRequestEvent.objects.count() == 1


def test_a_clerks_approval_and_the_partners_cancel_give_one_outcome(orders):
    request = invoice_request_submit(
        user=orders["finance"], basis="orders", order_ids=["ORD-1001"], kind="ordinary", medium="electronic"
    )

    def act(number):
        if number % 2:
            return transition(request_id=request.pk, action="approve", actor=orders["admin"]).changed
        return invoice_request_cancel(request_id=request.pk, actor=orders["finance"]).changed

    results = race(10, act)
    request.refresh_from_db()
    assert request.status in (S.ISSUING, S.CANCELLED)
    changes = InvoiceRequestEvent.objects.filter(request=request).exclude(action="submit")
    assert changes.count() == 1
    assert [value for outcome, value in results if outcome == "done"].count(True) == 1
