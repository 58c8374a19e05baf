import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from knox.models import AuthToken

from incentives.models import StatementEvent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
REQUESTS = 50


def test_fifty_concurrent_api_confirms_give_one_transition_one_event_and_fifty_successes(
    live_server, partner_setup, bills
):
    statement = bills["distributor"]
    tokens = [AuthToken.objects.create(user=partner_setup[r])[1] for r in ("admin", "finance")]
    barrier = Barrier(REQUESTS)

    def confirm(number):
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/statements/{statement.pk}/confirm/",
            method="POST",
            headers={"Authorization": f"Token {tokens[number % 2]}"},
        )
        barrier.wait(timeout=30)
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        results = list(pool.map(confirm, range(REQUESTS)))

    assert [status for status, _ in results] == [200] * REQUESTS
    assert sum(body["changed"] for _, body in results) == 1
    assert {body["status"] for _, body in results} == {"issuing"}
    events = StatementEvent.objects.filter(statement=statement, new_status="issuing")
    assert events.count() == 1
    statement.refresh_from_db()
    winner = next(body for _, body in results if body["changed"])
    assert statement.confirmed_by.username == winner["confirmed_by"] == events.get().actor.username
