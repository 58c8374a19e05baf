"""Partner-scoped reads of bills, incentives and lines.

Every partner-facing page, API view and export starts from one of these; an object outside
the result is "not found" (404), never "forbidden", so nobody learns that it exists.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from customers.selectors import partner_of

from .models import DetailLine, FeedbackStatus, Incentive, LineTotal, Statement, StatementStatus


def statements_for(user):
    partner = partner_of(user)
    if partner is None:
        return Statement.objects.none()
    return Statement.objects.filter(partner=partner)


def incentives_for(user):
    partner = partner_of(user)
    if partner is None:
        return Incentive.objects.none()
    return Incentive.objects.filter(statement__partner=partner)


def detail_lines_for(user):
    partner = partner_of(user)
    if partner is None:
        return DetailLine.objects.none()
    return DetailLine.objects.filter(partner=partner)


def open_feedback_count(statement) -> int:
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


def incentive_calculation(incentive) -> list[CalculationRow]:
    """The incentive's lines grouped by product type and rate: what its amount is made of."""
    groups = (
        incentive.lines.order_by()
        .values("product_type", "rate")
        .annotate(lines=Count("pk"), revenue=Sum("revenue"), amount=Sum("amount"))
        .order_by("product_type", "rate")
    )
    return [CalculationRow(**group) for group in groups]


def exports_for(user):
    from .models import ExportJob

    partner = partner_of(user)
    if partner is None:
        return ExportJob.objects.none()
    return ExportJob.objects.filter(partner=partner)


def line_totals_for(user):
    """The Details totals (LineTotal) of the user's partner: the same scope as its lines."""
    partner = partner_of(user)
    if partner is None:
        return LineTotal.objects.none()
    return LineTotal.objects.filter(partner=partner)


def details_bills_for(user):
    """The partner's bills, newest period first: the periods the Details page offers."""
    return statements_for(user).select_related("period").order_by("-period__code")


def default_bill(bills):
    """Of bills newest first: the latest formal one (anything past Estimated), else the latest."""
    formal = (bill for bill in bills if bill.status != StatementStatus.ESTIMATED)
    return next(formal, None) or next(iter(bills), None)


def details_default_period(user):
    bill = default_bill(list(details_bills_for(user)))
    return bill.period if bill else None
