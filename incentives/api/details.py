"""REST API of Confirm Incentives > Details: /api/v1/details/ for partners' ERP systems.

The same DetailLineFilter as the page; keyset paging whose every response carries the
count and total amount of ALL matching lines; feedback through incentives/feedback.py.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.fields import empty
from rest_framework.response import Response

from customers.capabilities import CAPABILITIES, Capability, user_can
from partner_center.api_permissions import IsPartnerMember
from partner_center.errors import InvalidInput
from partner_center.paging import PageError
from partner_center.tables import ordering_from

from ..filters.details import DetailLineFilter
from ..models import DetailLine, FeedbackMessage, FeedbackStatus
from ..money import ROUNDING_RULE
from ..policies import feedback_author_label
from ..selectors.details import detail_lines_for, line_thread
from ..services.feedback import FEEDBACK_MAX_LENGTH, clean_feedback_text, feedback_add
from ..tables import DETAILS_SORTS, DETAILS_TABLE
from .details_rows import ApiLine, api_listed, api_rows
from .paging import DetailsPagination


class DetailLineSerializer(serializers.ModelSerializer):
    period = serializers.SerializerMethodField()
    incentive_id = serializers.CharField(source="incentive.incentive_id")
    program = serializers.CharField(source="program.code")
    customer_name = serializers.CharField(source="customer.name")
    customer_account = serializers.CharField(source="customer.account")
    tier2_reseller = serializers.CharField(source="tier2_reseller.name", allow_null=True, default=None)
    bill_status = serializers.SerializerMethodField(
        help_text="Status of the line's bill: estimated, pending_confirmation, issuing or issued."
    )

    class Meta:
        model = DetailLine
        fields = [
            "id",
            "period",
            "incentive_id",
            "program",
            "order_id",
            "customer_name",
            "customer_account",
            "product_type",
            "tier2_reseller",
            "account_manager",
            "revenue",
            "rate",
            "amount",
            "bill_status",
            "feedback_status",
            "feedback",
            "feedback_reply",
            "feedback_at",
        ]

    def _bill(self, line):
        # a list page is one bill's lines: the view passes that bill instead of a join per row
        return self.context.get("bill") or line.incentive.statement

    def get_period(self, line) -> str:
        return self._bill(line).period.code

    def get_bill_status(self, line) -> str:
        return self._bill(line).status


class FeedbackMessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    feedback_status = serializers.ChoiceField(source="status", choices=FeedbackStatus.choices)

    class Meta:
        model = FeedbackMessage
        fields = ["author_kind", "author", "text", "feedback_status", "created_at"]

    def get_author(self, message) -> str:
        return feedback_author_label(message)


class CalculationSerializer(serializers.Serializer):
    revenue = serializers.DecimalField(max_digits=18, decimal_places=2)
    rate = serializers.DecimalField(max_digits=9, decimal_places=6)
    exact_amount = serializers.DecimalField(max_digits=27, decimal_places=8)
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    rounding_rule = serializers.CharField()


class DetailLineDetailSerializer(DetailLineSerializer):
    program_name = serializers.CharField(source="program.name")
    program_policy = serializers.CharField(source="program.policy")
    association_type = serializers.CharField(source="customer.association_type")
    currency = serializers.CharField(source="incentive.statement.currency")
    confirmation_deadline = serializers.DateTimeField(source="incentive.statement.confirmation_deadline")
    calculation = serializers.SerializerMethodField()
    feedback_thread = serializers.SerializerMethodField()

    class Meta(DetailLineSerializer.Meta):
        fields = DetailLineSerializer.Meta.fields + [
            "program_name",
            "program_policy",
            "association_type",
            "currency",
            "confirmation_deadline",
            "calculation",
            "feedback_thread",
        ]

    @extend_schema_field(CalculationSerializer)
    def get_calculation(self, line):
        return CalculationSerializer(
            {
                "revenue": line.revenue,
                "rate": line.rate,
                "exact_amount": line.revenue * line.rate,
                "amount": line.amount,
                "rounding_rule": ROUNDING_RULE,
            }
        ).data

    @extend_schema_field(FeedbackMessageSerializer(many=True))
    def get_feedback_thread(self, line):
        return FeedbackMessageSerializer(line_thread(line), many=True).data


# What clean_feedback_text accepts, for the schema: a non-blank text without control characters.
_NO_CONTROL = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
FEEDBACK_TEXT_SCHEMA = {
    "type": "string",
    "minLength": 1,
    "maxLength": FEEDBACK_MAX_LENGTH,
    "pattern": rf"^{_NO_CONTROL}*[^\s\x00-\x1f\x7f-\x9f]{_NO_CONTROL}*$",
}


@extend_schema_field(FEEDBACK_TEXT_SCHEMA)
class FeedbackTextField(serializers.CharField):
    def run_validation(self, data=empty):
        if data == "":
            return data  # refused by validate_text, with the same message as a blank text
        return super().run_validation(data)


class FeedbackInputSerializer(serializers.Serializer):
    text = FeedbackTextField(
        trim_whitespace=False,  # clean_feedback_text checks control characters before trimming
        help_text=format_lazy(
            _("Required; trimmed; at most {limit} characters; no control characters."),
            limit=FEEDBACK_MAX_LENGTH,
        ),
    )

    def validate_text(self, value):
        try:
            return clean_feedback_text(value)
        except InvalidInput as error:
            raise error.as_validation_error() from None


class CanWriteFeedback(permissions.BasePermission):
    """Checked on the line, after it was found among the partner's: another partner's is a 404."""

    message = CAPABILITIES[Capability.WRITE_FEEDBACK].refusal

    def has_object_permission(self, request, view, obj):
        return user_can(request.user, Capability.WRITE_FEEDBACK)


class DetailLineViewSet(viewsets.ReadOnlyModelViewSet):
    """Detail lines of the partner's bills, one reconciliation period at a time."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = DetailLineFilter
    pagination_class = DetailsPagination

    def get_queryset(self):
        related = ["incentive", "program", "customer", "tier2_reseller"]
        if self.action != "list":
            related.append("incentive__statement__period")
        return detail_lines_for(self.request.user).select_related(*related)

    def get_serializer_class(self):
        if self.action == "feedback":
            return FeedbackInputSerializer
        return DetailLineDetailSerializer if self.action == "retrieve" else DetailLineSerializer

    def filter_queryset(self, queryset):
        return queryset  # the FilterSet applies to the list only (list() below), never to one line

    def list(self, request, *args, **kwargs):
        # what DjangoFilterBackend().get_filterset() builds from filterset_class, typed as such
        lines = detail_lines_for(request.user)
        filterset = DetailLineFilter(request.query_params, queryset=lines, request=request)
        if not filterset.is_valid():
            # the stub says translate_validation returns a dict; it returns DRF's ValidationError
            raise translate_validation(filterset.errors)  # type: ignore[misc]
        assert isinstance(self.paginator, DetailsPagination)  # pagination_class
        try:
            self.paginator.sort = DETAILS_SORTS[ordering_from(request.query_params, DETAILS_TABLE)]
        except PageError as error:
            raise ValidationError({"ordering": [str(error)]}) from None
        self.paginator.row = ApiLine._make
        rows = self.paginator.paginate_queryset(api_listed(filterset.qs), request, view=self)
        self.paginator.totals, self.paginator.period = filterset.totals(), filterset.selected_period
        bill = filterset.selected_bill
        # DetailLineSerializer's JSON, built as plain dicts (api/details_rows.py)
        return self.get_paginated_response(api_rows(rows, bill) if bill is not None else [])

    @extend_schema(
        request=FeedbackInputSerializer,
        responses={
            201: DetailLineDetailSerializer,
            400: OpenApiResponse(description="The text is empty, too long or has control characters."),
            403: OpenApiResponse(description="Viewers may not write feedback."),
            404: OpenApiResponse(description="No such line among your partner's lines."),
            409: OpenApiResponse(description="The line's bill is already issued."),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsPartnerMember, CanWriteFeedback])
    def feedback(self, request, pk=None):
        """Write feedback on a line; its feedback status becomes open."""
        line = self.get_object()
        serializer = FeedbackInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        feedback_add(line_id=line.pk, actor=request.user, text=serializer.validated_data["text"])
        line = self.get_queryset().get(pk=line.pk)
        return Response(DetailLineDetailSerializer(line).data, status=status.HTTP_201_CREATED)
