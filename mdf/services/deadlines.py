"""The daily claim-deadline job: marks approved applications whose claim is overdue, and
e-mails the partner 14 and 3 days before the deadline.

Each application is handled under its row lock (SKIP LOCKED: a concurrent run takes the
others); an overdue mark is a flag plus an event, set once; a reminder is an MdfReminder row,
unique per application, kind and deadline, written in the transaction that sends it. So a
second run the same day, or two at once, acts once.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from customers.capabilities import Capability, roles_with
from customers.models import Membership

from ..models import Application, ApplicationStatus, ClaimStatus, MdfReminder, ReminderKind
from .audit import record

log = logging.getLogger(__name__)


def _waiting_for_claim() -> Q:
    """Approved, not yet overdue, and no claim submitted (none, or a draft)."""
    return Q(status=ApplicationStatus.APPROVED, claim_overdue=False, claim_due_on__isnull=False) & (
        Q(claim__isnull=True) | Q(claim__status=ClaimStatus.DRAFT)
    )


def applications_mark_overdue(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    marked = 0
    ids = list(
        Application.objects.filter(_waiting_for_claim(), claim_due_on__lt=today).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            application = (
                Application.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(_waiting_for_claim(), pk=pk, claim_due_on__lt=today)
                .first()
            )
            if application is None:
                continue
            application.claim_overdue = True
            application.save(update_fields=["claim_overdue"])
            record(
                application_id=pk,
                action="claim_overdue",
                old=application.status,
                new=application.status,
                actor=None,
                reason=_("The claim deadline %(day)s passed.") % {"day": application.claim_due_on},
            )
            marked += 1
    return marked


def _kind(days_left: int) -> str | None:
    if 0 <= days_left <= 3:
        return ReminderKind.DAYS_3
    if 3 < days_left <= 14:
        return ReminderKind.DAYS_14
    return None


def claim_reminders_send(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    candidates = Application.objects.filter(
        _waiting_for_claim(), claim_due_on__gte=today, claim_due_on__lte=today + timedelta(days=14)
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        try:
            sent += _remind(pk, today)
        except OSError:  # mail refused: the others still go, this one the next run
            log.exception("MDF claim reminder for application %s not sent; the next run retries", pk)
    return sent


def _remind(pk: int, today: date) -> bool:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(_waiting_for_claim(), pk=pk)
            .select_related("partner", "created_by")
            .first()
        )
        if application is None or application.claim_due_on is None:
            return False
        kind = _kind((application.claim_due_on - today).days)
        if kind is None:
            return False
        reminder, created = MdfReminder.objects.get_or_create(
            application=application, kind=kind, due_on=application.claim_due_on
        )
        if not created:
            return False
        emails = sorted(
            set(
                Membership.objects.filter(
                    partner=application.partner, role__in=roles_with(Capability.CLAIM_MDF)
                )
                .filter(user__is_active=True)
                .exclude(user__email="")
                .values_list("user__email", flat=True)
            )
        )
        if not emails:
            return False
        reminder.recipients = ", ".join(emails)
        reminder.save(update_fields=["recipients"])
        _message(application, emails).send()
        return True


def _message(application: Application, emails: list[str]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("mdf:application", args=[application.pk])
        subject = _("MDF claim for %(number)s due on %(day)s") % {
            "number": application.number,
            "day": application.claim_due_on,
        }
        body = render_to_string("mdf/email/claim_reminder.txt", {"application": application, "url": url})
    return EmailMessage(subject=subject, body=body, to=emails)


def claim_deadlines_run(*, today: date | None = None) -> dict[str, int]:
    return {
        "overdue": applications_mark_overdue(today=today),
        "reminded": claim_reminders_send(today=today),
    }
