"""The deadline sweep: overdue Pending bills become Issuing as the system, once each."""

from datetime import timedelta

import pytest
from django.utils import timezone

from incentives.models import Statement, StatementEvent, StatementStatus
from incentives.services.statements import statement_approve, statement_confirm, statements_confirm_overdue
from incentives.tasks import confirm_overdue_statements
from tests import factories

S = StatementStatus
pytestmark = pytest.mark.django_db


def _confirm_events(statement):
    return statement.events.filter(new_status=S.ISSUING)


def test_sweep_confirms_overdue_bills_like_the_confirm_button_does_for_the_system():
    overdue = factories.overdue_bills(3)
    by_service = factories.overdue_bills(1)[0]
    statement_confirm(statement_id=by_service.pk, actor=None)

    assert statements_confirm_overdue() == 3

    expected = Statement.objects.get(pk=by_service.pk)
    expected_event = _confirm_events(expected).get()
    for statement in Statement.objects.filter(pk__in=[s.pk for s in overdue]):
        event = _confirm_events(statement).get()
        assert statement.status == S.ISSUING and statement.confirmed_by is None
        assert statement.confirmed_at is not None and statement.status_changed_at is not None
        assert (event.old_status, event.new_status, event.actor, event.actor_label, event.reason) == (
            expected_event.old_status,
            expected_event.new_status,
            None,
            "System (deadline passed)",
            "",
        )
    assert expected.status == S.ISSUING and expected.confirmed_by is None


def test_sweep_leaves_bills_before_their_deadline_and_in_other_statuses_alone():
    overdue = factories.overdue_bills(1)[0]
    not_yet = factories.overdue_bills(1, overdue_by=timedelta(hours=-1))[0]
    estimated = factories.bill(factories.PartnerFactory())
    Statement.objects.filter(pk=estimated.pk).update(confirmation_deadline=timezone.now() - timedelta(days=1))
    issued = factories.overdue_bills(1)[0]
    statement_confirm(statement_id=issued.pk, actor=None)
    statement_approve(statement_id=issued.pk, actor=None)
    events = StatementEvent.objects.count()

    assert statements_confirm_overdue() == 1

    statuses = dict(Statement.objects.values_list("pk", "status"))
    assert statuses[overdue.pk] == S.ISSUING
    assert (statuses[not_yet.pk], statuses[estimated.pk], statuses[issued.pk]) == (
        S.PENDING,
        S.ESTIMATED,
        S.ISSUED,
    )
    assert StatementEvent.objects.count() == events + 1


def test_task_delivered_twice_confirms_each_bill_once():
    bills = factories.overdue_bills(5)

    assert confirm_overdue_statements() == 5
    assert confirm_overdue_statements() == 0

    assert StatementEvent.objects.filter(statement__in=bills, new_status=S.ISSUING).count() == 5


def test_sweep_stopped_halfway_keeps_finished_batches_and_the_next_run_does_the_rest():
    bills = factories.overdue_bills(25)

    assert statements_confirm_overdue(batch_size=10, max_batches=2) == 20
    assert Statement.objects.filter(status=S.PENDING).count() == 5

    assert statements_confirm_overdue(batch_size=10) == 5
    confirmed = StatementEvent.objects.filter(statement__in=bills, new_status=S.ISSUING)
    assert confirmed.count() == 25 and confirmed.values("statement").distinct().count() == 25


def test_partner_confirming_after_the_sweep_is_a_no_op_and_keeps_the_system_as_confirmer():
    statement = factories.overdue_bills(1)[0]
    partner_user = factories.member(statement.partner, "finance")
    statements_confirm_overdue()

    result = statement_confirm(statement_id=statement.pk, actor=partner_user)

    assert result.changed is False and result.statement.confirmed_by is None
    assert _confirm_events(statement).get().actor_label == "System (deadline passed)"


def test_beat_runs_the_sweep_and_the_reminders_on_their_configured_intervals(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["confirm-overdue-statements"]["task"] == "incentives.tasks.confirm_overdue_statements"
    assert schedule["confirm-overdue-statements"]["schedule"] == settings.CONFIRM_SWEEP_SECONDS
    assert schedule["send-deadline-reminders"]["task"] == "incentives.tasks.send_deadline_reminders"
    assert schedule["send-deadline-reminders"]["schedule"] == settings.REMINDER_SWEEP_SECONDS
