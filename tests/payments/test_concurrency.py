"""Twenty submissions racing for the same incentives on PostgreSQL give exactly one request."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from invoices.models import PaymentEvent, PaymentOption, PaymentRequest, PaymentRequestItem
from invoices.services.payment_submit import payment_request_submit
from partner_center.errors import Conflict

from .conftest import ids

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
SUBMISSIONS = 20


def test_twenty_concurrent_submissions_give_one_request(payable):
    chosen = ids(payable, "2026-08-RSL", "2026-08-REF")
    users = [payable["admin"], payable["finance"]]
    barrier = Barrier(SUBMISSIONS)

    def submit(number):
        barrier.wait(timeout=30)
        try:
            request = payment_request_submit(
                user=users[number % 2], incentive_ids=chosen, option=PaymentOption.TOP_UP
            )
            return ("made", request.pk)
        except Conflict as error:
            return ("refused", error.message)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        results = list(pool.map(submit, range(SUBMISSIONS)))

    made = [value for outcome, value in results if outcome == "made"]
    refused = [value for outcome, value in results if outcome == "refused"]
    assert len(made) == 1 and len(refused) == SUBMISSIONS - 1
    winner = PaymentRequest.objects.get()
    assert all(winner.number in message or "already" in message for message in refused)
    assert PaymentRequestItem.objects.filter(active=True).count() == 2
    assert PaymentEvent.objects.count() == 1
