"""REST API of invoice requests: the invoiceable orders of a basis with their total; create,
list with filters, detail with orders and timeline, cancel, sign, return and the electronic
invoice's download. Same tenancy (another partner's request is a 404) and roles as the pages;
a state conflict is a 409 (partner_center/http_errors.py)."""

from decimal import Decimal

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from partner_center.api_permissions import CanRequestInvoice, IsPartnerMember

from ..models import (
    InvoiceKind,
    InvoiceMedium,
    InvoiceRequest,
    InvoiceRequestEvent,
    InvoiceRequestOrder,
    RequestBasis,
    ResaleOrder,
)
from ..policies import invoice_downloadable, invoice_partner_actions
from ..selectors.invoice_requests import (
    clean_basis,
    filter_invoice_requests,
    invoice_requests_for,
    invoiceable_for,
)
from ..selectors.payments import active_hold_for
from ..services import invoice_requests as flow
from ..services.invoice_submit import invoice_request_submit


class OrderSerializer(serializers.ModelSerializer):
    customer = serializers.CharField(source="customer.name")

    class Meta:
        model = ResaleOrder
        fields = ["order_id", "period", "customer", "product_type", "amount", "currency"]


class InvoiceableSerializer(serializers.Serializer):
    frozen = serializers.BooleanField(help_text="an active hold refuses invoice requests")
    freezing_reason = serializers.CharField()
    count = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=18, decimal_places=2)
    results = OrderSerializer(many=True)


class RequestOrderSerializer(serializers.ModelSerializer):
    order_id = serializers.CharField(source="order.order_id")
    period = serializers.CharField(source="order.period")

    class Meta:
        model = InvoiceRequestOrder
        fields = ["order_id", "period", "amount", "tax_amount"]


class InvoiceEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvoiceRequestEvent
        fields = ["action", "old_status", "new_status", "actor_label", "reason", "created_at"]


class InvoiceRequestSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = InvoiceRequest
        fields = [
            "id", "number", "basis", "period", "kind", "medium", "status", "reason", "total", "tax_amount",
            "currency", "submitted_at", "due_at", "invoice_number", "issued_at", "carrier", "tracking_number",
            "actions",
        ]  # fmt: skip

    def get_actions(self, obj: InvoiceRequest) -> list[str]:
        return sorted(invoice_partner_actions(obj))


class InvoiceRequestDetailSerializer(InvoiceRequestSerializer):
    orders = RequestOrderSerializer(many=True, read_only=True)
    timeline = InvoiceEventSerializer(many=True, read_only=True, source="events")

    class Meta(InvoiceRequestSerializer.Meta):
        fields = [*InvoiceRequestSerializer.Meta.fields, "orders", "timeline"]


class InvoiceRequestCreateSerializer(serializers.Serializer):
    basis = serializers.ChoiceField(choices=RequestBasis.choices)
    period = serializers.CharField(max_length=7, required=False, default="")
    customer_id = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    order_ids = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, default=list, max_length=5000
    )
    kind = serializers.ChoiceField(choices=InvoiceKind.choices)
    medium = serializers.ChoiceField(choices=InvoiceMedium.choices)


class InvoiceReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


BASIS_PARAMETERS = [
    OpenApiParameter("basis", str, enum=RequestBasis.values, required=True),
    OpenApiParameter("period", str), OpenApiParameter("customer_id", int), OpenApiParameter("order_ids", str),
]  # fmt: skip


class InvoiceableView(APIView):
    """The orders of a basis not yet in a live invoice request, with their total (one object,
    not a page: the form shows them all before submitting)."""

    permission_classes = [IsPartnerMember]

    @extend_schema(parameters=BASIS_PARAMETERS, responses={200: InvoiceableSerializer})
    def get(self, request: Request) -> Response:
        params = request.query_params
        basis = clean_basis(
            params.get("basis", ""), params.get("period", ""), params.get("customer_id"),
            params.get("order_ids", "").replace(",", " ").split(),
        )  # fmt: skip
        orders = list(invoiceable_for(request.user, basis)[:5000])
        hold = active_hold_for(request.user)
        return Response({
            "frozen": hold is not None, "freezing_reason": hold.reason if hold else "",
            "count": len(orders), "total": str(sum((o.amount for o in orders), Decimal("0.00"))),
            "results": OrderSerializer(orders, many=True).data,
        })  # fmt: skip


class InvoiceRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The partner's invoice requests; filter with ?status=, ?kind=, ?medium=, ?period=,
    ?applied_from= and ?applied_to= (dates)."""

    def get_queryset(self) -> QuerySet[InvoiceRequest]:
        requests = invoice_requests_for(self.request.user)
        if self.action == "retrieve":
            return requests.prefetch_related("orders__order", "events")
        return filter_invoice_requests(requests.filter(hidden_at__isnull=True), self.request.query_params)

    def get_serializer_class(self):
        return InvoiceRequestDetailSerializer if self.action == "retrieve" else InvoiceRequestSerializer

    def get_permissions(self):
        if self.action in ("create", "cancel", "sign", "return_invoice"):
            return [CanRequestInvoice()]
        return [IsPartnerMember()]

    def _answer(self, done: flow.Transition) -> Response:
        return Response({**InvoiceRequestDetailSerializer(done.request).data, "changed": done.changed})

    @extend_schema(request=InvoiceRequestCreateSerializer, responses={201: InvoiceRequestDetailSerializer})
    def create(self, request: Request) -> Response:
        given = InvoiceRequestCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        created = invoice_request_submit(user=request.user, **given.validated_data)
        return Response(InvoiceRequestDetailSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InvoiceReasonSerializer, responses={200: InvoiceRequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        invoice = self.get_object()
        given = InvoiceReasonSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        return self._answer(
            flow.invoice_request_cancel(request_id=invoice.pk, actor=request.user, **given.validated_data)
        )

    @extend_schema(request=None, responses={200: InvoiceRequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        invoice = self.get_object()
        return self._answer(flow.invoice_request_sign(request_id=invoice.pk, actor=request.user))

    @extend_schema(request=InvoiceReasonSerializer, responses={200: InvoiceRequestDetailSerializer})
    @action(detail=True, methods=["post"], url_path="return")
    def return_invoice(self, request, pk=None):
        invoice = self.get_object()
        given = InvoiceReasonSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        return self._answer(
            flow.invoice_request_return(request_id=invoice.pk, actor=request.user, **given.validated_data)
        )

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: None})
    @action(detail=True, methods=["get"])
    def invoice(self, request, pk=None):
        invoice = self.get_object()
        if not invoice_downloadable(invoice):
            raise Http404
        return FileResponse(
            invoice.pdf.open("rb"), as_attachment=True, filename=f"{invoice.invoice_number}.pdf",
            content_type="application/pdf",
        )  # fmt: skip
