"""The clerk's due times in working days of the mainland calendar: across a weekend, across a
public holiday with its make-up working days, and "the same day" for electronic invoices."""

from datetime import datetime

import pytest
from django.utils import timezone

from invoices.invoice_levels import due_at_for, due_words, next_step
from invoices.models import InvoiceRequest
from invoices.models import InvoiceRequestStatus as S


def at(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


@pytest.mark.parametrize(
    ("status", "medium", "since", "due"),
    [
        # review: 1 working day; Friday -> Monday across the weekend
        (S.PENDING_REVIEW, "paper", "2026-11-27 10:00", "2026-11-30 18:00"),
        # the issue's example: asked Wednesday, reviewed by Thursday 18:00
        (S.PENDING_REVIEW, "electronic", "2026-12-02 09:30", "2026-12-03 18:00"),
        # National Day 2025: Friday 26 Sep -> Sunday 28 Sep, a make-up working day
        (S.PENDING_REVIEW, "paper", "2025-09-26 11:00", "2025-09-28 18:00"),
        # paper issuing, 3 working days from Tue 30 Sep 2025: 1-8 Oct are holidays; Thu 9, Fri 10,
        # and Saturday 11 Oct (make-up working day)
        (S.ISSUING, "paper", "2025-09-30 15:00", "2025-10-11 18:00"),
        # a cancellation asked on the holiday counts from the next working day
        (S.CANCELLING, "paper", "2025-10-03 12:00", "2025-10-11 18:00"),
        # electronic: the same working day; after 18:00 or on a holiday, the next working day
        (S.ISSUING, "electronic", "2026-12-02 10:00", "2026-12-02 18:00"),
        (S.ISSUING, "electronic", "2026-11-27 19:30", "2026-11-30 18:00"),
        (S.CANCEL_FAILED, "electronic", "2025-10-04 10:00", "2025-10-09 18:00"),
        (S.RETURNING, "electronic", "2026-11-27 10:00", "2026-12-02 18:00"),
    ],
)
def test_due_times_in_working_days(status, medium, since, due):
    assert due_at_for(status, medium, at(since)) == at(due)


@pytest.mark.parametrize(
    "status", [S.REJECTED, S.CANCELLED, S.PENDING_RECEIPT, S.ISSUED, S.RETURN_REJECTED, S.RETURNED]
)
def test_nothing_is_due_from_the_clerk_when_the_partner_or_nobody_acts(status):
    assert due_at_for(status, "paper", at("2026-12-02 10:00")) is None


def test_the_next_step_says_the_due_time_in_words():
    request = InvoiceRequest(status=S.PENDING_REVIEW, due_at=at("2026-12-03 18:00"))
    assert due_words(request.due_at) == "2026-12-03 18:00 CST"
    assert next_step(request) == "The invoice clerk reviews by 2026-12-03 18:00 CST."
