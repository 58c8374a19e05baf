"""REST API of vouchers: quotas, vouchers (issue, recall), the operation log (filters, export).
Reads are scoped to the partner (another partner's object is a 404); writes go through the
services, which check the capabilities; a state conflict (quota short, ...) is a 409."""

from typing import cast

from django.contrib.auth.models import User
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from customers.capabilities import Capability
from incentives.api.exports import ExportJobSerializer
from incentives.models import ExportMethod
from incentives.services.exports import export_request
from partner_center.api_parsers import DepthLimitedJSONParser
from partner_center.api_permissions import requires

from ..export_kinds import VOUCHER_OPERATIONS
from ..filters import OperationRecordFilter
from ..selectors.vouchers import quotas_for, records_for, vouchers_for
from ..services.issue import voucher_issue
from ..services.recall import voucher_recall
from .serializers import (
    IssueSerializer,
    QuotaSerializer,
    RecallResultSerializer,
    RecallSerializer,
    RecordExportSerializer,
    RecordSerializer,
    VoucherSerializer,
)

CanView = requires(Capability.VIEW_VOUCHERS)
NO_QUOTA = OpenApiResponse(description="no such quota among your partner's")
SHORT = OpenApiResponse(description="the quota's remaining amount is short, or the quota is not valid today")


class QuotaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = QuotaSerializer
    permission_classes = [CanView]

    def get_queryset(self):
        return quotas_for(self.request.user)


class VoucherViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = VoucherSerializer
    permission_classes = [CanView]
    lookup_field = "number"

    def get_queryset(self):
        return vouchers_for(self.request.user)

    @extend_schema(request=IssueSerializer, responses={201: VoucherSerializer, 404: NO_QUOTA, 409: SHORT})
    def create(self, request: Request) -> Response:
        given = IssueSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        voucher = voucher_issue(
            actor=request.user, quota_id=data["quota"], customer_id=data["customer"], amount=data["amount"],
            valid_until=data["valid_until"], product_scope=data["product_scope"],
        )  # fmt: skip
        return Response(VoucherSerializer(voucher).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RecallSerializer, responses={200: RecallResultSerializer})
    @action(detail=True, methods=["post"])
    def recall(self, request: Request, number: str | None = None) -> Response:
        voucher = get_object_or_404(self.get_queryset(), number=number)
        given = RecallSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        result = voucher_recall(
            actor=request.user, voucher_id=voucher.pk, reason=given.validated_data["reason"]
        )
        return Response(RecallResultSerializer({"changed": result.changed, "voucher": result.voucher}).data)


class RecordViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The operation log, newest first, with a filter per column (the page's)."""

    serializer_class = RecordSerializer
    permission_classes = [CanView]
    filter_backends = [DjangoFilterBackend]
    filterset_class = OperationRecordFilter

    def get_queryset(self):
        return records_for(self.request.user)

    @extend_schema(request=RecordExportSerializer, responses={202: ExportJobSerializer})
    @action(detail=False, methods=["post"], parser_classes=[DepthLimitedJSONParser])
    def export(self, request: Request) -> Response:
        """Queue an export of the records the filters select (Export History, /api/v1/exports/)."""
        given = RecordExportSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        job = export_request(
            user=cast(User, request.user), method=ExportMethod.FILTERED, kind=VOUCHER_OPERATIONS,
            file_format=given.validated_data["format"], filters=given.validated_data["filters"],
        )  # fmt: skip
        return Response(
            ExportJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )
