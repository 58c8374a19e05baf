"""Deadline reminders: e-mail a partner's admin and finance users while a bill awaits them.

Each reminder is a DeadlineReminder row (unique per bill, user, kind and deadline) recorded
before it is sent, so repeated or concurrent runs never send one twice.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from customers.capabilities import Capability, roles_with
from customers.languages import user_language
from customers.models import Membership

from ..models import (
    DeadlineReminder,
    ReminderKind,
    Statement,
    StatementStatus,
)

logger = logging.getLogger(__name__)
S = StatementStatus


# Before the deadline, the latest reminder due (a bill published 2 days before its deadline
# gets only the 3-day one; the 1-day one follows; a stale 3-day one is never sent late).
REMINDERS = [(ReminderKind.ONE_DAY, timedelta(days=1)), (ReminderKind.THREE_DAYS, timedelta(days=3))]


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Record the reminders due now for Pending bills and send each unsent one. Returns how many went.

    Recipients are the partner's active admin and finance users with an e-mail address.
    Each (bill, user, kind, deadline) is one row (unique), so repeated or concurrent runs
    never send a reminder twice; a reminder whose sending failed stays unsent and the next
    run tries again.
    """
    now = now or timezone.now()
    horizon = REMINDERS[-1][1]
    due = Statement.objects.filter(
        status=S.PENDING, confirmation_deadline__gt=now, confirmation_deadline__lte=now + horizon
    )
    recipients: dict[int, list[int]] = {}
    for partner_id, user_id in (
        Membership.objects.filter(
            partner__in=due.values("partner_id"),
            role__in=roles_with(Capability.CONFIRM_BILL),
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("partner_id", "user_id")
    ):
        recipients.setdefault(partner_id, []).append(user_id)
    reminders = []
    for pk, partner_id, deadline in due.values_list("pk", "partner_id", "confirmation_deadline"):
        kind = _reminder_kind(deadline - now)
        if kind is None:  # never: `due` holds only bills within the longest reminder's horizon
            continue
        reminders += [
            DeadlineReminder(statement_id=pk, user_id=user_id, kind=kind, deadline=deadline)
            for user_id in recipients.get(partner_id, [])
        ]
    DeadlineReminder.objects.bulk_create(reminders, ignore_conflicts=True, batch_size=1000)
    unsent = DeadlineReminder.objects.filter(
        sent_at__isnull=True, deadline__gt=now, statement__status=S.PENDING
    ).values_list("pk", flat=True)
    sent = 0
    for reminder_id in list(unsent):
        try:
            sent += reminder_send(reminder_id=reminder_id)
        except OSError:  # SMTP refused or unreachable: the others still go, this one next run
            logger.exception("Deadline reminder %s was not sent; the next run retries it.", reminder_id)
    return sent


def _reminder_kind(time_left: timedelta) -> str | None:
    """The reminder due with this much time left before the deadline (None: not yet)."""
    return next((kind for kind, before in REMINDERS if time_left <= before), None)


def reminder_send(*, reminder_id: int) -> bool:
    """Send one recorded reminder unless it went already, its bill no longer waits for it, or
    its time has passed (a 3-day reminder is not sent once the 1-day one is due).

    The row stays locked while the mail goes out, so a second sender waits and then sees it sent.
    """
    with transaction.atomic():
        reminder = (
            DeadlineReminder.objects.select_for_update(of=("self",))
            .select_related("statement__partner", "statement__period", "user__preference")
            .get(pk=reminder_id)
        )
        statement, time_left = reminder.statement, reminder.deadline - timezone.now()
        if (
            reminder.sent_at is not None
            or statement.status != S.PENDING
            or statement.confirmation_deadline != reminder.deadline
            or time_left <= timedelta(0)
            or _reminder_kind(time_left) != reminder.kind
        ):
            return False
        with translation.override(user_language(reminder.user) or settings.LANGUAGE_CODE):
            _reminder_message(reminder).send()  # in the language the user chose
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
        return True


def _reminder_message(reminder: DeadlineReminder) -> EmailMessage:
    statement = reminder.statement
    context = {
        "user": reminder.user,
        "statement": statement,
        "incentives": statement.incentives.select_related("program").order_by("incentive_id"),
        "summary_url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("incentives:summary"),
    }
    subject = _("Please confirm your incentive bill for %(period)s by %(deadline)s") % {
        "period": statement.period.code,
        "deadline": date_format(timezone.localtime(reminder.deadline), "Y-m-d H:i"),
    }
    return EmailMessage(
        subject=subject,
        body=render_to_string("incentives/email/deadline_reminder.txt", context),
        to=[reminder.user.email],
    )
