"""The sweep under real concurrency (PostgreSQL row locks): every bill confirmed exactly once."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier, Event

import pytest
from django.db import connections, transaction

from incentives.models import Statement, StatementEvent, StatementStatus
from incentives.services.statements import statement_confirm, statements_confirm_overdue
from tests import factories

S = StatementStatus
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_parallel(*calls):
    barrier = Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [future.result(timeout=120) for future in [pool.submit(run, call) for call in calls]]


def _assert_one_confirmation_each(bills):
    events = StatementEvent.objects.filter(statement__in=bills, new_status=S.ISSUING)
    assert events.count() == len(bills)
    assert events.values("statement").distinct().count() == len(bills)
    assert not Statement.objects.filter(pk__in=[b.pk for b in bills]).exclude(status=S.ISSUING).exists()


def test_two_sweeps_at_once_confirm_a_thousand_bills_once_each():
    bills = factories.overdue_bills(1000)

    changed = _in_parallel(
        lambda: statements_confirm_overdue(batch_size=50), lambda: statements_confirm_overdue(batch_size=50)
    )

    assert sum(changed) == 1000
    _assert_one_confirmation_each(bills)


def test_partner_clicks_racing_the_sweep_give_one_transition_with_the_winners_actor():
    bills = factories.overdue_bills(200)
    clicked = bills[::20]
    users = {bill.pk: factories.member(bill.partner, "finance") for bill in clicked}

    def clicks():
        return {
            bill.pk: statement_confirm(statement_id=bill.pk, actor=users[bill.pk]).changed for bill in clicked
        }

    partner_won, swept = _in_parallel(clicks, lambda: statements_confirm_overdue(batch_size=10))

    assert swept + sum(partner_won.values()) == 200
    _assert_one_confirmation_each(bills)
    for bill in Statement.objects.filter(pk__in=partner_won).prefetch_related("events"):
        event = next(e for e in bill.events.all() if e.new_status == S.ISSUING)
        winner = users[bill.pk] if partner_won[bill.pk] else None
        assert bill.confirmed_by == winner == event.actor
        assert event.actor_label == (winner.username if winner else "System (deadline passed)")


def test_sweep_skips_a_bill_a_partner_is_confirming_and_the_partner_is_recorded():
    bills = factories.overdue_bills(30)
    bill = bills[0]
    user = factories.member(bill.partner, "admin")
    locked, swept = Event(), Event()

    def partner_click():
        try:
            with transaction.atomic():
                result = statement_confirm(statement_id=bill.pk, actor=user)
                locked.set()
                assert swept.wait(timeout=60)  # the sweep ran while this bill's row was locked
            return result.changed
        finally:
            connections.close_all()

    def sweep():
        assert locked.wait(timeout=60)
        try:
            return statements_confirm_overdue(batch_size=7)
        finally:
            swept.set()

    partner_changed, swept_count = _in_parallel(partner_click, sweep)

    assert partner_changed is True and swept_count == 29
    _assert_one_confirmation_each(bills)
    bill.refresh_from_db()
    assert bill.confirmed_by == user == bill.events.get(new_status=S.ISSUING).actor
