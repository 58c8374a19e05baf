"""REST API of payment requests: what is payable, create (with incentive IDs and an option),
list with filters, detail with items, invoices and timeline, cancel, and invoice upload.
Another partner's request is a 404, a state conflict a 409 (partner_center/http_errors.py)."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from incentives.models import Incentive
from partner_center.api_permissions import CanRequestPayment, IsPartnerMember

from ..models import (
    PaymentEvent,
    PaymentInvoice,
    PaymentOption,
    PaymentRequest,
    PaymentRequestItem,
    PaymentStatus,
)
from ..selectors.payments import active_hold_for, payable_for, payment_requests_for
from ..services.payment_invoices import payment_invoice_add, payment_invoices_submit
from ..services.payment_submit import payment_request_submit
from ..services.payments import payment_cancel


class PayableSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="statement.period.code")
    program = serializers.CharField(source="program.name")
    association_type = serializers.CharField(source="program.association_type")
    currency = serializers.CharField(source="statement.currency")

    class Meta:
        model = Incentive
        fields = ["incentive_id", "period", "program", "association_type", "amount", "currency"]


class ItemSerializer(serializers.ModelSerializer):
    incentive_id = serializers.CharField(source="incentive.incentive_id")
    period = serializers.CharField(source="incentive.statement.period.code")
    program = serializers.CharField(source="incentive.program.name")

    class Meta:
        model = PaymentRequestItem
        fields = ["incentive_id", "period", "program", "amount"]


class InvoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = PaymentInvoice
        fields = ["number", "issued_on", "amount", "tax_amount", "status", "rejection_reason", "uploaded_at"]


class PaymentEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = PaymentEvent
        fields = ["action", "old_status", "new_status", "actor_label", "reason", "created_at"]


class PaymentRequestSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)

    class Meta:
        model = PaymentRequest
        fields = [
            "id", "number", "option", "status", "total", "currency", "automatic", "submitted_at",
            "paid_on", "payment_reference", "paid_amount", "coupons_valid_until",
        ]  # fmt: skip


class PaymentRequestDetailSerializer(PaymentRequestSerializer):
    items = ItemSerializer(many=True, read_only=True)
    invoices = InvoiceSerializer(many=True, read_only=True)
    timeline = PaymentEventSerializer(many=True, read_only=True, source="events")

    class Meta(PaymentRequestSerializer.Meta):
        fields = [*PaymentRequestSerializer.Meta.fields, "items", "invoices", "timeline"]


class CreateSerializer(serializers.Serializer):
    incentive_ids = serializers.ListField(
        child=serializers.CharField(max_length=40), min_length=1, max_length=1000
    )
    option = serializers.ChoiceField(choices=PaymentOption.choices)


class InvoiceUploadSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40)
    issued_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    tax_amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    file = serializers.FileField()
    submit = serializers.BooleanField(default=False, help_text="send the invoices to review once they add up")


class PayableListSerializer(serializers.Serializer):
    frozen = serializers.BooleanField(help_text="an active hold freezes the incentives")
    freezing_reason = serializers.CharField()
    results = PayableSerializer(many=True)


class PayableView(APIView):
    """Incentives of bills issued successfully not yet in an active request (one object, not a
    page: whether they are frozen, and every payable row)."""

    permission_classes = [IsPartnerMember]

    @extend_schema(responses={200: PayableListSerializer})
    def get(self, request: Request) -> Response:
        hold = active_hold_for(request.user)
        rows = PayableSerializer(payable_for(request.user), many=True).data
        return Response(
            {"frozen": hold is not None, "freezing_reason": hold.reason if hold else "", "results": rows}
        )


class PaymentRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The partner's payment requests; filter with ?status= and ?option=."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[PaymentRequest]:
        requests = payment_requests_for(self.request.user)
        if self.action == "retrieve":
            return requests.prefetch_related(
                "items__incentive__statement__period", "items__incentive__program", "invoices", "events"
            )
        for name, values in (("status", PaymentStatus.values), ("option", PaymentOption.values)):
            value = self.request.query_params.get(name)
            if value in values:
                requests = requests.filter(**{name: value})
        return requests

    def get_serializer_class(self):
        return PaymentRequestDetailSerializer if self.action == "retrieve" else PaymentRequestSerializer

    def get_permissions(self):
        if self.action in ("create", "cancel", "invoices"):
            return [CanRequestPayment()]
        return [IsPartnerMember()]

    @extend_schema(request=CreateSerializer, responses={201: PaymentRequestDetailSerializer})
    def create(self, request: Request) -> Response:
        given = CreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        created = payment_request_submit(
            user=request.user,
            incentive_ids=given.validated_data["incentive_ids"],
            option=given.validated_data["option"],
        )
        return Response(PaymentRequestDetailSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: PaymentRequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        payment = self.get_object()
        done = payment_cancel(request_id=payment.pk, actor=request.user)
        return Response({**PaymentRequestDetailSerializer(done.request).data, "changed": done.changed})

    @extend_schema(request=InvoiceUploadSerializer, responses={201: PaymentRequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def invoices(self, request, pk=None):
        payment = self.get_object()
        given = InvoiceUploadSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        payment_invoice_add(
            request_id=payment.pk, actor=request.user, number=data["number"], issued_on=data["issued_on"],
            amount=data["amount"], tax_amount=data["tax_amount"], file=data["file"],
        )  # fmt: skip
        if data["submit"]:
            payment_invoices_submit(request_id=payment.pk, actor=request.user)
        payment.refresh_from_db()
        return Response(PaymentRequestDetailSerializer(payment).data, status=status.HTTP_201_CREATED)
