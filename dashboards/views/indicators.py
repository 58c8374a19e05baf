"""Sales > Incentives > Indicators (指标信息): the list, View details, Feedback, export."""

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from customers.capabilities import Capability, user_can
from customers.decorators import PartnerRequest, partner_required
from customers.selectors import account_manager_scoped
from customers.views.rows import render_filter_inputs
from incentives.selectors.statements import statements_for
from incentives.services.exports import export_request
from partner_center.errors import DomainError, InvalidInput, NotFound
from partner_center.http_errors import flash_refusal
from partner_center.paging import KeysetSort, PageError, cursor_from, keyset_page
from partner_center.params import whole_number

from ..export_kinds import INDICATOR_VALUES
from ..filters import IndicatorValueFilter
from ..selectors.indicators import counts_customers, indicator_values_for, value_customers, value_lines
from ..services.indicators import TEXT_MAX, indicator_feedback_write

PAGE_SIZE = 20
NEWEST_FIRST = KeysetSort(descending=True)


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Feedback"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


def _query(params) -> str:
    query = params.copy()
    for name in ("after", "before", "last"):
        query.pop(name, None)
    return query.urlencode()


def _periods(request: PartnerRequest) -> list[str]:
    return list(statements_for(request.user).order_by("-period__code").values_list("period__code", flat=True))


@partner_required
def indicator_list(request: PartnerRequest) -> HttpResponse:
    values = indicator_values_for(request.user).select_related("indicator")
    filterset = IndicatorValueFilter(request.GET, queryset=values)
    page, count, status = None, 0, 200
    try:
        if not filterset.is_valid():
            raise InvalidInput(_("Check the filters."))
        page = keyset_page(filterset.qs, cursor_from(request.GET), PAGE_SIZE, sort=NEWEST_FIRST)
        count = filterset.qs.count()
    except (PageError, InvalidInput) as error:
        messages.error(request, str(error))
        status = 400 if isinstance(error, InvalidInput) else 404
    return render(
        request,
        "dashboards/indicators.html",
        {
            "filter": filterset,
            "filter_inputs": render_filter_inputs(list(filterset.form)),
            "page": page,
            "count": count,
            "query": _query(request.GET),
            "can_export": user_can(request.user, Capability.EXPORT),
            "periods": _periods(request),
        },  # fmt: skip
        status=status,
    )


@require_POST
@partner_required
def indicator_export(request: PartnerRequest) -> HttpResponse:
    """Export Selected (value_ids) or by period, through the shared export jobs."""
    selected = request.POST.getlist("value_ids")
    try:
        export_request(
            user=request.user,
            kind=INDICATOR_VALUES,
            method="selected" if "selected" in request.POST else "period",
            file_format=request.POST.get("format", "xlsx"),
            period=request.POST.get("period"),
            detail_ids=selected,
        )
    except DomainError as error:
        flash_refusal(request, error)
        return redirect("indicators:list")
    messages.success(request, _("Records exported successfully. The file is in Export History."))
    return redirect("incentives:export_history")


@partner_required
def indicator_details(request: PartnerRequest, pk: int) -> HttpResponse:
    value = get_object_or_404(indicator_values_for(request.user).select_related("indicator"), pk=pk)
    search = (request.GET.get("q") or "").strip()[:40]
    customers = counts_customers(value)
    rows: QuerySet[Any] = (
        value_customers(value) if customers else value_lines(value).select_related("customer")
    )
    rows = account_manager_scoped(rows, request.user)  # the value is the partner's; the rows, the user's
    if search and not customers:
        number = whole_number(search.removeprefix("R"), minimum=1, maximum=2**62)
        rows = rows.filter(Q(order_id=search) | Q(pk=number)) if number else rows.filter(order_id=search)
    try:
        page = keyset_page(rows, cursor_from(request.GET), PAGE_SIZE)
    except PageError as error:
        messages.error(request, str(error))
        page = None
    return render(
        request,
        "dashboards/indicator.html",
        {
            "value": value,
            "page": page,
            "customers": customers,
            "search": search,
            "query": _query(request.GET),
            "form": FeedbackForm(),
            "thread": value.feedback_messages.order_by("created_at", "id"),
            "can_feedback": user_can(request.user, Capability.WRITE_FEEDBACK),
        },  # fmt: skip
    )


@require_POST
@partner_required
def indicator_feedback(request: PartnerRequest, pk: int) -> HttpResponse:
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter your feedback."))
        return redirect("indicators:details", pk=pk)
    try:
        done = indicator_feedback_write(user=request.user, value_id=pk, text=form.cleaned_data["text"])
    except DomainError as error:
        if isinstance(error, NotFound):
            raise
        flash_refusal(request, error)
        return redirect("indicators:details", pk=pk)
    messages.success(request, _("Feedback sent.") if done.changed else _("This feedback was already sent."))
    return redirect("indicators:details", pk=pk)
