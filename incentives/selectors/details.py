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


CHOICES_SECONDS = 300


def bill_filter_choices(bill: Statement | None) -> dict[str, list]:
    """The bill's programs (code, name) and their product types, for the Details drop-downs.

    One query of plain tuples, kept in the cache: every Details request of a period asks for
    the same lists, and they change only with the bill's incentives (the key has the bill's
    incentive count and total, which the services change with them) or an operator's new
    program rate (seen within CHOICES_SECONDS)."""
    if bill is None:
        return {"programs": [], "product_types": []}
    key = f"details-choices:{bill.pk}:{bill.partner_id}:{bill.period_id}:{bill.incentive_count}:{bill.total}"
    cached = cache.get(key)
    if cached is None:
        cached = _bill_filter_choices(bill)
        cache.set(key, cached, CHOICES_SECONDS)
    return {"programs": [ProgramChoice(*p) for p in cached[0]], "product_types": cached[1]}


def _bill_filter_choices(bill: Statement) -> tuple[list[tuple[str, str]], list[str]]:
    rates = (
        ProgramRate.objects.filter(program__incentives__statement=bill)
        .order_by("program__code", "product_type")
        .values_list("program__code", "program__name", "product_type")
    )
    programs: dict[str, ProgramChoice] = {}
    product_types = set()
    for code, name, product_type in rates:
        programs.setdefault(code, ProgramChoice(code, name))
        product_types.add(product_type)
    return [(p.code, p.name) for p in programs.values()], sorted(product_types)


def line_thread(line: DetailLine) -> QuerySet[FeedbackMessage]:
    """The line's feedback thread, oldest message first."""
    return line.feedback_messages.order_by("created_at", "id")
