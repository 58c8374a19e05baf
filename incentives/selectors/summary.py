"""The Summary's rows: the partner's incentives, newest period first, then by Incentive ID.

A partner has one bill per period (a few dozen) but may have thousands of incentives. Sorting
all of them on every page view would cost more than the rest of the page together, so a page
is found from the per-bill counts instead: the bills' own `incentive_count` and `total` when
only bill-level filters (status, period) apply, else one GROUP BY over the narrowed incentives.
Then only the one or two bills the page falls into are read, in Incentive ID order, through
the (statement, incentive_id) index. Cost per page is the same at any depth.
"""

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple, TypedDict, cast

from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.http import QueryDict

from customers.selectors import PortalUser

from ..filters.summary import IncentiveFilter
from ..models import Incentive, LineTotal
from ..money import CENT
from .catalogue import program_catalogue
from .own_figures import own_line_totals, own_sum
from .statements import incentives_for, statements_for


class SummaryBill(NamedTuple):
    pk: int
    period: str
    status: str
    currency: str
    confirmation_deadline: datetime
    incentive_count: int
    total: Decimal


class SummaryRow(TypedDict):
    """One Summary row as SummaryRows reads it."""

    incentive_id: str
    amount: Decimal
    program_code: str
    program_name: str
    association_type: str
    bill: SummaryBill


class CurrencyTotal(TypedDict):
    currency: str
    count: int
    total: Decimal


def summary_bills(user: PortalUser) -> list[SummaryBill]:
    """The partner's bills, newest period first: a few dozen rows, read as plain tuples."""
    rows = (
        statements_for(user)
        .order_by("-period__code")
        .values_list("pk", "period__code", *SummaryBill._fields[2:])
    )
    return [SummaryBill(*row) for row in rows]


def summary_query(
    user: PortalUser, data: QueryDict | dict, *, oldest_first: bool = False
) -> tuple[IncentiveFilter, "SummaryRows"]:
    """The Summary's filters, validated against the partner's periods and the program catalogue,
    and the rows they select (none when they are not valid). The page and the API both use it.
    Rows come newest period first (`oldest_first`: oldest first), then by Incentive ID: the
    order is the bills', so either way a page costs the same."""
    bills, programs = summary_bills(user), program_catalogue()
    filterset = IncentiveFilter(
        data,
        queryset=incentives_for(user),
        periods=[bill.period for bill in bills],
        programs=programs,
    )
    if not filterset.is_valid():
        return filterset, SummaryRows.empty()
    bill_lookups = filterset.bill_lookups()
    if bill_lookups:
        chosen = set(statements_for(user).filter(bill_lookups).values_list("pk", flat=True))
        bills = [bill for bill in bills if bill.pk in chosen]
    narrowed = filterset.narrow(Incentive.objects.all()) if filterset.narrows() else None
    ordered = bills[::-1] if oldest_first else bills
    return filterset, SummaryRows(ordered, narrowed=narrowed, own=own_line_totals(user))


class SummaryRows:
    """The filtered incentives as a lazy sequence for Django's Paginator.

    `count()` and `totals()` come from per-bill figures; `rows[start:stop]` reads only the
    incentives of that slice, as dicts: incentive_id, amount, program_code, program_name,
    association_type, and `bill` (the SummaryBill it belongs to).
    """

    def __init__(
        self,
        bills: list[SummaryBill],
        *,
        narrowed: QuerySet[Incentive] | None = None,
        own: QuerySet[LineTotal] | None = None,
    ):
        """`bills` are the partner's bills that the filters select; `narrowed`, when an
        incentive-level filter is chosen, the matching incentives (of any bill: the rows are
        only ever read per bill of `bills`); `own`, for a sales user, their own LineTotal rows:
        only the incentives holding their lines are rows, and every amount is their lines' sum."""
        self.bills = bills
        self.narrowed = narrowed
        self.own = own
        self._per_bill: dict[int, tuple[int, Decimal]] | None = None

    @classmethod
    def empty(cls) -> "SummaryRows":
        return cls([])

    def per_bill(self) -> dict[int, tuple[int, Decimal]]:
        """{bill id: (incentives, amount)} of the matching incentives, bills without any left out."""
        if self._per_bill is None:
            if self.own is not None:
                figures = self._own_per_bill(self.own)
            elif self.narrowed is None:
                figures = {bill.pk: (bill.incentive_count, bill.total) for bill in self.bills}
            else:
                grouped = (
                    self.narrowed.filter(statement__in=[bill.pk for bill in self.bills])
                    .order_by()
                    .values_list("statement_id")
                    .annotate(Count("pk"), Sum("amount"))
                )
                figures = {bill_id: (count, amount) for bill_id, count, amount in grouped}
            self._per_bill = {pk: counted for pk, counted in figures.items() if counted[0]}
        return self._per_bill

    def _own_per_bill(self, own: QuerySet[LineTotal]) -> dict[int, tuple[int, Decimal]]:
        """{bill id: (incentives, amount)} of the user's own lines, in one grouped query."""
        totals = own.filter(statement__in=[bill.pk for bill in self.bills])
        if self.narrowed is not None:
            totals = totals.filter(incentive__in=self.narrowed)
        grouped = (
            totals.order_by()
            .values_list("statement_id")
            .annotate(Count("incentive_id", distinct=True), Sum("amount"))
        )
        return {bill_id: (count, amount.quantize(CENT)) for bill_id, count, amount in grouped}

    def count(self) -> int:
        return sum(count for count, _amount in self.per_bill().values())

    def totals(self) -> list[CurrencyTotal]:
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

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[SummaryRow]:
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("SummaryRows supports only slices without a step.")
        skip = window.start or 0
        wanted = None if window.stop is None else window.stop - skip
        spans: list[tuple[SummaryBill, int, int]] = []  # (bill, first, stop) in Incentive ID order
        taken = 0
        for bill in self.bills:
            count = self.per_bill().get(bill.pk, (0, None))[0]
            if skip >= count:
                skip -= count
                continue
            take = count - skip if wanted is None else min(count - skip, wanted - taken)
            spans.append((bill, skip, skip + take))
            taken, skip = taken + take, 0
            if wanted is not None and taken >= wanted:
                break
        return list(self._rows(spans))

    def _rows(self, spans: list[tuple[SummaryBill, int, int]]) -> Iterator[SummaryRow]:
        """The rows of the page's bills, each bill's [first, stop) in Incentive ID order, in ONE
        query however many bills the page spans (a page of 25 one-incentive bills is 25 bills)."""
        if not spans:
            return
        source = Incentive.objects.all() if self.narrowed is None else self.narrowed
        amount = "amount"
        if self.own is not None:  # the incentives holding the user's lines, with their lines' sum
            source = source.filter(pk__in=self.own.values("incentive_id"))
            source, amount = source.annotate(own_amount=own_sum(self.own, "incentive")), "own_amount"
        columns = ("program_code", "program_name", "association_type")
        source = source.annotate(
            program_code=F("program__code"),
            program_name=F("program__name"),
            association_type=F("program__association_type"),
        )
        if len(spans) == 1:  # the usual page: a slice of one bill, read in index order
            bill, first, stop = spans[0]
            rows = source.filter(statement=bill.pk).order_by("incentive_id")
            for incentive_id, shown, code, name, association in rows.values_list(
                "incentive_id", amount, *columns
            )[first:stop]:
                yield _row(incentive_id, shown, code, name, association, bill)
            return
        # Several bills: number each bill's incentives in Incentive ID order (the same
        # (statement, incentive_id) index) and keep each bill's range of positions.
        position = Window(RowNumber(), partition_by=[F("statement_id")], order_by=F("incentive_id").asc())
        wanted = Q()
        for bill, first, stop in spans:
            wanted |= Q(statement_id=bill.pk, position__gt=first, position__lte=stop)
        rows = (
            source.filter(statement__in=[bill.pk for bill, _first, _stop in spans])
            .annotate(position=position)
            .filter(wanted)
            .values_list("statement_id", "position", "incentive_id", amount, *columns)
        )
        order = {bill.pk: number for number, (bill, _first, _stop) in enumerate(spans)}
        bills = {bill.pk: bill for bill, _first, _stop in spans}
        fetched = cast(list[tuple], list(rows))
        for statement_id, _position, incentive_id, shown, code, name, association in sorted(
            fetched, key=lambda row: (order[row[0]], row[1])
        ):
            yield _row(incentive_id, shown, code, name, association, bills[statement_id])


def _row(
    incentive_id: str, amount: Decimal, code: str, name: str, association: str, bill: SummaryBill
) -> SummaryRow:
    return SummaryRow(
        incentive_id=incentive_id,
        amount=amount,
        program_code=code,
        program_name=name,
        association_type=association,
        bill=bill,
    )
