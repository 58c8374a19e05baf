"""Sales > Prospecting > Customer expansion (销售 > 拓新 > 客户拓展): search the enterprise
encyclopedia (企业百科), a company's page, reporting it as the partner's customer (报备客户) and
the partner's reports. Thin: selectors read, services write."""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_center.errors import DomainError
from partner_center.paging import PageError, cursor_from, keyset_page

from ..capabilities import Capability, require_capability
from ..decorators import PartnerRequest, partner_required
from ..filters.companies import CompanyFilter
from ..models import AssociationType, CompanySize, Industry
from ..selectors.companies import (
    companies_for,
    company_report_refusal,
    company_reports_for,
    customer_reports_for,
)
from ..services.reports import report_submit
from .management import filter_problems, list_context

PAGE_SIZE = 20
LISTED = 100
COLUMNS = ("pk", "name", "credit_code", "industry", "region", "size")


class CompanyRow(tuple):
    @property
    def pk(self) -> int:
        return self[0]


class ReportForm(forms.Form):
    expected_spend = forms.DecimalField(
        label=gettext_lazy("Expected monthly spend (CNY)"),
        min_value=Decimal(0),
        max_digits=18,
        decimal_places=2,
    )
    association_type = forms.ChoiceField(
        label=gettext_lazy("Association type"),
        choices=[
            (AssociationType.RESALE, AssociationType.RESALE.label),
            (AssociationType.REFERRAL, AssociationType.REFERRAL.label),
        ],  # fmt: skip
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


@partner_required
def company_search(request: PartnerRequest) -> HttpResponse:
    """企业百科: companies by name (and industry, size, site), keyset pages, the count of matches."""
    require_capability(request.user, Capability.PROSPECT)
    filterset = CompanyFilter(request.GET, queryset=companies_for(request.user), request=request)
    context: dict[str, Any] = list_context(filterset, request)
    problems = filter_problems(filterset)
    try:
        cursor = cursor_from(request.GET)
    except PageError as error:
        problems.append(str(error))
    if problems:
        context["problems"] = problems
        return render(request, "customers/companies.html", context, status=400)
    try:
        page = keyset_page(filterset.qs.values_list(*COLUMNS), cursor, PAGE_SIZE, row=CompanyRow)
    except PageError as error:
        context["problems"] = [str(error)]
        return render(request, "customers/companies.html", context, status=404)
    context["page"] = page
    context["rows"] = [
        (pk, name, code, Industry(industry).label, region, CompanySize(size).label)
        for pk, name, code, industry, region, size in page.rows
    ]
    context["count"] = filterset.qs.count()
    return render(request, "customers/companies.html", context)


@partner_required
def company_page(request: PartnerRequest, pk: int) -> HttpResponse:
    """A company's registered details, the partner's reports of it, and Report as my customer
    (or why it may not be reported)."""
    membership = require_capability(request.user, Capability.PROSPECT)
    company = get_object_or_404(companies_for(request.user), pk=pk)
    context = {
        "company": company,
        "refusal": company_report_refusal(membership.partner, company, timezone.now()),
        "reports": company_reports_for(request.user, company),
    }
    return render(request, "customers/company.html", context)


@partner_required
def report_new(request: PartnerRequest, company_pk: int) -> HttpResponse:
    """GET: the report form for one company (or why it may not be reported); POST: report it."""
    membership = require_capability(request.user, Capability.PROSPECT)
    company = get_object_or_404(companies_for(request.user), pk=company_pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            report_submit(
                user=request.user,
                company_id=company.pk,
                expected_spend=form.cleaned_data["expected_spend"],
                association_type=form.cleaned_data["association_type"],
                notes=form.cleaned_data["notes"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.http_status
        else:
            messages.success(request, _("Reported: operations will review it."))
            return redirect("customers:reports")
    elif request.method == "POST":
        status = 400
    refusal = company_report_refusal(membership.partner, company, timezone.now())
    context = {"company": company, "form": form, "refusal": refusal}
    return render(request, "customers/report_new.html", context, status=status)


@partner_required
def report_list(request: PartnerRequest) -> HttpResponse:
    """The partner's customer reports, newest first, with status and the operators' reason."""
    require_capability(request.user, Capability.PROSPECT)
    return render(
        request, "customers/reports.html", {"reports": list(customer_reports_for(request.user)[:LISTED])}
    )
