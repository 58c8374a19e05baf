"""The Summary's rows: the partner's incentives, newest period first, then by Incentive ID.

A partner has one bill per period (a few dozen) but may have thousands of incentives. Sorting
all of them on every page view would cost more than the rest of the page together, so a page
is found from the per-bill counts instead: the bills' own `incentive_count` and `total` when
only bill-level filters (status, period) apply, else one GROUP BY over the narrowed incentives.
Then only the one or two bills the page falls into are read, in Incentive ID order, through
the (statement, incentive_id) index. Cost per page is the same at any depth.
"""

from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, F, Q, Sum

from .filters import IncentiveFilter, program_catalogue
from .models import Incentive
from .selectors import incentives_for, statements_for


class SummaryBill(NamedTuple):
    pk: int
    period: str
    status: str
    currency: str
    confirmation_deadline: object
    incentive_count: int
    total: Decimal


def summary_bills(user) -> list[SummaryBill]:
    """The partner's bills, newest period first: a few dozen rows, read as plain tuples."""
    rows = (
        statements_for(user)
        .order_by("-period__code")
        .values_list("pk", "period__code", *SummaryBill._fields[2:])
    )
    return [SummaryBill(*row) for row in rows]


def summary_query(request, data) -> tuple[IncentiveFilter, "SummaryRows"]:
    """The Summary's filters, validated against the partner's periods and the program catalogue,
    and the rows they select (none when they are not valid). The page and the API both use it."""
    bills, programs = summary_bills(request.user), program_catalogue()
    filterset = IncentiveFilter(
        data,
        queryset=incentives_for(request.user),
        request=request,
        periods=[bill.period for bill in bills],
        programs=programs,
    )
    if not filterset.is_valid():
        return filterset, SummaryRows.empty()
    chosen = filterset.form.cleaned_data
    rows = SummaryRows(
        bills,
        status=chosen["status"],
        period=chosen["period"],
        program=next((pk for pk, code, _name in programs if code == chosen["program"]), None),
        incentive_id=chosen["incentive_id"],
    )
    return filterset, rows


class SummaryRows:
    """The filtered incentives as a lazy sequence for Django's Paginator.

    `count()` and `totals()` come from per-bill figures; `rows[start:stop]` reads only the
    incentives of that slice, as dicts: incentive_id, amount, program_code, program_name,
    association_type, and `bill` (the SummaryBill it belongs to).
    """

    def __init__(self, bills, *, status="", period="", program: int | None = None, incentive_id=""):
        self.bills = [
            bill
            for bill in bills
            if (not status or bill.status == status) and (not period or bill.period == period)
        ]
        self.narrowing = Q()
        if program is not None:
            self.narrowing &= Q(program_id=program)
        if incentive_id:
            self.narrowing &= Q(incentive_id__istartswith=incentive_id)
        self._per_bill = None

    @classmethod
    def empty(cls):
        return cls([])

    def per_bill(self) -> dict[int, tuple[int, Decimal]]:
        """{bill id: (incentives, amount)} of the matching incentives, bills without any left out."""
        if self._per_bill is None:
            if not self.narrowing:
                figures = {bill.pk: (bill.incentive_count, bill.total) for bill in self.bills}
            else:
                grouped = (
                    Incentive.objects.filter(self.narrowing, statement__in=[bill.pk for bill in self.bills])
                    .order_by()
                    .values_list("statement_id")
                    .annotate(Count("pk"), Sum("amount"))
                )
                figures = {bill_id: (count, amount) for bill_id, count, amount in grouped}
            self._per_bill = {pk: counted for pk, counted in figures.items() if counted[0]}
        return self._per_bill

    def count(self) -> int:
        return sum(count for count, _amount in self.per_bill().values())

    def totals(self) -> list[dict]:
        """[{currency, count, total}] of the matching incentives, one entry per currency."""
        by_currency: dict[str, list] = {}
        for bill in self.bills:
            count, amount = self.per_bill().get(bill.pk, (0, Decimal("0")))
            if count:
                entry = by_currency.setdefault(bill.currency, [0, Decimal("0")])
                entry[0] += count
                entry[1] += amount
        return [
            {"currency": currency, "count": count, "total": total}
            for currency, (count, total) in sorted(by_currency.items())
        ]

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("SummaryRows supports only slices without a step.")
        skip = window.start or 0
        wanted = None if window.stop is None else window.stop - skip
        rows = []
        for bill in self.bills:
            count = self.per_bill().get(bill.pk, (0, None))[0]
            if skip >= count:
                skip -= count
                continue
            take = count - skip if wanted is None else min(count - skip, wanted - len(rows))
            rows.extend(self._bill_rows(bill, skip, skip + take))
            skip = 0
            if wanted is not None and len(rows) >= wanted:
                break
        return rows

    def _bill_rows(self, bill, start, stop):
        incentives = (
            Incentive.objects.filter(self.narrowing, statement=bill.pk)
            .order_by("incentive_id")
            .values(
                "incentive_id",
                "amount",
                program_code=F("program__code"),
                program_name=F("program__name"),
                association_type=F("program__association_type"),
            )[start:stop]
        )
        for incentive in incentives:
            incentive["bill"] = bill
            yield incentive
