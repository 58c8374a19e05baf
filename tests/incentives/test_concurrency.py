"""Row locks under real concurrency: PostgreSQL only (SQLite serialises whole transactions)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import DatabaseError, connection, connections

from incentives.models import StatementEvent
from incentives.services.statements import statement_confirm, statement_publish
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_concurrent_confirms_give_one_transition_and_one_event():
    users = [factories.UserFactory(username=f"clicker{n}") for n in range(20)]
    statement = factories.bill(factories.PartnerFactory())
    statement_publish(statement_id=statement.pk, actor=None)
    barrier = Barrier(len(users))

    def confirm(user):
        try:
            barrier.wait()
            return statement_confirm(statement_id=statement.pk, actor=user).changed
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        results = list(pool.map(confirm, users))

    assert results.count(True) == 1 and results.count(False) == 19
    events = StatementEvent.objects.filter(statement=statement, new_status="issuing")
    assert events.count() == 1
    statement.refresh_from_db()
    assert statement.status == "issuing"
    assert statement.confirmed_by == users[results.index(True)] == events.get().actor


def test_database_refuses_to_edit_or_delete_audit_events():
    statement = factories.bill(factories.PartnerFactory())
    statement_publish(statement_id=statement.pk, actor=None)
    event = StatementEvent.objects.get()
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE incentives_statementevent SET reason = 'x' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM incentives_statementevent WHERE id = %s", [event.pk])
    assert StatementEvent.objects.get().reason == ""
