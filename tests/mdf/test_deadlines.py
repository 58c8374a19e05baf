"""The daily claim-deadline job: overdue marking and the 14- and 3-day e-mails, each once
however often the job runs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from mdf.models import Application, MdfEvent, MdfReminder
from mdf.services.deadlines import claim_deadlines_run

from .conftest import approved, held

pytestmark = pytest.mark.django_db


def due_in(application, days):
    Application.objects.filter(pk=application.pk).update(
        claim_due_on=timezone.localdate() + timedelta(days=days)
    )


def test_overdue_marking_runs_twice_and_acts_once(mdf_setup):
    application = held(approved(mdf_setup["admin"], mdf_setup["operator"]), days_ago=91)
    assert claim_deadlines_run() == {"overdue": 1, "reminded": 0}
    assert claim_deadlines_run() == {"overdue": 0, "reminded": 0}
    application.refresh_from_db()
    assert application.claim_overdue
    event = MdfEvent.objects.get(application=application, action="claim_overdue")
    assert event.actor is None and event.actor_label == "System" and "passed" in event.reason


@pytest.mark.parametrize(("days", "kind"), [(14, "14d"), (4, "14d"), (3, "3d"), (0, "3d")])
def test_reminders_go_once_per_kind(mdf_setup, days, kind):
    application = approved(mdf_setup["admin"], mdf_setup["operator"])
    due_in(application, days)
    assert claim_deadlines_run()["reminded"] == 1
    assert claim_deadlines_run()["reminded"] == 0
    assert list(MdfReminder.objects.values_list("kind", flat=True)) == [kind]
    assert len(mail.outbox) == 1 and application.number in mail.outbox[0].subject
    assert set(mail.outbox[0].to) == {
        f"{mdf_setup[role].username}@example.com" for role in ("admin", "finance", "sales")
    }


def test_the_3_day_reminder_follows_the_14_day_one(mdf_setup):
    application = approved(mdf_setup["admin"], mdf_setup["operator"])
    due_in(application, 10)
    claim_deadlines_run()
    due_in(application, 2)  # i.e. eight days later
    claim_deadlines_run()
    claim_deadlines_run()
    assert sorted(MdfReminder.objects.values_list("kind", flat=True)) == ["14d", "3d"]
    assert len(mail.outbox) == 2


def test_nothing_is_sent_far_ahead_or_once_a_claim_is_in(mdf_setup):
    application = approved(mdf_setup["admin"], mdf_setup["operator"])
    due_in(application, 15)
    assert claim_deadlines_run() == {"overdue": 0, "reminded": 0}
    assert mail.outbox == []
