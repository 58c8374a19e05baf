"""Confirm Incentives > Details: the list of detail lines, a line's details, its feedback.

Thin views: reads through the selectors and the shared DetailLineFilter, writes through
incentives/feedback.py. The feedback dialog is htmx; without JavaScript the same URLs work
as plain pages and form posts.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from customers.capabilities import CAPABILITIES, Capability, user_can
from customers.decorators import PartnerRequest, partner_required
from customers.selectors import PortalUser
from partner_center.errors import Conflict, DomainError, Forbidden, InvalidInput
from partner_center.paging import PageError, cursor_from, keyset_page
from partner_center.tables import ordering_from, page_size_from, table_view

from ..filters.details import DetailLineFilter
from ..models import ExportFormat, Statement
from ..money import ROUNDING_RULE
from ..policies import feedback_closed_reason, line_takes_feedback
from ..selectors.details import detail_lines_for, line_thread
from ..selectors.own_figures import figures_are_own
from ..services.feedback import FEEDBACK_MAX_LENGTH, clean_feedback_text, feedback_add
from ..tables import DETAILS_SORTS, DETAILS_TABLE
from .details_form import filter_grid
from .details_rows import ListedLine, as_listed, listed, render_rows
from .details_table import page_number, pager, table_head

LINE_RELATED = ("incentive__statement__period", "program", "customer", "tier2_reseller")
TEXT_FILTERS = (
    "customer_name",
    "customer_account",
    "order_id",
    "incentive_id",
    "reseller",
    "account_manager",
)


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Feedback"),
        strip=False,  # clean_feedback_text checks control characters before trimming
        error_messages={"required": gettext_lazy("Write the feedback text; it cannot be empty.")},
        widget=forms.Textarea(
            attrs={"rows": 5, "maxlength": FEEDBACK_MAX_LENGTH, "data-counter": "feedback-counter"}
        ),
        help_text=format_lazy(gettext_lazy("At most {limit} characters."), limit=FEEDBACK_MAX_LENGTH),
    )

    def clean_text(self):
        try:
            return clean_feedback_text(self.cleaned_data["text"])
        except InvalidInput as error:
            raise error.as_validation_error() from None


@partner_required
def details(request: PartnerRequest) -> HttpResponse:
    """Pick a period, filter, page; count and total cover every matching line."""
    lines = detail_lines_for(request.user)
    filterset = DetailLineFilter(request.GET, queryset=lines, request=request)
    context: dict[str, Any] = {"filter": filterset, "bills": filterset.bills}
    problems = [
        _problem(filterset, name, error) for name, errors in filterset.errors.items() for error in errors
    ]
    try:
        cursor = cursor_from(request.GET)
        size = page_size_from(request.GET, DETAILS_TABLE)
        ordering = ordering_from(request.GET, DETAILS_TABLE)
    except PageError as error:
        problems.append(str(error))
    if problems:
        context["problems"] = problems
        context["filter_grid"] = _filter_grid(filterset, [], [])
        return render(request, "incentives/details/list.html", context, status=400)
    context["bill"] = filterset.selected_bill
    context["programs"], context["product_types"] = filterset.facets.programs, filterset.facets.product_types
    context["filter_grid"] = _filter_grid(filterset, context["programs"], context["product_types"])
    context["query"] = _query_without_cursor(filterset.data)
    context.update(_rows_context(request, context["bill"], request.get_full_path()))
    try:
        page = keyset_page(
            listed(filterset.qs), cursor, size, row=ListedLine._make, sort=DETAILS_SORTS[ordering]
        )
    except PageError as error:
        context["problems"] = [str(error)]
        return render(request, "incentives/details/list.html", context, status=404)
    context["page"] = page
    context["rows_html"] = render_rows(page.rows, context)
    context["totals"] = filterset.totals()
    table = context["table"]
    context["table_head"] = table_head(table, filterset.data, ordering, can_export=context["can_export"])
    where = page_number(page, request.GET.get("n"), context["totals"].count, size)
    context["pager"] = pager(page, filterset.data, where, size)
    context["export_limit"] = settings.EXPORT_SELECTED_LIMIT
    context["export_formats"] = ExportFormat.choices
    return render(request, "incentives/details/list.html", context)


@partner_required
def detail_line(request: PartnerRequest, pk: int) -> HttpResponse:
    """Every field of one line, its calculation, program policy, bill status and feedback."""
    line = get_object_or_404(detail_lines_for(request.user).select_related(*LINE_RELATED), pk=pk)
    context = {
        "line": line,
        "bill": line.incentive.statement,
        "exact_amount": line.revenue * line.rate,
        "rounding_rule": ROUNDING_RULE,
        "thread": line_thread(line),
        "may_write": user_can(request.user, Capability.WRITE_FEEDBACK),
        "form": FeedbackForm(),
        "next": request.get_full_path(),
    }
    return render(request, "incentives/details/line.html", context)


@require_http_methods(["GET", "POST"])
@partner_required
def detail_feedback(request: PartnerRequest, pk: int) -> HttpResponse:
    """GET: the feedback form (a dialog under htmx). POST: save it, then show it on the line."""
    line = get_object_or_404(detail_lines_for(request.user).select_related(*LINE_RELATED), pk=pk)
    htmx = bool(request.htmx)
    context: dict[str, Any] = {
        "line": line,
        "next": _safe_next(request),
        "htmx": htmx,
        "thread": line_thread(line),
    }
    template = "incentives/details/_feedback_dialog.html" if htmx else "incentives/details/feedback.html"
    refusal = _feedback_refusal(request.user, line.incentive.statement)
    if refusal:
        context["problem"] = refusal
        return render(request, template, context, status=refusal.http_status)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if request.method != "POST":
        return render(request, template, context)
    if form.is_valid():
        try:
            line = feedback_add(line_id=line.pk, actor=request.user, text=form.cleaned_data["text"])
        except DomainError as error:  # NotFound (a line gone meanwhile) is the middleware's 404
            if error.http_status == 404:
                raise
            context["problem"] = error
            return render(request, template, context, status=error.http_status)
        if htmx:
            saved = _rows_context(request, context["line"].incentive.statement, context["next"])
            rows = as_listed(list(listed(detail_lines_for(request.user).filter(pk=line.pk))))
            saved["rows_html"] = render_rows(rows, saved, oob=True)
            return render(request, "incentives/details/_feedback_saved.html", saved)
        messages.success(request, _("Feedback saved. Operations will answer it here."))
        return redirect(context["next"] or reverse("incentives:detail_line", args=[line.pk]))
    return render(request, template, context, status=422)


def _feedback_refusal(user: PortalUser, bill: Statement) -> DomainError | None:
    """Why the user may not write feedback on this bill's lines, or None. The service checks
    the same rules; asking first lets the page say so before the partner types anything."""
    if not user_can(user, Capability.WRITE_FEEDBACK):
        return Forbidden(CAPABILITIES[Capability.WRITE_FEEDBACK].refusal)
    if not line_takes_feedback(bill):
        return Conflict(feedback_closed_reason(bill))
    return None


def _rows_context(request: PartnerRequest, bill: Statement | None, list_url: str) -> dict[str, Any]:
    """What every row of a page shares: its bill, where links go, whether Feedback is open,
    the columns shown (the column chooser's cookie)."""
    user = request.user
    table = table_view(request.COOKIES, DETAILS_TABLE)
    closed = ""
    if not user_can(user, Capability.WRITE_FEEDBACK):
        closed = _("Viewers cannot write feedback.")
    elif bill is not None and not line_takes_feedback(bill):
        closed = _("The bill is issued; its lines no longer take feedback.")
    return {
        "bill": bill,
        "lines_url": reverse("incentives:details"),
        "next_query": urlencode({"next": list_url}),
        "feedback_closed": closed,
        "can_export": user_can(user, Capability.EXPORT),
        "figures_own": figures_are_own(user),
        "table": table,
        "cells": table.cells,
    }


def _filter_grid(filterset: DetailLineFilter, programs: list, product_types: list[str]) -> SafeString:
    data = filterset.data
    text_filters = [(name, filterset.filters[name].label, data.get(name, "")) for name in TEXT_FILTERS]
    choices = filterset.filters["feedback"].extra["choices"]
    return filter_grid(data, filterset.bills, choices, programs, product_types, text_filters)


def _problem(filterset: DetailLineFilter, name: str, error: str) -> str:
    field = filterset.form.fields.get(name)
    return f"{field.label}: {error}" if field else error


def _query_without_cursor(params: QueryDict) -> str:
    query = params.copy()
    for name in ("after", "before", "last", "n"):
        query.pop(name, None)
    return query.urlencode()


def _safe_next(request: PartnerRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if allowed else ""
