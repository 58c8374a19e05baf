"""Indicator values of the user's partner, their periods, and the rows a value is made of."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from customers.models import Customer
from customers.selectors import PortalUser, partner_scoped
from incentives.models import DetailLine

from ..models import Indicator, IndicatorMethod, IndicatorValue, StatisticalPeriod


@dataclass(frozen=True)
class Window:
    """One statistical period: its code (2026-11, 2026-Q4, 2026), first and last day, months."""

    kind: str
    year: int
    number: int  # month 1-12, quarter 1-4, or 1 for the year

    @property
    def first_month(self) -> int:
        return {"month": self.number, "quarter": 3 * self.number - 2}.get(self.kind, 1)

    @property
    def length(self) -> int:
        return {"month": 1, "quarter": 3}.get(self.kind, 12)

    @property
    def code(self) -> str:
        if self.kind == StatisticalPeriod.MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == StatisticalPeriod.QUARTER:
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def months(self) -> list[str]:
        return [f"{self.year}-{m:02d}" for m in range(self.first_month, self.first_month + self.length)]

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        last = self.first_month + self.length - 1
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    def previous(self) -> "Window":
        per_year = {"month": 12, "quarter": 4}.get(self.kind, 1)
        index = self.year * per_year + self.number - 1 - 1
        return Window(self.kind, index // per_year, index % per_year + 1)


def windows(kind: str, today: date) -> list[Window]:
    """The periods the job computes: from the start of last year to the one holding today."""
    numbers: dict[str, int] = {
        StatisticalPeriod.MONTH: today.month,
        StatisticalPeriod.QUARTER: (today.month - 1) // 3 + 1,
    }
    current = numbers.get(kind, 1)
    found, window = [], Window(kind, today.year, current)
    while window.year >= today.year - 1:
        found.append(window)
        window = window.previous()
    return found[::-1]


def window_of(value: IndicatorValue) -> Window:
    code = value.period_code
    if len(code) == 4:
        return Window(StatisticalPeriod.YEAR, int(code), 1)
    if code[5] == "Q":
        return Window(StatisticalPeriod.QUARTER, int(code[:4]), int(code[6:]))
    return Window(StatisticalPeriod.MONTH, int(code[:4]), int(code[5:]))


def indicator_values_for(user: PortalUser) -> QuerySet[IndicatorValue]:
    return partner_scoped(IndicatorValue.objects.all(), user)


def indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(active=True).order_by("code")


M = IndicatorMethod


def lines_of(indicator: Indicator, window: Window) -> QuerySet[DetailLine]:
    """The detail lines an indicator's value of this period is made of (all partners)."""
    lines = DetailLine.objects.filter(period__code__in=window.months)
    if indicator.program_id:
        lines = lines.filter(program_id=indicator.program_id)
    if indicator.product_type:
        lines = lines.filter(product_type=indicator.product_type)
    if indicator.method == M.PAYING_CUSTOMERS:
        lines = lines.filter(revenue__gt=0)
    return lines


def customers_of(window: Window) -> QuerySet[Customer]:
    return Customer.objects.filter(association_date__gte=window.start, association_date__lte=window.end)


def value_lines(value: IndicatorValue) -> QuerySet[DetailLine]:
    """The detail lines a value is made of (revenue, paying customers, growth: this period's)."""
    return lines_of(value.indicator, window_of(value)).filter(partner_id=value.partner_id)


def value_customers(value: IndicatorValue) -> QuerySet[Customer]:
    return customers_of(window_of(value)).filter(partner_id=value.partner_id)


def counts_customers(value: IndicatorValue) -> bool:
    return value.indicator.method == IndicatorMethod.NEW_CUSTOMERS
