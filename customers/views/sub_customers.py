"""Sales > Customers > Sub-customers of resellers: a distributor's resellers' customers, basic
information only (name, account, reseller, association date)."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from partner_center.paging import PageError, cursor_from, keyset_page

from ..capabilities import Capability, require_capability
from ..decorators import PartnerRequest, partner_required
from ..filters.customers import SubCustomerFilter
from ..selectors.customers import sub_customers_for
from .management import PAGE_SIZE, filter_problems, list_context

BASIC = ("pk", "name", "account", "partner__name", "association_date")


class BasicRow(tuple):
    @property
    def pk(self) -> int:
        return self[0]


@partner_required
def sub_customer_list(request: PartnerRequest) -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    filterset = SubCustomerFilter(request.GET, queryset=sub_customers_for(request.user), request=request)
    context: dict[str, Any] = list_context(filterset, request)
    problems = filter_problems(filterset)
    try:
        cursor = cursor_from(request.GET)
    except PageError as error:
        problems.append(str(error))
    if problems:
        context["problems"] = problems
        return render(request, "customers/sub_customers.html", context, status=400)
    try:
        page = keyset_page(filterset.qs.values_list(*BASIC), cursor, PAGE_SIZE, row=BasicRow)
    except PageError as error:
        context["problems"] = [str(error)]
        return render(request, "customers/sub_customers.html", context, status=404)
    context["page"] = page
    context["count"] = filterset.qs.count()
    return render(request, "customers/sub_customers.html", context)
