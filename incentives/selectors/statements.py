"""The partner's bills and incentives, and what an incentive's amount is made of."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum

from customers.selectors import PortalUser, account_manager_scoped, partner_scoped

from ..models import DetailLine, FeedbackStatus, Incentive, Statement, StatementEvent
from ..policies import HasStatus, bill_is_confirmable, bill_was_returned
from .own_figures import own_line_totals


def statements_for(user: PortalUser) -> QuerySet[Statement]:
    return partner_scoped(Statement.objects.all(), user)


def incentives_for(user: PortalUser) -> QuerySet[Incentive]:
    """The partner's incentives; a sales user's: those holding lines of their own customers."""
    incentives = partner_scoped(Incentive.objects.all(), user, "statement__partner")
    own = own_line_totals(user)
    if own is not None:
        incentives = incentives.filter(pk__in=own.values("incentive_id"))
    return incentives


def bill_events(bill: Statement) -> QuerySet[StatementEvent]:
    """The bill's audit trail, oldest first: its timeline."""
    return bill.events.order_by("created_at", "id")


def bill_returns(bills: Iterable[HasStatus]) -> dict[int, StatementEvent]:
    """The return event of each of these bills that operations returned (still pending, its
    latest event the return), by bill id: one query, and none when no bill is pending."""
    pending = {bill.pk: bill for bill in bills if bill_is_confirmable(bill)}
    if not pending:
        return {}
    latest = StatementEvent.objects.filter(statement=OuterRef("statement")).order_by("-created_at", "-id")
    events = StatementEvent.objects.filter(statement_id__in=pending, pk=Subquery(latest.values("pk")[:1]))
    return {
        event.statement_id: event for event in events if bill_was_returned(pending[event.statement_id], event)
    }


def bill_return(bill: Statement) -> StatementEvent | None:
    """The bill's return by operations, if that is where it stands now."""
    return bill_returns([bill]).get(bill.pk)


def bill_incentives(bill: Statement) -> list[Incentive]:
    return list(bill.incentives.select_related("program").order_by("incentive_id"))


def open_feedback_count(statement: Statement) -> int:
    return DetailLine.objects.filter(
        incentive__statement=statement, feedback_status=FeedbackStatus.OPEN
    ).count()


@dataclass(frozen=True)
class CalculationRow:
    product_type: str
    rate: Decimal
    lines: int
    revenue: Decimal
    amount: Decimal


def incentive_calculation(incentive: Incentive, user: "PortalUser | None" = None) -> list[CalculationRow]:
    """The incentive's lines grouped by product type and rate: what its amount is made of.
    Given the user, only the lines they see (a sales user's own customers')."""
    lines = incentive.lines.all() if user is None else account_manager_scoped(incentive.lines.all(), user)
    groups = (
        lines.order_by()
        .values("product_type", "rate")
        .annotate(lines=Count("pk"), revenue=Sum("revenue"), amount=Sum("amount"))
        .order_by("product_type", "rate")
    )
    return [CalculationRow(**group) for group in groups]


def incentive_lines_total(incentive: Incentive, calculation: list[CalculationRow] | None = None) -> dict:
    """{lines, revenue, amount} of all the incentive's lines (revenue and amount None if none).

    Given the incentive's calculation, the exact sums of its groups: no second pass over
    the lines (an incentive may have tens of thousands)."""
    if calculation is None:
        return incentive.lines.aggregate(lines=Count("pk"), revenue=Sum("revenue"), amount=Sum("amount"))
    if not calculation:
        return {"lines": 0, "revenue": None, "amount": None}
    return {
        "lines": sum(row.lines for row in calculation),
        "revenue": sum((row.revenue for row in calculation), Decimal(0)),
        "amount": sum((row.amount for row in calculation), Decimal(0)),
    }
