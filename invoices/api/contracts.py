"""REST API of offline contracts: search (code exact or prefix, status) and a contract's detail
with its discounts and progress. Admin and finance users of the partner; another partner's
contract is a 404."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from customers.capabilities import Capability
from partner_center.api_permissions import requires

from ..selectors.contracts import (
    CONTRACT_STATES,
    contract_progress,
    contract_search,
    contract_state,
    contracts_for,
)


class ContractSerializer(serializers.Serializer):
    code = serializers.CharField()
    signed_on = serializers.DateField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    committed_amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    currency = serializers.CharField()
    status = serializers.SerializerMethodField()

    def get_status(self, contract) -> str:
        return contract_state(contract, timezone.localdate())


class ProductProgressSerializer(serializers.Serializer):
    product_type = serializers.CharField()
    discount = serializers.DecimalField(max_digits=5, decimal_places=4, allow_null=True)
    orders = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)


class ContractDetailSerializer(ContractSerializer):
    completed_amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    percent = serializers.DecimalField(max_digits=9, decimal_places=1)
    products = ProductProgressSerializer(many=True)
    signed_pdf_url = serializers.CharField()


class ContractViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ContractSerializer
    permission_classes = [requires(Capability.VIEW_CONTRACTS)]
    lookup_field = "code"
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        state = params.get("status", "")
        return contract_search(
            self.request.user, code=params.get("code", ""), exact=params.get("match") == "exact",
            state=state if state in CONTRACT_STATES else "", today=timezone.localdate(),
        )  # fmt: skip

    @extend_schema(
        parameters=[
            OpenApiParameter("code", str, description="contract code, or its beginning"),
            OpenApiParameter("match", str, enum=["prefix", "exact"]),
            OpenApiParameter("status", str, enum=list(CONTRACT_STATES)),
        ]
    )
    def list(self, request: Request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=ContractDetailSerializer)
    def retrieve(self, request: Request, code: str | None = None) -> Response:
        contract = get_object_or_404(contracts_for(request.user), code=code)
        progress = contract_progress(contract)
        contract.completed_amount, contract.percent = progress.completed, progress.percent  # type: ignore[attr-defined]
        contract.products = progress.by_product  # type: ignore[attr-defined]
        contract.signed_pdf_url = request.build_absolute_uri(  # type: ignore[attr-defined]
            reverse("invoices:contract_pdf", args=[contract.code])
        )
        return Response(ContractDetailSerializer(contract).data)
