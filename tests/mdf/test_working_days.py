"""Applying fewer than 10 working days before the activity needs a reason; working days are
mainland China's, holidays and make-up days included (National Day 2026)."""

from datetime import date
from unittest import mock

import pytest

from mdf.models import ApplicationStatus
from mdf.policies import needs_late_reason
from mdf.services import applications as apps
from partner_center.errors import InvalidInput
from partner_center.working_days import is_working_day, working_days_between

from .conftest import draft, quota_for


def test_the_calendar_knows_holidays_and_make_up_days():
    assert not is_working_day(date(2026, 10, 1))  # National Day
    assert not is_working_day(date(2026, 10, 5))  # a Monday inside the Golden Week
    assert is_working_day(date(2026, 9, 20))  # a Sunday that is a make-up working day
    assert is_working_day(date(2026, 10, 10))  # a Saturday that is a make-up working day
    assert is_working_day(date(2030, 1, 2)) and not is_working_day(
        date(2030, 1, 5)
    )  # beyond the data: Mon-Fri


def test_ten_working_days_across_the_golden_week():
    # Sep 28 - Oct 16: Sep 29, 30, Oct 8, 9, 10 (Sat, make-up), 12, 13, 14, 15 are nine working days
    # between Sep 28 and Oct 16, although 17 calendar days and 13 weekdays lie between them.
    assert working_days_between(date(2026, 9, 28), date(2026, 10, 16)) == 9
    assert needs_late_reason(date(2026, 10, 16), today=date(2026, 9, 28))
    assert not needs_late_reason(date(2026, 10, 19), today=date(2026, 9, 28))  # Oct 16 makes ten


@pytest.mark.django_db
def test_a_late_submission_needs_a_reason_and_records_it(mdf_setup):
    user = mdf_setup["admin"]
    quota_for(mdf_setup["distributor"], year=2026)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 9, 1)):
        application = draft(user, starts_on=date(2026, 10, 16))
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 9, 28)):
        with pytest.raises(InvalidInput, match="fewer than 10 working days"):
            apps.application_submit(application_id=application.pk, actor=user)
        done = apps.application_submit(
            application_id=application.pk, actor=user, late_reason="Customer moved the date"
        )
    assert done.obj.status == ApplicationStatus.UNDER_REVIEW
    assert done.obj.late_reason == "Customer moved the date"
    assert application.events.get(action="submit").reason == "Customer moved the date"


@pytest.mark.django_db
def test_ten_working_days_ahead_needs_no_reason(mdf_setup):
    user = mdf_setup["admin"]
    quota_for(mdf_setup["distributor"], year=2026)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 9, 28)):
        application = draft(user, starts_on=date(2026, 10, 19))
        assert apps.application_submit(application_id=application.pk, actor=user).changed
