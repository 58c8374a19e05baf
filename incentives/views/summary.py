"""Incentive Management overview and Confirm Incentives > Summary: the bills, their
incentives, Confirm Bill and the incentive page. Thin: selectors read, services write."""

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from customers.capabilities import Capability, require_capability, user_can
from customers.decorators import PartnerRequest, partner_required
from customers.models import AssociationType
from invoices.selectors.payments import payouts_by_incentive_id, request_events
from partner_center.errors import DomainError, InvalidInput, NotFound
from partner_center.formatting import local_time, money
from partner_center.http_errors import flash_refusal
from partner_center.paging import PageError, page_number_from, past_the_end
from partner_center.tables import ordering_from, page_size_form, page_size_from, table_view

from ..models import Incentive
from ..money import ROUNDING_RULE
from ..policies import bill_is_confirmable, bill_is_issued
from ..selectors.overview import overview_for
from ..selectors.own_figures import figures_are_own, with_shown_amount, with_shown_total
from ..selectors.statements import (
    bill_events,
    bill_incentives,
    bill_return,
    bill_returns,
    incentive_calculation,
    incentive_lines_total,
    incentives_for,
    open_feedback_count,
    statements_for,
)
from ..selectors.summary import SummaryRow, summary_query
from ..services.statements import statement_confirm
from ..tables import SUMMARY_TABLE
from ..templatetags.portal import progress
from .summary_table import HTMX, period_header

SUMMARY_PAGE_SIZE = SUMMARY_TABLE.default_size
URL_MARKER = "__incentive_id__"  # reverse() once, then put each row's ID in its place


@partner_required
def home(request: PartnerRequest) -> HttpResponse:
    """Incentive Management overview: the partner's bills, one per reconciliation period."""
    bills = with_shown_total(statements_for(request.user), request.user)
    statements = list(bills.select_related("period").order_by("-period__code"))
    overview = overview_for(request.user, statements)
    returned = {bill.pk for bill, _event in overview.returned}
    return render(
        request,
        "incentives/home.html",
        {
            "statements": statements,
            "overview": overview,
            "returned": returned,
            "figures_own": figures_are_own(request.user),
        },
    )


def _summary_context(request: PartnerRequest, query: QueryDict) -> dict[str, Any]:
    """Everything the Summary's results show for this query (filters + page). A malformed page
    number raises InvalidInput (400), a page past the end NotFound (404), as on Details."""
    try:
        number = page_number_from(query)
        size = page_size_from(query, SUMMARY_TABLE)
        ordering = ordering_from(query, SUMMARY_TABLE)
    except PageError as error:
        raise InvalidInput(str(error)) from None
    filterset, rows = summary_query(request.user, query, oldest_first=ordering == "period")
    # Paginator only takes len() and slices of its list; the stubs' protocol also wants int indexes.
    paginator: Paginator[SummaryRow] = Paginator(rows, size)  # type: ignore[arg-type]
    if number > paginator.num_pages:
        raise NotFound(str(past_the_end(number, paginator.num_pages)))
    page = paginator.page(number)
    filters_only = query.copy()
    filters_only.pop("page", None)
    can_confirm = user_can(request.user, Capability.CONFIRM_BILL)
    return {
        "filterset": filterset,
        "page": page,
        "rows": _summary_table(page.object_list, can_confirm=can_confirm, back=filters_only.urlencode()),
        "totals": rows.totals(),
        "filter_query": filters_only.urlencode(),
        "can_confirm": can_confirm,
        "figures_own": figures_are_own(request.user),
        **_table_context(request, query, ordering, size),
    }


def _table_context(request: PartnerRequest, query: QueryDict, ordering: str, size: int) -> dict[str, Any]:
    """The column chooser's classes, the sortable period header and Rows per page."""
    table = table_view(request.COOKIES, SUMMARY_TABLE)
    action = reverse("incentives:summary")
    return {
        "table": table,
        "c": table.cells,
        "period_header": period_header(query, ordering),
        "page_size_form": page_size_form(query, SUMMARY_TABLE, size, attrs=HTMX.replace("{href}", action)),
        "ordering": ordering,
        "page_size": query.get("page_size", ""),
    }


def _summary_table(incentives: Iterable[SummaryRow], *, can_confirm: bool, back: str) -> list[dict[str, Any]]:
    """What each Summary row shows, as plain strings.

    reverse() and date formatting cost ~20 µs each, so they run once per page or per bill
    (a page holds one or two), not once per row.
    """
    incentive_url = reverse("incentives:incentive", args=[URL_MARKER])
    association_types = dict(AssociationType.choices)
    bills: dict[int, dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []
    incentives = list(incentives)
    returns = bill_returns({row["bill"].pk: row["bill"] for row in incentives}.values())
    for incentive in incentives:
        bill = incentive["bill"]
        if bill.pk not in bills:
            confirmable = can_confirm and bill_is_confirmable(bill)
            bills[bill.pk] = {
                "period": bill.period,
                "currency": bill.currency,
                "progress": progress(bill),
                "deadline": local_time(bill.confirmation_deadline, zone=False),  # the zone is in the header
                "confirm_url": reverse("incentives:confirm_bill", args=[bill.pk]) if confirmable else "",
                "returned": bill.pk in returns,
            }
        shown = bills[bill.pk]
        incentive_id = incentive["incentive_id"]
        confirm_url = shown["confirm_url"]
        if confirm_url:
            confirm_url += "?" + urlencode({"incentive": incentive_id, "next": back})
        rows.append(
            shown
            | {
                "incentive_id": incentive_id,
                "url": incentive_url.replace(URL_MARKER, quote(incentive_id, safe="")),
                "name": incentive["program_name"],
                "association_type": association_types[incentive["association_type"]],
                "amount": money(incentive["amount"]),
                "confirm_url": confirm_url,
            }
        )
    _add_payouts(rows, incentives)
    return rows


def _add_payouts(rows: list[dict[str, Any]], incentives: list[SummaryRow]) -> None:
    """The payout status beside the bill status, for incentives of bills issued successfully
    (one query, and none when the page has no issued bill)."""
    issued = [row["incentive_id"] for row in incentives if bill_is_issued(row["bill"])]
    payouts = payouts_by_incentive_id(issued)
    for row in rows:
        row["payout"] = payouts.get(row["incentive_id"])


@partner_required
def summary(request: PartnerRequest) -> HttpResponse:
    """Confirm Incentives > Summary: the partner's incentives, filtered, with Confirm Bill."""
    try:
        context = _summary_context(request, request.GET)
    except (InvalidInput, NotFound) as error:
        if request.htmx:
            raise  # the error fragment: portal.js shows its message, the page stays as it was
        # the page with its filters and the message (no rows), like Details' 400 / 404
        messages.error(request, error.message)
        return render(request, "incentives/summary.html", _refused_context(request), status=error.http_status)
    template = "incentives/_summary_results.html" if request.htmx else "incentives/summary.html"
    return render(request, template, context)


def _refused_context(request: PartnerRequest) -> dict[str, Any]:
    """The Summary's filters (as asked) and totals around no rows, for a page that cannot be shown."""
    filterset, rows = summary_query(request.user, request.GET)
    filters_only = request.GET.copy()
    filters_only.pop("page", None)
    for name in ("ordering", "page_size"):  # perhaps what was refused: show the defaults
        filters_only.pop(name, None)
    return {
        "filterset": filterset,
        "page": None,
        "rows": [],
        "totals": rows.totals(),
        "filter_query": filters_only.urlencode(),
        "can_confirm": user_can(request.user, Capability.CONFIRM_BILL),
        "figures_own": figures_are_own(request.user),
        **_table_context(request, filters_only, "", SUMMARY_TABLE.default_size),
    }


def _return_query(request: PartnerRequest) -> QueryDict:
    """The Summary filters to return to; only ever used as filter values, never as a URL."""
    return QueryDict((request.POST.get("next") or request.GET.get("next") or "")[:1000])


@require_http_methods(["GET", "POST"])
@partner_required
def confirm_bill(request: PartnerRequest, pk: int) -> HttpResponse:
    """Confirm Bill: GET shows the dialog (htmx) or a page (no JavaScript); POST confirms."""
    statement = get_object_or_404(statements_for(request.user).select_related("period"), pk=pk)
    require_capability(request.user, Capability.CONFIRM_BILL)
    back = _return_query(request)
    if request.method == "POST":
        try:
            result = statement_confirm(statement_id=statement.pk, actor=request.user)
        except DomainError as error:
            flash_refusal(request, error)
        else:
            if result.changed:
                messages.success(
                    request,
                    _(
                        "Incentive reconciliation succeeded: the %(period)s bill is confirmed and is now "
                        "Issuing, awaiting review by operations."
                    )
                    % {"period": statement.period.code},
                )
            else:
                messages.info(
                    request,
                    _("The %(period)s bill was already confirmed; nothing changed.")
                    % {"period": statement.period.code},
                )
        # Show the bill's period (whatever its status now) so the partner sees the new status.
        back = QueryDict(mutable=True)
        for name, value in _return_query(request).items():
            if isinstance(value, str) and value and name not in ("status", "page"):  # not [] (no value)
                back[name] = value
        back["period"] = statement.period.code
        summary_url = f"{reverse('incentives:summary')}?{back.urlencode()}"
        if not request.htmx:
            return redirect(summary_url)
        response = render(request, "incentives/_summary_results.html", _summary_context(request, back))
        response["HX-Push-Url"] = summary_url
        return response

    incentives = bill_incentives(statement)
    chosen = next(
        (i for i in incentives if i.incentive_id == request.GET.get("incentive")),
        incentives[0] if incentives else None,
    )
    context: dict[str, Any] = {
        "statement": statement,
        "incentives": incentives,
        "chosen": chosen,
        "open_feedback": open_feedback_count(statement),
        "returned": bill_return(statement),
        "next": back.urlencode(),
    }
    template = "incentives/_confirm_dialog.html" if request.htmx else "incentives/confirm.html"
    return render(request, template, context)


@partner_required
def incentive_detail(request: PartnerRequest, incentive_id: str) -> HttpResponse:
    """The incentive page: status and timeline, policy, and the calculation of its amount."""
    incentives = with_shown_amount(incentives_for(request.user), request.user)
    incentive = get_object_or_404(
        incentives.select_related("statement__period", "program"), incentive_id=incentive_id
    )
    calculation = incentive_calculation(incentive, request.user)
    lines_total = incentive_lines_total(incentive, calculation)
    return render(
        request,
        "incentives/incentive_detail.html",
        {
            "incentive": incentive,
            "statement": incentive.statement,
            "events": bill_events(incentive.statement),
            "returned": bill_return(incentive.statement),
            "calculation": calculation,
            "lines_total": lines_total,
            "rounding_rule": ROUNDING_RULE,
            "figures_own": figures_are_own(request.user),
            **_payout_context(incentive),
        },
    )


def _payout_context(incentive: Incentive) -> dict[str, Any]:
    """The payout of an issued incentive and its payment request's timeline (the bill's continues)."""
    if not bill_is_issued(incentive.statement):
        return {}
    payout = payouts_by_incentive_id([incentive.incentive_id])[incentive.incentive_id]
    events = request_events(payout.request) if payout.request else []
    return {"payout": payout, "payment_events": events}
