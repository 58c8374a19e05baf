"""Working days in mainland China: weekends, public holidays and their make-up days
(调休, a Saturday or Sunday that is a working day), from the `chinese_calendar` package.

The package knows the years the State Council has published; beyond them a working day is
Monday to Friday (logged once per year), so a date far ahead never raises.
"""

import logging
from datetime import date, timedelta
from functools import cache

import chinese_calendar  # ships no types (pyproject.toml: ignore_missing_imports)

log = logging.getLogger(__name__)


@cache
def _warn_unknown_year(year: int) -> None:
    log.warning("chinese_calendar has no holidays for %s; counting Monday to Friday", year)


def is_working_day(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        _warn_unknown_year(day.year)
        return day.weekday() < 5


def working_days_between(start: date, end: date) -> int:
    """Working days strictly after `start` and strictly before `end` (0 when end <= start + 1)."""
    count = 0
    day = start + timedelta(days=1)
    while day < end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (counting from a holiday counts from the next)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day
