"""REST API of Customer expansion: the enterprise encyclopedia (search by name with the page's
filters, keyset pages; a company with whether the partner may report it) and the partner's
customer reports (list, one, report a company: 201, or 409 with the reason). Admin and sales
users, like the pages; another partner's report is a 404."""

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from partner_center.api_permissions import requires

from ..capabilities import Capability, require_capability
from ..filters.companies import CompanyFilter
from ..models import AssociationType, Company, CustomerReport
from ..selectors.companies import companies_for, company_report_refusal, customer_reports_for
from ..services.reports import report_submit
from .customers import _id
from .paging import requested_page

CanProspect = requires(Capability.PROSPECT)
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The id.")


def company_json(company: Company) -> dict[str, Any]:
    return {
        "id": company.pk,
        "name": company.name,
        "credit_code": company.credit_code,
        "industry": company.industry,
        "region": company.region,
        "site": company.site,
        "size": company.size,
        "registered_capital": f"{company.registered_capital:.2f}",
        "founded": company.founded.isoformat(),
    }


def report_json(report: CustomerReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "company": {"id": report.company_id, "name": report.company.name},
        "status": report.status,
        "association_type": report.association_type,
        "expected_spend": f"{report.expected_spend:.2f}",
        "notes": report.notes,
        "reported_by": report.requested_by.get_username(),
        "reported_at": report.requested_at.isoformat(),
        "expires_at": report.expires_at.isoformat(),
        "reason": report.reason,
        "customer_id": report.customer_id,
    }


class ReportSerializer(serializers.Serializer):
    company = serializers.IntegerField(min_value=1)
    expected_spend = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0)
    association_type = serializers.ChoiceField(
        choices=[AssociationType.RESALE, AssociationType.REFERRAL], default=AssociationType.RESALE
    )
    notes = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class CompanyViewSet(viewsets.ViewSet):
    """企业百科: `?name=…&industry=…&size=…&site=…`, keyset pages (`after`, `before`, `last`)."""

    permission_classes = [CanProspect]
    lookup_value_regex = "[0-9]+"

    @extend_schema(operation_id="companies_list", responses={200: OpenApiTypes.OBJECT})
    def list(self, request: Request) -> Response:
        filterset = CompanyFilter(request.query_params, queryset=companies_for(request.user))
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        page, url = requested_page(request, filterset.qs)
        return Response(
            {
                "count": filterset.qs.count(),
                "next": replace_query_param(url, "after", page.rows[-1].pk) if page.has_next else None,
                "previous": replace_query_param(url, "before", page.rows[0].pk)
                if page.has_previous
                else None,
                "results": [company_json(company) for company in page.rows],
            }
        )

    @extend_schema(operation_id="companies_retrieve", parameters=[ID], responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        membership = require_capability(request.user, Capability.PROSPECT)
        company = companies_for(request.user).filter(pk=_id(pk)).first()
        if company is None:
            raise Http404
        refusal = company_report_refusal(membership.partner, company, timezone.now())
        return Response(company_json(company) | {"may_report": not refusal, "refusal": refusal})


class CustomerReportViewSet(viewsets.ViewSet):
    """The partner's customer reports, newest first; `POST` reports a company."""

    permission_classes = [CanProspect]
    lookup_value_regex = "[0-9]+"
    MOST = 500

    @extend_schema(operation_id="customer_reports_list", responses={200: OpenApiTypes.OBJECT})
    def list(self, request: Request) -> Response:
        found = customer_reports_for(request.user)
        wanted = request.query_params.get("status")
        if wanted:
            found = found.filter(status=wanted)
        return Response({"results": [report_json(report) for report in found[: self.MOST]]})

    @extend_schema(
        operation_id="customer_reports_retrieve", parameters=[ID], responses={200: OpenApiTypes.OBJECT}
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        report = customer_reports_for(request.user).filter(pk=_id(pk)).first()
        if report is None:
            raise Http404
        return Response(report_json(report))

    @extend_schema(
        operation_id="customer_reports_create", request=ReportSerializer, responses={201: OpenApiTypes.OBJECT}
    )
    def create(self, request: Request) -> Response:
        given = ReportSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        report = report_submit(
            user=request.user,
            company_id=data["company"],
            expected_spend=data["expected_spend"],
            association_type=data["association_type"],
            notes=data["notes"],
        )
        report = customer_reports_for(request.user).get(pk=report.pk)
        return Response(report_json(report), status=status.HTTP_201_CREATED)
