"""Sales > Customers > Customer Management: the list, a customer's page and revealing a contact."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incentives.models import ExportFormat
from partner_center.errors import Conflict, InvalidInput
from partner_center.paging import (
    PageError,
    cursor_from,
    keyset_page,
    numbered_page,
)
from vouchers.selectors.vouchers import EXPIRING_DAYS, vouchers_expiring_for

from ..capabilities import Capability, require_capability, user_can
from ..decorators import PartnerRequest, partner_required
from ..filters.customers import CustomerFilter
from ..masking import mask_email, mask_mobile
from ..models import ContactField
from ..selectors.authorisations import customer_authorisation
from ..selectors.customers import (
    customer_events,
    customer_reveals,
    customer_reveals_for,
    managed_customers_for,
    sub_customers_for,
)
from ..selectors.resources import renewals_due
from ..services.disassociation import disassociation_request
from ..services.reveals import contact_reveal
from .rows import REVEAL_FORM, as_row, listed, render_filter_inputs, render_rows

PAGE_SIZE = 20
AUDIT_PAGE_SIZE = 50


def query_without_cursor(params: QueryDict) -> str:
    query = params.copy()
    for name in ("after", "before", "last"):
        query.pop(name, None)
    return query.urlencode()


def list_context(filterset: Any, request: PartnerRequest) -> dict[str, Any]:
    return {
        "filter": filterset,
        "filter_inputs": render_filter_inputs(list(filterset.form)),
        "query": query_without_cursor(request.GET),
    }


def filter_problems(filterset: Any) -> list[str]:
    problems = []
    for name, errors in filterset.errors.items():
        field = filterset.form.fields.get(name)
        problems += [f"{field.label}: {error}" if field else str(error) for error in errors]
    return problems


@partner_required
def customer_list(request: PartnerRequest) -> HttpResponse:
    """Every customer of the partner with its filters in the URL; the count covers all matches."""
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    filterset = CustomerFilter(request.GET, queryset=managed_customers_for(request.user), request=request)
    context = list_context(filterset, request)
    problems = filter_problems(filterset)
    try:
        cursor = cursor_from(request.GET)
    except PageError as error:
        problems.append(str(error))
    if problems:
        context["problems"] = problems
        return render(request, "customers/list.html", context, status=400)
    try:
        page = keyset_page(listed(filterset.qs), cursor, PAGE_SIZE, row=as_row)
    except PageError as error:
        context["problems"] = [str(error)]
        return render(request, "customers/list.html", context, status=404)
    context["page"] = page
    context["rows_html"] = render_rows(page.rows)
    context["reveal_form"] = REVEAL_FORM
    context["count"] = filterset.qs.count()
    if user_can(request.user, Capability.EXPORT_CUSTOMERS):  # Export: the filters shown, kept
        context["export_filters"] = {
            name: value for name, value in request.GET.items() if name in filterset.filters and value
        }
        context["formats"] = ExportFormat.choices
    return render(request, "customers/list.html", context)


@partner_required
def customer_page(request: PartnerRequest, pk: int) -> HttpResponse:
    """A customer's page; a reseller's customer (for its distributor) shows basic information only."""
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    customer = managed_customers_for(request.user).select_related("tier2_reseller").filter(pk=pk).first()
    if customer is None:
        sub = get_object_or_404(sub_customers_for(request.user).select_related("partner"), pk=pk)
        return render(request, "customers/sub_customer.html", {"customer": sub})
    can_audit = user_can(request.user, Capability.VIEW_CUSTOMER_AUDIT)
    context = {
        "customer": customer,
        "mobile_masked": mask_mobile(customer.mobile),
        "email_masked": mask_email(customer.email),
        "reveals": customer_reveals(customer) if can_audit else [],
        "authorisation": customer_authorisation(customer),
        "renewals": renewals_due(customer),
        "expiring_vouchers": list(vouchers_expiring_for(request.user, customer, timezone.localdate())[:20]),
        "expiring_days": EXPIRING_DAYS,
        "events": customer_events(customer),
        "can_audit": can_audit,
        "lines_url": reverse("incentives:details") + "?" + urlencode({"customer_account": customer.account}),
    }
    return render(request, "customers/customer.html", context)


@require_POST
@partner_required
def reveal(request: PartnerRequest, pk: int, field: str) -> HttpResponse:
    """Reveal one contact field of one customer (audited); a fragment under htmx, else a page."""
    value = contact_reveal(user=request.user, customer_id=int(pk), field=field)
    context = {"value": value, "field": ContactField(field).label}
    if request.htmx:
        return render(request, "customers/_revealed.html", context)
    customer = managed_customers_for(request.user).only("pk", "name").get(pk=pk)
    return render(request, "customers/revealed.html", context | {"customer": customer})


@require_POST
@partner_required
def disassociate(request: PartnerRequest, pk: int) -> HttpResponse:
    """Ask to disassociate the customer (with a reason); the answer comes from an operator."""
    try:
        change = disassociation_request(
            user=request.user, customer_id=pk, reason=request.POST.get("reason", "")
        )
    except (InvalidInput, Conflict) as error:
        messages.error(request, error.message)
    else:
        if change.changed:
            messages.success(request, _("Disassociation requested; operations will answer."))
    return redirect("customers:customer", pk=pk)


@partner_required
def reveal_audit(request: PartnerRequest) -> HttpResponse:
    """Who revealed which contact of which customer, when: for the partner's admin."""
    require_capability(request.user, Capability.VIEW_CUSTOMER_AUDIT)
    page = numbered_page(customer_reveals_for(request.user), request.GET, AUDIT_PAGE_SIZE)
    return render(request, "customers/reveals.html", {"page": page})
