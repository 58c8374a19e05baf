"""Partner-scoped reads of bills, incentives and lines.

Every partner-facing page, API view and export starts from one of these; an object outside
the result is "not found" (404), never "forbidden", so nobody learns that it exists.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Sum

from customers.selectors import partner_of

from .models import DetailLine, FeedbackStatus, Incentive, Statement


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


def summary_rows(incentives):
    """The Summary's rows: incentives with what their columns show, newest period first."""
    return incentives.select_related("statement__period", "program").order_by(
        "-statement__period__code", "incentive_id"
    )


def totals_by_currency(incentives):
    """[{currency, count, total}] over the (filtered) incentives: one total per currency."""
    return list(
        incentives.order_by()
        .values(currency=F("statement__currency"))
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("currency")
    )


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
