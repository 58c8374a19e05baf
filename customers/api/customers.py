"""REST API of Customer Management: the list (the page's FilterSet and keyset pages), a
customer (a reseller's customer, for its distributor: basic information only) and revealing
one contact field (audited). Admin and sales users; another partner's customer is a 404."""

from typing import Any, cast

from django.contrib.auth.models import User
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.utils.urls import remove_query_param, replace_query_param

from incentives.api.exports import ExportJobSerializer
from incentives.models import ExportFormat, ExportMethod
from incentives.services.exports import export_request
from partner_center.api_parsers import DepthLimitedJSONParser
from partner_center.api_permissions import requires
from partner_center.paging import PageError, cursor_from, keyset_page

from ..capabilities import Capability
from ..export_kinds import CUSTOMERS
from ..filters.customers import CustomerFilter
from ..masking import mask_email, mask_mobile
from ..models import ContactField, Customer
from ..selectors.customers import managed_customers_for, sub_customers_for
from ..services.authorisations import order_check
from ..services.reveals import contact_reveal
from ..views.rows import as_row, listed

CanManageCustomers = requires(Capability.MANAGE_CUSTOMERS)
CanExportCustomers = requires(Capability.EXPORT_CUSTOMERS)
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
CURSOR_PARAMS = ("after", "before", "last")
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The customer's id.")


def listed_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["pk"],
        "name": row["name"],
        "account": row["account"],
        "association_type": row["association_type"],
        "association_date": row["association_date"].isoformat(),
        "account_manager": row["account_manager"],
        "tier2_reseller": row["reseller_name"],
        "industry": row["industry"],
        "level": row["level"],
        "available_quota": f"{row['available_quota']:.2f}",
        "discount": f"{row['discount']:.4f}",
        "status": row["status"],
        "mobile": mask_mobile(row["mobile"]),
        "email": mask_email(row["email"]),
    }


class RevealSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=ContactField.choices)


class CustomerExportSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices, default=ExportFormat.XLSX)
    filters = serializers.DictField(
        child=serializers.CharField(max_length=100),
        required=False,
        default=dict,
        help_text="The list's filters (name, account, status, …), as on the list.",
    )


class CustomerViewSet(viewsets.ViewSet):
    """The partner's customers; `?name=…&account=…&status=…` (the page's filters), keyset pages."""

    permission_classes = [CanManageCustomers]
    lookup_value_regex = "[0-9]+"

    def get_permissions(self):
        if self.action == "export":
            return [CanExportCustomers()]
        return super().get_permissions()

    def get_throttles(self):
        if self.action == "export":  # each export is a worker's job, as POST /api/v1/exports/
            self.throttle_scope = "export_create"
            return [ScopedRateThrottle()]
        return super().get_throttles()

    @extend_schema(operation_id="customers_list", responses={200: OpenApiTypes.OBJECT})
    def list(self, request: Request) -> Response:
        filterset = CustomerFilter(request.query_params, queryset=managed_customers_for(request.user))
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        try:
            cursor = cursor_from(request.query_params)
            size = min(int(request.query_params.get("page_size") or PAGE_SIZE), MAX_PAGE_SIZE)
        except (PageError, ValueError) as error:
            raise ValidationError({"detail": str(error)}) from None
        try:
            page = keyset_page(listed(filterset.qs), cursor, max(size, 1), row=as_row)
        except PageError as error:
            raise NotFound(str(error)) from None
        first, last = (page.rows[0].pk, page.rows[-1].pk) if page.rows else (None, None)
        url = request.build_absolute_uri()
        for name in CURSOR_PARAMS:
            url = remove_query_param(url, name)
        return Response(
            {
                "count": filterset.qs.count(),
                "next": replace_query_param(url, "after", page.rows[-1].pk) if page.has_next else None,
                "previous": replace_query_param(url, "before", page.rows[0].pk)
                if page.has_previous
                else None,
                "results": [listed_json(row) for row in page.rows],
            }
        )

    @extend_schema(operation_id="customers_retrieve", parameters=[ID], responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        customer = self._own(request, pk)
        if customer is None:
            sub = sub_customers_for(request.user).select_related("partner").filter(pk=_id(pk)).first()
            if sub is None:
                raise Http404
            return Response(
                {
                    "id": sub.pk,
                    "name": sub.name,
                    "account": sub.account,
                    "reseller": sub.partner.name,
                    "association_date": sub.association_date.isoformat(),
                    "basic_information_only": True,
                }
            )
        row = as_row(listed(managed_customers_for(request.user).filter(pk=customer.pk)).get())
        return Response(
            listed_json(row) | {"budget": _money(customer.budget), "basic_information_only": False}
        )

    @extend_schema(parameters=[ID], request=RevealSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def reveal(self, request: Request, pk: str | None = None) -> Response:
        given = RevealSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        field = given.validated_data["field"]
        value = contact_reveal(user=request.user, customer_id=_id(pk), field=field)
        return Response({"id": _id(pk), "field": field, "value": value})

    @extend_schema(parameters=[ID], responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"], url_path="order-check")
    def order_check(self, request: Request, pk: str | None = None) -> Response:
        """May the partner order for this customer now (a resale customer needs a live authorisation)?"""
        allowed, reason = order_check(user=request.user, customer_id=_id(pk))
        return Response({"id": _id(pk), "allowed": allowed, "reason": reason})

    @extend_schema(request=CustomerExportSerializer, responses={202: ExportJobSerializer})
    @action(detail=False, methods=["post"], parser_classes=[DepthLimitedJSONParser])
    def export(self, request: Request) -> Response:
        """Queue the anonymised export of the customers the filters select (admins only; the job is
        in /api/v1/exports/)."""
        given = CustomerExportSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        job = export_request(
            user=cast(User, request.user), method=ExportMethod.FILTERED, kind=CUSTOMERS,
            file_format=given.validated_data["format"], filters=given.validated_data["filters"],
        )  # fmt: skip
        return Response(
            ExportJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )

    def _own(self, request: Request, pk: str | None) -> Customer | None:
        return managed_customers_for(request.user).filter(pk=_id(pk)).first()


def _id(pk: str | None) -> int:
    if not pk or not pk.isdigit() or len(pk) > 18:
        raise Http404
    return int(pk)


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"
