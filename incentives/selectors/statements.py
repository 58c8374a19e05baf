"""The partner's bills and incentives, and what an incentive's amount is made of."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from customers.selectors import PortalUser, partner_scoped

from ..models import DetailLine, FeedbackStatus, Incentive, Statement, StatementEvent


def statements_for(user: PortalUser) -> QuerySet[Statement]:
    return partner_scoped(Statement.objects.all(), user)


def incentives_for(user: PortalUser) -> QuerySet[Incentive]:
    return partner_scoped(Incentive.objects.all(), user, "statement__partner")


def bill_events(bill: Statement) -> QuerySet[StatementEvent]:
    """The bill's audit trail, oldest first: its timeline."""
    return bill.events.order_by("created_at", "id")


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


def incentive_calculation(incentive: Incentive) -> list[CalculationRow]:
    """The incentive's lines grouped by product type and rate: what its amount is made of."""
    groups = (
        incentive.lines.order_by()
        .values("product_type", "rate")
        .annotate(lines=Count("pk"), revenue=Sum("revenue"), amount=Sum("amount"))
        .order_by("product_type", "rate")
    )
    return [CalculationRow(**group) for group in groups]


def incentive_lines_total(incentive: Incentive) -> dict:
    """{lines, revenue, amount} of all the incentive's lines (revenue and amount None if none)."""
    return incentive.lines.aggregate(lines=Count("pk"), revenue=Sum("revenue"), amount=Sum("amount"))
