"""The partner's detail lines, their totals (LineTotal) and the periods Details offers."""

from collections.abc import Sequence
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import QuerySet

from customers.selectors import PortalUser, account_manager_scoped, partner_scoped

from ..models import (
    DetailLine,
    FeedbackMessage,
    LineTotal,
    ProgramRate,
    ReconciliationPeriod,
    Statement,
)
from ..policies import bill_is_estimated
from .statements import statements_for


def detail_lines_for(user: PortalUser) -> QuerySet[DetailLine]:
    """The partner's lines; a sales user's: those of their (or their team's) customers, by the
    account manager each line carries (indexed with partner and period)."""
    return account_manager_scoped(partner_scoped(DetailLine.objects.all(), user), user)


def line_totals_for(user: PortalUser) -> QuerySet[LineTotal]:
    """The Details totals (LineTotal) of the user's partner: the same scope as its lines. A
    LineTotal row is one account manager's (the name is part of its key), so a sales user's
    totals are sums of their own rows, never the partner's."""
    return account_manager_scoped(partner_scoped(LineTotal.objects.all(), user), user)


def details_bills_for(user: PortalUser) -> QuerySet[Statement]:
    """The partner's bills, newest period first: the periods the Details page offers."""
    return statements_for(user).select_related("period").order_by("-period__code")


def default_bill(bills: Sequence[Statement]) -> Statement | None:
    """Of bills newest first: the latest formal one (anything past Estimated), else the latest."""
    formal = (bill for bill in bills if not bill_is_estimated(bill))
    return next(formal, None) or next(iter(bills), None)


def details_default_period(user: PortalUser) -> ReconciliationPeriod | None:
    bill = default_bill(list(details_bills_for(user)))
    return bill.period if bill else None


class ProgramChoice(NamedTuple):
    code: str
    name: str
    pk: int


class BillFacets(NamedTuple):
    """What the Details filters of one bill choose from, and resolve typed values against.

    Every Details request of a period needs them (the drop-downs, and the keys a typed product
    type, account manager, incentive ID or program code stands for), and they change only with
    the bill's lines and incentives, so they are read once and kept in the cache. They are the
    whole bill's, whoever asks: a sales user's lines are still narrowed by their own scope, and
    only the drop-downs (programs, product types) are shown."""

    programs: list[ProgramChoice]  # the bill's programs, by code
    product_types: list[str]  # of the programs' rates: the drop-down
    line_product_types: list[str]  # found on the bill's lines
    account_managers: list[str]  # found on the bill's lines
    incentives: list[tuple[int, str]]  # (pk, incentive ID)

    def program_pk(self, code: str) -> int | None:
        return next((program.pk for program in self.programs if program.code == code), None)


NO_FACETS = BillFacets([], [], [], [], [])
FACETS_SECONDS = 300


def bill_facets(bill: Statement | None) -> BillFacets:
    """The bill's facets (see BillFacets), from the cache when they are current.

    The cached value carries the bill's incentive count and total: the services change them
    with its incentives and lines, so a value of other figures is read again; rebuilding the
    bill's line totals also drops it (line_totals_rebuild). An operator's new program rate is
    seen within FACETS_SECONDS."""
    if bill is None:
        return NO_FACETS
    key, stamp = facets_cache_key(bill.pk), (bill.incentive_count, str(bill.total))
    cached = cache.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, _bill_facets(bill))
        cache.set(key, cached, FACETS_SECONDS)
    programs, *rest = cached[1]
    return BillFacets([ProgramChoice(*program) for program in programs], *rest)


def facets_cache_key(bill_pk: int) -> str:
    return f"details-facets:{bill_pk}"


def _bill_facets(bill: Statement) -> tuple[list[tuple[str, str, int]], list[str], list[str], list[str], list]:
    """Plain lists (cheap to pickle): programs, rate product types, line product types and
    account managers, incentives."""
    rates = (
        ProgramRate.objects.filter(program__incentives__statement=bill)
        .order_by("program__code", "product_type")
        .values_list("program__code", "program__name", "program_id", "product_type")
    )
    programs: dict[str, tuple[str, str, int]] = {}
    product_types = set()
    for code, name, pk, product_type in rates:
        programs.setdefault(code, (code, name, pk))
        product_types.add(product_type)
    totals = LineTotal.objects.filter(statement=bill).order_by()
    line_product_types = totals.values_list("product_type", flat=True).distinct()
    managers = totals.values_list("account_manager", flat=True).distinct()
    incentives = bill.incentives.order_by("incentive_id").values_list("pk", "incentive_id")
    return (
        list(programs.values()),
        sorted(product_types),
        sorted(line_product_types),
        sorted(managers),
        [tuple(incentive) for incentive in incentives],
    )


def line_thread(line: DetailLine) -> QuerySet[FeedbackMessage]:
    """The line's feedback thread, oldest message first."""
    return line.feedback_messages.order_by("created_at", "id")
