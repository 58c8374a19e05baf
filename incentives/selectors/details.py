"""The partner's detail lines, their totals (LineTotal) and the periods Details offers."""

from collections.abc import Sequence

from django.db.models import QuerySet

from customers.selectors import PortalUser, partner_scoped

from ..models import (
    DetailLine,
    FeedbackMessage,
    IncentiveProgram,
    LineTotal,
    ProgramRate,
    ReconciliationPeriod,
    Statement,
)
from ..policies import bill_is_estimated
from .statements import statements_for


def detail_lines_for(user: PortalUser) -> QuerySet[DetailLine]:
    return partner_scoped(DetailLine.objects.all(), user)


def line_totals_for(user: PortalUser) -> QuerySet[LineTotal]:
    """The Details totals (LineTotal) of the user's partner: the same scope as its lines."""
    return partner_scoped(LineTotal.objects.all(), user)


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


def bill_filter_choices(bill: Statement | None) -> dict[str, list]:
    """The bill's programs and their product types, for the Details drop-downs (one query)."""
    if bill is None:
        return {"programs": [], "product_types": []}
    rates = list(
        ProgramRate.objects.filter(program__incentives__statement=bill)
        .select_related("program")
        .order_by("program__code", "product_type")
    )
    programs: dict[str, IncentiveProgram] = {rate.program.code: rate.program for rate in rates}
    return {
        "programs": list(programs.values()),
        "product_types": sorted({rate.product_type for rate in rates}),
    }


def line_thread(line: DetailLine) -> QuerySet[FeedbackMessage]:
    """The line's feedback thread, oldest message first."""
    return line.feedback_messages.order_by("created_at", "id")
