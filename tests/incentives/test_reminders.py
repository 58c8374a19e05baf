"""Deadline reminders: 3 days and 1 day before, to the partner's admin and finance users, once each."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from incentives.models import DeadlineReminder, Statement, StatementStatus
from incentives.services.reminders import reminders_send_due
from incentives.services.statements import statement_confirm, statement_publish, statement_return
from incentives.tasks import send_deadline_reminders
from tests import factories

S = StatementStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(partner_setup):
    """The distributor's bill, published, with its deadline 2 days ahead (inside the 3-day window)."""
    statement = factories.bill(
        partner_setup["distributor"], lines=[("1000.00", "0.0500"), ("20.10", "0.0500")]
    )
    statement_publish(statement_id=statement.pk, actor=None)
    _deadline_in(statement, timedelta(days=2))
    return statement


def _deadline_in(statement, delta):
    Statement.objects.filter(pk=statement.pk).update(confirmation_deadline=timezone.now() + delta)
    statement.refresh_from_db()


def test_reminder_goes_once_to_each_admin_and_finance_user_however_often_the_task_runs(
    pending, partner_setup
):
    assert send_deadline_reminders() == 2
    assert send_deadline_reminders() == 0

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [partner_setup["admin"].email, partner_setup["finance"].email]
    )
    assert DeadlineReminder.objects.filter(statement=pending, kind="3d", sent_at__isnull=False).count() == 2


def test_reminder_lists_the_bill_its_total_the_deadline_and_links_to_the_summary(pending, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.com"
    reminders_send_due()

    message = mail.outbox[0]
    deadline = timezone.localtime(pending.confirmation_deadline)
    assert pending.period.code in message.subject and f"{deadline:%Y-%m-%d %H:%M}" in message.subject
    assert f"{pending.partner.name} for reconciliation period {pending.period.code}" in message.body
    assert "Bill total: CNY 51.01" in message.body  # 50.00 + 1.005 rounded half-up to 1.01
    assert f"Confirmation deadline: {deadline:%Y-%m-%d %H:%M}" in message.body
    assert pending.incentives.get().incentive_id in message.body
    assert "https://portal.example.com/incentives/summary/" in message.body


def test_one_day_reminder_follows_the_three_day_one(pending):
    reminders_send_due()
    _deadline_in(pending, timedelta(hours=20))

    assert reminders_send_due() == 2
    assert reminders_send_due() == 0

    kinds = DeadlineReminder.objects.filter(statement=pending).values_list("kind", flat=True)
    assert sorted(kinds) == ["1d", "1d", "3d", "3d"] and len(mail.outbox) == 4


def test_no_reminder_too_early_after_the_deadline_or_once_confirmed(pending, partner_setup):
    _deadline_in(pending, timedelta(days=4))
    assert reminders_send_due() == 0
    _deadline_in(pending, timedelta(minutes=-1))
    assert reminders_send_due() == 0
    _deadline_in(pending, timedelta(days=1))
    statement_confirm(statement_id=pending.pk, actor=partner_setup["finance"])
    assert reminders_send_due() == 0
    assert mail.outbox == []


def test_sales_viewers_inactive_users_and_other_partners_get_no_reminder(pending, partner_setup):
    partner_setup["finance"].is_active = False
    partner_setup["finance"].save()

    reminders_send_due()

    assert [m.to for m in mail.outbox] == [[partner_setup["admin"].email]]


def test_a_returned_bill_gets_reminders_for_its_new_deadline(pending, partner_setup):
    reminders_send_due()
    statement_confirm(statement_id=pending.pk, actor=partner_setup["finance"])
    statement_return(
        statement_id=pending.pk,
        actor=None,
        reason="RDS rate corrected",
        new_deadline=timezone.now() + timedelta(days=2, hours=12),
    )

    assert reminders_send_due() == 2
    assert len(mail.outbox) == 4


def test_a_three_day_reminder_that_could_not_go_out_in_time_is_not_sent_late(pending, partner_setup):
    _deadline_in(pending, timedelta(hours=20))
    stale = DeadlineReminder.objects.create(
        statement=pending, user=partner_setup["admin"], kind="3d", deadline=pending.confirmation_deadline
    )

    reminders_send_due()

    stale.refresh_from_db()
    assert stale.sent_at is None
    assert sorted(DeadlineReminder.objects.filter(sent_at__isnull=False).values_list("kind", flat=True)) == [
        "1d",
        "1d",
    ]
    assert len(mail.outbox) == 2


def test_a_reminder_the_mail_server_refused_stays_unsent_and_the_next_run_sends_it(pending, settings):
    with socket.socket() as probe:  # a port nothing listens on: the SMTP connection is refused
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2

    assert reminders_send_due() == 0
    assert DeadlineReminder.objects.filter(sent_at__isnull=True).count() == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders_send_due() == 2
    assert len(mail.outbox) == 2 and not DeadlineReminder.objects.filter(sent_at__isnull=True).exists()
