from datetime import timedelta

import pytest
from django.utils import timezone

from incentives.models import StatementEvent, StatementStatus
from incentives.services.statements import (
    TRANSITIONS,
    statement_approve,
    statement_confirm,
    statement_publish,
    statement_return,
)
from partner_center.errors import Conflict, InvalidInput
from tests import factories

S = StatementStatus
pytestmark = pytest.mark.django_db


def _return(statement_id, actor):
    return statement_return(
        statement_id=statement_id,
        actor=actor,
        reason="Wrong rate",
        new_deadline=timezone.now() + timedelta(days=5),
    )


SERVICES = {
    "publish": lambda pk, actor: statement_publish(statement_id=pk, actor=actor),
    "confirm": lambda pk, actor: statement_confirm(statement_id=pk, actor=actor),
    "approve": lambda pk, actor: statement_approve(statement_id=pk, actor=actor),
    "return": _return,
}
PATH = [S.ESTIMATED, S.PENDING, S.ISSUING, S.ISSUED]
MATRIX = [(action, status) for action in SERVICES for status in S]


def _bill_in(status, actor):
    statement = factories.bill(factories.PartnerFactory())
    for action in ["publish", "confirm", "approve"][: PATH.index(status)]:
        SERVICES[action](statement.pk, actor)
    statement.refresh_from_db()
    assert statement.status == status
    return statement


def test_transition_table_is_exactly_the_documented_pipeline():
    assert {action: (source, to) for action, (source, to, _done) in TRANSITIONS.items()} == {
        "publish": (S.ESTIMATED, S.PENDING),
        "confirm": (S.PENDING, S.ISSUING),
        "approve": (S.ISSUING, S.ISSUED),
        "return": (S.ISSUING, S.PENDING),
    }


@pytest.mark.parametrize(("action", "status"), MATRIX, ids=[f"{a}-from-{s}" for a, s in MATRIX])
def test_every_action_from_every_status(action, status):
    """Allowed: one change and one event. Already done: no-op. Anything else: refused, unchanged."""
    operator = factories.UserFactory(username="op")
    statement = _bill_in(status, operator)
    events = StatementEvent.objects.count()
    source, to, done = TRANSITIONS[action]

    if status == source:
        result = SERVICES[action](statement.pk, operator)
        event = StatementEvent.objects.latest("id")
        assert result.changed and result.statement.status == to
        assert StatementEvent.objects.count() == events + 1
        assert (event.old_status, event.new_status, event.actor, event.actor_label) == (
            status,
            to,
            operator,
            "op",
        )
    elif status in done:
        result = SERVICES[action](statement.pk, operator)
        assert result.changed is False and StatementEvent.objects.count() == events
    else:
        with pytest.raises(Conflict):
            SERVICES[action](statement.pk, operator)
        assert StatementEvent.objects.count() == events
    statement.refresh_from_db()
    assert statement.status == (to if status == source else status)


def test_confirming_an_estimated_bill_is_refused_with_a_clear_message():
    statement = factories.bill(factories.PartnerFactory())
    with pytest.raises(
        Conflict,
        match="Only bills that are Pending confirmation can be confirmed; this bill is Estimated",
    ):
        statement_confirm(statement_id=statement.pk, actor=None)


@pytest.mark.parametrize("status", [S.ISSUING, S.ISSUED])
def test_confirm_is_idempotent(status):
    user = factories.UserFactory()
    statement = _bill_in(status, user)
    events = StatementEvent.objects.count()

    result = statement_confirm(statement_id=statement.pk, actor=user)

    assert result.changed is False and result.statement.status == status
    assert StatementEvent.objects.count() == events


def test_publish_and_approve_are_idempotent():
    user = factories.UserFactory()
    pending = _bill_in(S.PENDING, user)
    issued = _bill_in(S.ISSUED, user)
    events = StatementEvent.objects.count()
    assert statement_publish(statement_id=pending.pk, actor=user).changed is False
    assert statement_approve(statement_id=issued.pk, actor=user).changed is False
    assert StatementEvent.objects.count() == events


def test_system_confirmation_is_recorded_as_the_system():
    statement = _bill_in(S.PENDING, factories.UserFactory())

    statement_confirm(statement_id=statement.pk, actor=None)

    statement.refresh_from_db()
    event = statement.events.latest("id")
    assert event.actor is None and event.actor_label == "System (deadline passed)"
    assert statement.confirmed_by is None and statement.confirmed_at is not None


def test_return_needs_a_reason_and_a_future_deadline_and_records_both():
    operator = factories.UserFactory()
    statement = _bill_in(S.ISSUING, operator)
    later = timezone.now() + timedelta(days=3)
    with pytest.raises(InvalidInput, match="reason is required"):
        statement_return(statement_id=statement.pk, actor=operator, reason="  ", new_deadline=later)
    with pytest.raises(InvalidInput, match="future"):
        statement_return(
            statement_id=statement.pk, actor=operator, reason="x", new_deadline=timezone.now() - timedelta(1)
        )

    statement_return(
        statement_id=statement.pk, actor=operator, reason=" Rate for RDS is wrong ", new_deadline=later
    )

    statement.refresh_from_db()
    assert statement.status == S.PENDING and statement.confirmation_deadline == later
    assert statement.confirmed_at is None and statement.confirmed_by is None
    assert statement.events.latest("id").reason == "Rate for RDS is wrong"


def test_audit_events_cannot_be_changed_or_deleted_through_the_orm():
    statement = _bill_in(S.PENDING, factories.UserFactory())
    event = statement.events.get()
    with pytest.raises(ValueError, match="append-only"):
        event.reason = "edited"
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    with pytest.raises(ValueError, match="append-only"):
        StatementEvent.objects.filter(pk=event.pk).update(reason="edited")
    with pytest.raises(ValueError, match="append-only"):
        StatementEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.reason == ""
