"""The Details API's list rows as plain dicts, read with values_list: the JSON of
DetailLineSerializer, field for field, without building a serializer per row.

DRF spent about a quarter of a list request serialising 50 lines (a field object, a source
lookup and a to_representation call per cell). The list's rows are one bill's lines, so the
period and bill status are the page's; decimals and times go through the very DRF fields
the ModelSerializer builds for these model fields (same places, same time zone, same
format). tests/details check that the list answers exactly what the serializer would.
"""

from typing import Any, NamedTuple

from django.db.models import F, QuerySet
from rest_framework import serializers

from ..models import DetailLine, Statement
from ..models.base import MONEY, RATE

# what ModelSerializer builds for DetailLine.revenue / rate / amount / feedback_at
_MONEY = serializers.DecimalField(**MONEY)
_RATE = serializers.DecimalField(**RATE)
_WHEN = serializers.DateTimeField()


class ApiLine(NamedTuple):
    pk: int
    incentive_id: str
    program: str
    order_id: str
    customer_name: str
    customer_account: str
    product_type: str
    tier2_reseller: str | None
    account_manager: str
    revenue: Any
    rate: Any
    amount: Any
    feedback_status: str
    feedback: str
    feedback_reply: str
    feedback_at: Any


def api_listed(lines: QuerySet[DetailLine]) -> QuerySet:
    """`lines` as ApiLine tuples: only the columns the list answers."""
    return lines.annotate(
        incentive_code=F("incentive__incentive_id"),
        program_code=F("program__code"),
        customer_name=F("customer__name"),
        customer_account=F("customer__account"),
        reseller_name=F("tier2_reseller__name"),
    ).values_list(
        "pk",
        "incentive_code",
        "program_code",
        "order_id",
        "customer_name",
        "customer_account",
        "product_type",
        "reseller_name",
        "account_manager",
        "revenue",
        "rate",
        "amount",
        "feedback_status",
        "feedback",
        "feedback_reply",
        "feedback_at",
    )


def api_rows(rows: list[ApiLine], bill: Statement) -> list[dict[str, Any]]:
    """DetailLineSerializer(rows, many=True).data, as plain dicts in its field order."""
    period, status = bill.period.code, bill.status
    money, when = _MONEY.to_representation, _WHEN.to_representation
    rate = _RATE.to_representation
    return [
        {
            "id": row.pk,
            "period": period,
            "incentive_id": row.incentive_id,
            "program": row.program,
            "order_id": row.order_id,
            "customer_name": row.customer_name,
            "customer_account": row.customer_account,
            "product_type": row.product_type,
            "tier2_reseller": row.tier2_reseller,
            "account_manager": row.account_manager,
            "revenue": money(row.revenue),
            "rate": rate(row.rate),
            "amount": money(row.amount),
            "bill_status": status,
            "feedback_status": row.feedback_status,
            "feedback": row.feedback,
            "feedback_reply": row.feedback_reply,
            "feedback_at": None if row.feedback_at is None else when(row.feedback_at),
        }
        for row in rows
    ]
