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
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from partner_center.api_permissions import IsPartnerMember

from ..details_filters import DetailLineFilter
from ..feedback import (
    FEEDBACK_MAX_LENGTH,
    VIEWER_REFUSAL,
    clean_feedback_text,
    feedback_add,
    may_write_feedback,
)
from ..models import DetailLine, FeedbackAuthor, FeedbackMessage, FeedbackStatus
from ..money import ROUNDING_RULE
from ..paging import PageError, cursor_from, keyset_page
from ..selectors import detail_lines_for

OPERATIONS = _("Partner Center operations")
CURSOR_PARAMS = ("after", "before", "last")


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
        return str(OPERATIONS) if message.author_kind == FeedbackAuthor.OPERATOR else message.author_label


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
        thread = line.feedback_messages.order_by("created_at", "id")
        return FeedbackMessageSerializer(thread, many=True).data


class FeedbackInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        trim_whitespace=False,  # clean_feedback_text checks control characters before trimming
        allow_blank=True,  # so that an empty text gets the same message as a blank one
        help_text=format_lazy(
            _("Required; trimmed; at most {limit} characters; no control characters."),
            limit=FEEDBACK_MAX_LENGTH,
        ),
    )

    def validate_text(self, value):
        return clean_feedback_text(value)


class CanWriteFeedback(permissions.BasePermission):
    """Checked on the line, after it was found among the partner's: another partner's is a 404."""

    message = VIEWER_REFUSAL

    def has_object_permission(self, request, view, obj):
        return may_write_feedback(request.user)


class DetailsPagination(BasePagination):
    """Keyset pages (after / before / last), each with the count and total of all matches."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def __init__(self):
        from rest_framework.settings import api_settings

        self.page_size = api_settings.PAGE_SIZE or 50
        self.totals = self.period = self.page = self.request = None

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        try:
            cursor = cursor_from(request.query_params)
        except PageError as error:
            raise ValidationError({"detail": str(error)}) from None
        try:
            self.page = keyset_page(queryset, cursor, self._size(request))
        except PageError as error:
            raise NotFound(str(error)) from None
        return self.page.rows

    def _size(self, request):
        raw = request.query_params.get(self.page_size_query_param, "")
        if not raw:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            message = _("page_size must be a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
            raise ValidationError({"page_size": [message]})
        return int(raw)

    def _link(self, cursor):
        if cursor is None:
            return None
        url = self.request.build_absolute_uri()
        for name in CURSOR_PARAMS:
            url = remove_query_param(url, name)
        name = "after" if cursor.after is not None else "before"
        return replace_query_param(url, name, cursor.after if cursor.after is not None else cursor.before)

    def get_paginated_response(self, data):
        return Response(
            {
                "period": self.period.code if self.period else None,
                "count": self.totals.count,
                "total_amount": str(self.totals.amount),
                "next": self._link(self.page.next_cursor),
                "previous": self._link(self.page.previous_cursor),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["period", "count", "total_amount", "next", "previous", "results"],
            "properties": {
                "period": {"type": "string", "nullable": True, "example": "2026-10"},
                "count": {"type": "integer", "description": "All lines matching the filters."},
                "total_amount": {
                    "type": "string",
                    "format": "decimal",
                    "example": "123456.78",
                    "description": "Sum of the amounts of all matching lines, exact to the cent.",
                },
                "next": link,
                "previous": link,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        def param(name, kind, description):
            return {
                "name": name,
                "required": False,
                "in": "query",
                "description": description,
                "schema": kind,
            }

        integer = {"type": "integer"}
        return [
            param("after", integer, "Page of the lines after this line id (from `next`)."),
            param("before", integer, "Page of the lines before this line id (from `previous`)."),
            param("last", {"type": "boolean"}, "The last page."),
            param("page_size", integer, f"Lines per page, 1 to {self.max_page_size}."),
        ]


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
        filterset = DjangoFilterBackend().get_filterset(request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        rows = self.paginate_queryset(filterset.qs)
        self.paginator.totals, self.paginator.period = filterset.totals(), filterset.selected_period
        serializer = DetailLineSerializer(rows, many=True, context={"bill": filterset.selected_bill})
        return self.get_paginated_response(serializer.data)

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
