"""A customer's resources (pay-per-use and yearly/monthly), filterable, with renewals due."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from partner_center.paging import PageError, cursor_from, keyset_page

from ..capabilities import Capability, require_capability
from ..decorators import PartnerRequest, partner_required
from ..filters.customers import ResourceFilter
from ..selectors.customers import managed_customers_for
from ..selectors.resources import resources_for
from .management import PAGE_SIZE, filter_problems, list_context


@partner_required
def resource_list(request: PartnerRequest, pk: int) -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    customer = get_object_or_404(managed_customers_for(request.user), pk=pk)
    resources = resources_for(request.user).filter(customer=customer)
    filterset = ResourceFilter(request.GET, queryset=resources, request=request)
    context: dict[str, Any] = list_context(filterset, request) | {"customer": customer}
    problems = filter_problems(filterset)
    try:
        cursor = cursor_from(request.GET)
    except PageError as error:
        problems.append(str(error))
    if problems:
        context["problems"] = problems
        return render(request, "customers/resources.html", context, status=400)
    try:
        page = keyset_page(filterset.qs, cursor, PAGE_SIZE)
    except PageError as error:
        context["problems"] = [str(error)]
        return render(request, "customers/resources.html", context, status=404)
    context["page"] = page
    context["count"] = filterset.qs.count()
    return render(request, "customers/resources.html", context)
