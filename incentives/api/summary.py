"""REST API of the Summary: incentives (same filters as the page), bills and Confirm Bill."""

from django.db.models import Prefetch
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from partner_center.api_permissions import CanConfirmBill
from partner_center.paging import PageError
from partner_center.tables import ordering_from

from ..filters.summary import IncentiveFilter
from ..models import Incentive, Statement, StatementEvent, StatementStatus
from ..money import ROUNDING_RULE
from ..selectors.own_figures import with_shown_amount, with_shown_total
from ..selectors.statements import (
    bill_events,
    incentive_calculation,
    incentive_lines_total,
    incentives_for,
    statements_for,
)
from ..selectors.summary import SummaryRow, summary_query
from ..services.statements import statement_confirm
from ..tables import SUMMARY_TABLE
from .paging import SummaryPagination


class IncentiveSerializer(serializers.ModelSerializer):
    statement = serializers.IntegerField(source="statement_id", read_only=True)
    period = serializers.CharField(source="statement.period.code")
    program = serializers.CharField(source="program.code")
    incentive_name = serializers.CharField(source="program.name")
    association_type = serializers.CharField(source="program.association_type")
    currency = serializers.CharField(source="statement.currency")
    status = serializers.CharField(source="statement.status")
    status_display = serializers.CharField(source="statement.get_status_display")
    confirmation_deadline = serializers.DateTimeField(source="statement.confirmation_deadline")
    amount = serializers.DecimalField(
        source="shown_amount",
        max_digits=18,
        decimal_places=2,
        read_only=True,
        help_text="For a sales user: the sum of the lines of their own customers only.",
    )

    class Meta:
        model = Incentive
        fields = [
            "incentive_id", "statement", "period", "program", "incentive_name", "association_type",
            "amount", "currency", "status", "status_display", "confirmation_deadline",
        ]  # fmt: skip


class SummaryRowSerializer(serializers.Serializer):
    """An incentive as the list shows it: IncentiveSerializer's fields, from the Summary's rows."""

    incentive_id = serializers.CharField()
    statement = serializers.IntegerField(source="bill.pk", help_text="the bill's id, for confirm")
    period = serializers.CharField(source="bill.period")
    program = serializers.CharField(source="program_code")
    incentive_name = serializers.CharField(source="program_name")
    association_type = serializers.CharField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    currency = serializers.CharField(source="bill.currency")
    status = serializers.ChoiceField(source="bill.status", choices=StatementStatus.choices)
    status_display = serializers.SerializerMethodField()
    confirmation_deadline = serializers.DateTimeField(source="bill.confirmation_deadline")

    def get_status_display(self, row) -> str:
        return str(StatementStatus(row["bill"].status).label)


_AMOUNT = serializers.DecimalField(max_digits=18, decimal_places=2)
_DEADLINE = serializers.DateTimeField()


def summary_rows_json(rows: list[SummaryRow]) -> list[dict]:
    """SummaryRowSerializer(rows, many=True).data as plain dicts, field for field: the bill's
    fields are formatted once per bill (a page holds one or a few), not once per row."""
    bills: dict[int, dict] = {}
    shown = []
    amount = _AMOUNT.to_representation
    for row in rows:
        bill = row["bill"]
        if bill.pk not in bills:
            bills[bill.pk] = {
                "period": bill.period,
                "currency": bill.currency,
                "status": bill.status,
                "status_display": str(StatementStatus(bill.status).label),
                "confirmation_deadline": _DEADLINE.to_representation(bill.confirmation_deadline),
            }
        of_bill = bills[bill.pk]
        shown.append(
            {
                "incentive_id": row["incentive_id"],
                "statement": bill.pk,
                "period": of_bill["period"],
                "program": row["program_code"],
                "incentive_name": row["program_name"],
                "association_type": row["association_type"],
                "amount": amount(row["amount"]),
                "currency": of_bill["currency"],
                "status": of_bill["status"],
                "status_display": of_bill["status_display"],
                "confirmation_deadline": of_bill["confirmation_deadline"],
            }
        )
    return shown


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_label")

    class Meta:
        model = StatementEvent
        fields = ["created_at", "old_status", "new_status", "actor", "reason"]


class CalculationRowSerializer(serializers.Serializer):
    product_type = serializers.CharField()
    rate = serializers.DecimalField(max_digits=9, decimal_places=6)
    lines = serializers.IntegerField()
    revenue = serializers.DecimalField(max_digits=18, decimal_places=2)
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)


class CalculationSerializer(serializers.Serializer):
    rounding_rule = serializers.CharField()
    rows = CalculationRowSerializer(many=True)
    lines = serializers.IntegerField()
    revenue = serializers.DecimalField(max_digits=18, decimal_places=2)
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)


class IncentiveDetailSerializer(IncentiveSerializer):
    policy = serializers.CharField(source="program.policy")
    calculation = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    class Meta(IncentiveSerializer.Meta):
        fields = [*IncentiveSerializer.Meta.fields, "policy", "calculation", "timeline"]

    @extend_schema(responses=CalculationSerializer)
    def get_calculation(self, incentive) -> dict:
        rows = incentive_calculation(incentive, self.context["request"].user)
        totals = incentive_lines_total(incentive, rows)
        return CalculationSerializer(
            {
                "rounding_rule": ROUNDING_RULE,
                "rows": rows,
                "lines": totals["lines"],
                "revenue": totals["revenue"] or 0,
                "amount": totals["amount"] or 0,
            }
        ).data

    @extend_schema(responses=EventSerializer(many=True))
    def get_timeline(self, incentive) -> list:
        # many=True makes a ListSerializer, whose .data is a ReturnList; the stubs give the child's ReturnDict
        return EventSerializer(bill_events(incentive.statement), many=True).data  # type: ignore[return-value]


class IncentiveViewSet(viewsets.ReadOnlyModelViewSet):
    """The partner's incentives, filtered like the Summary page."""

    serializer_class = IncentiveSerializer
    filterset_class = IncentiveFilter
    pagination_class = SummaryPagination
    lookup_field = "incentive_id"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        incentives = with_shown_amount(incentives_for(self.request.user), self.request.user)
        return incentives.select_related("statement__period", "program")

    @extend_schema(responses=SummaryRowSerializer(many=True))
    def list(self, request, *args, **kwargs):
        """Newest period first, then by Incentive ID; paged like the Summary (per-bill counts)."""
        try:
            ordering = ordering_from(request.query_params, SUMMARY_TABLE)
        except PageError as error:
            raise ValidationError({"ordering": [str(error)]}) from None
        filterset, rows = summary_query(request.user, request.query_params, oldest_first=ordering == "period")
        if not filterset.is_valid():
            # the stub says translate_validation returns a dict; it returns DRF's ValidationError
            raise translate_validation(filterset.errors)  # type: ignore[misc]
        # DRF's paginators slice any sequence with a len(); the stubs want a QuerySet
        page: list[SummaryRow] | None = self.paginate_queryset(rows)  # type: ignore[arg-type]
        # SummaryRowSerializer's JSON (the schema), built as plain dicts
        return self.get_paginated_response(summary_rows_json(page or []))

    def get_serializer_class(self):
        return IncentiveDetailSerializer if self.action == "retrieve" else IncentiveSerializer


class StatementIncentiveSerializer(serializers.ModelSerializer):
    program = serializers.CharField(source="program.code")
    incentive_name = serializers.CharField(source="program.name")
    amount = serializers.DecimalField(
        source="shown_amount",
        max_digits=18,
        decimal_places=2,
        read_only=True,
        help_text="For a sales user: the sum of the lines of their own customers only.",
    )

    class Meta:
        model = Incentive
        fields = ["incentive_id", "program", "incentive_name", "amount"]


class StatementSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period.code")
    status_display = serializers.CharField(source="get_status_display")
    confirmed_by = serializers.SerializerMethodField()
    total = serializers.DecimalField(
        source="shown_total",
        max_digits=18,
        decimal_places=2,
        read_only=True,
        help_text="For a sales user: the sum of the lines of their own customers only.",
    )
    incentives = StatementIncentiveSerializer(many=True, read_only=True, source="shown_incentives")

    class Meta:
        model = Statement
        fields = [
            "id", "period", "status", "status_display", "total", "currency", "confirmation_deadline",
            "confirmed_at", "confirmed_by", "incentives",
        ]  # fmt: skip

    def get_confirmed_by(self, statement) -> str | None:
        """The user who confirmed, "System" when the deadline passed, or null."""
        if statement.confirmed_at is None:
            return None
        return statement.confirmed_by.get_username() if statement.confirmed_by else "System"


class ConfirmResultSerializer(StatementSerializer):
    changed = serializers.BooleanField(help_text="false when the bill was already confirmed (no-op)")

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "changed"]


class StatementViewSet(viewsets.ReadOnlyModelViewSet):
    """The partner's bills (one per reconciliation period), and Confirm Bill."""

    serializer_class = StatementSerializer

    def get_queryset(self):
        user = self.request.user
        incentives = with_shown_amount(incentives_for(user), user).select_related("program")
        return (
            with_shown_total(statements_for(user), user)
            .select_related("period", "confirmed_by")
            .prefetch_related(Prefetch("incentives", queryset=incentives, to_attr="shown_incentives"))
            .order_by("-period__code")
        )

    @extend_schema(
        request=None,
        responses={
            200: ConfirmResultSerializer,
            403: OpenApiResponse(description="your role may not confirm bills"),
            404: OpenApiResponse(description="no such bill in your partner account"),
            409: OpenApiResponse(description="the bill's status does not allow confirming"),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[CanConfirmBill])
    def confirm(self, request, pk=None):
        """Confirm the whole bill of the period. Idempotent: an already confirmed bill is a 200 no-op."""
        statement = self.get_object()
        result = statement_confirm(statement_id=statement.pk, actor=request.user)
        fresh = self.get_queryset().get(pk=result.statement.pk)
        data = StatementSerializer(fresh).data | {"changed": result.changed}
        return Response(data)
