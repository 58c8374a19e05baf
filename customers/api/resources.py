"""REST API of customers' resources: every resource of the partner's own customers (the same
selector as the resources page, so the same scope) with the page's filters and a customer's,
keyset pages with the count of all matches (counted up to COUNT_LIMIT: a million resources take
~75 ms to count, a hundred times the page), and one resource. Admin and sales users; another
partner's resource (or its reseller's customer's, for a distributor) is a 404."""

from datetime import date
from typing import Any

from django.http import Http404
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from ..filters.resources import ResourceApiFilter
from ..models import Resource
from ..selectors.resources import resources_for
from .customers import MAX_PAGE_SIZE, PAGE_SIZE, CanManageCustomers, _id
from .paging import requested_page

PAGING = [
    OpenApiParameter("after", int, description="The next page: rows after this id."),
    OpenApiParameter("before", int, description="The previous page: rows before this id."),
    OpenApiParameter("last", int, description="1: the last page."),
    OpenApiParameter("page_size", int, description=f"Rows a page ({PAGE_SIZE}; at most {MAX_PAGE_SIZE})."),
]
COUNT_LIMIT = 1_000
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The resource's id.")


class ResourceSerializer(serializers.ModelSerializer):
    customer = serializers.IntegerField(source="customer_id", help_text="The customer's id.")
    customer_name = serializers.CharField(source="customer.name")
    customer_account = serializers.CharField(source="customer.account")
    expires_in_days = serializers.SerializerMethodField(
        help_text="Days from today (the portal's time zone) to the expiry; null for pay-per-use."
    )

    class Meta:
        model = Resource
        fields = [
            "id", "customer", "customer_name", "customer_account", "service", "specification", "region",
            "billing_mode", "start", "expiry", "expires_in_days", "auto_renew", "monthly_spend",
        ]  # fmt: skip

    def get_expires_in_days(self, resource: Resource) -> int | None:
        if resource.expiry is None:
            return None
        today: date = self.context.get("today") or timezone.localdate()
        return (resource.expiry - today).days


class ResourcePageSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        help_text=f"All resources that match the filters, counted up to {COUNT_LIMIT:,} (see count_is_exact)."
    )
    count_is_exact = serializers.BooleanField(
        help_text=f"false: more than {COUNT_LIMIT:,} match; narrow the filters for an exact count."
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ResourceSerializer(many=True)


class ResourceViewSet(viewsets.GenericViewSet):
    """Customers' resources: `?customer=…&billing_mode=…&service=…&region=…&due_within=7|15|30`."""

    permission_classes = [CanManageCustomers]
    serializer_class = ResourceSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ResourceApiFilter
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return resources_for(self.request.user).select_related("customer")

    @extend_schema(parameters=PAGING, responses={200: ResourcePageSerializer})
    def list(self, request: Request) -> Response:
        resources = self.filter_queryset(self.get_queryset())
        page, url = requested_page(request, resources)
        context = self.get_serializer_context() | {"today": timezone.localdate()}
        counted = resources.order_by()[: COUNT_LIMIT + 1].count()  # no ordering: the first rows found
        body: dict[str, Any] = {
            "count": min(counted, COUNT_LIMIT),
            "count_is_exact": counted <= COUNT_LIMIT,
            "next": replace_query_param(url, "after", page.rows[-1].pk) if page.has_next else None,
            "previous": replace_query_param(url, "before", page.rows[0].pk) if page.has_previous else None,
            "results": ResourceSerializer(page.rows, many=True, context=context).data,
        }
        return Response(body)

    @extend_schema(parameters=[ID], responses={200: ResourceSerializer})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        resource = self.get_queryset().filter(pk=_id(pk)).first()
        if resource is None:
            raise Http404
        return Response(self.get_serializer(resource).data)
