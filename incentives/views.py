"""Partner pages of Incentive Management. Thin: reads from selectors, writes via services."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from customers.models import AssociationType
from customers.selectors import membership_of, require_membership

from .models import StatementStatus
from .money import ROUNDING_RULE
from .selectors import (
    incentive_calculation,
    incentives_for,
    open_feedback_count,
    statements_for,
)
from .services import IncentiveError, statement_confirm
from .summary import summary_query
from .templatetags.details import money
from .templatetags.portal import progress

SUMMARY_PAGE_SIZE = 25
URL_MARKER = "__incentive_id__"  # reverse() once, then put each row's ID in its place


def _membership(request):
    return require_membership(request.user)


def _require_confirm_role(membership):
    if not membership.can_confirm:
        raise PermissionDenied(
            _("Your role (%(role)s) may not confirm bills; ask your partner's admin or finance user.")
            % {"role": membership.get_role_display()}
        )


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


@login_required
def home(request):
    """Incentive Management overview: the partner's bills, one per reconciliation period."""
    if membership_of(request.user) is None:
        return render(request, "incentives/no_partner.html", status=403)
    statements = statements_for(request.user).select_related("period").order_by("-period__code")
    return render(request, "incentives/home.html", {"statements": statements})


def _summary_context(request, query: QueryDict):
    """Everything the Summary's results show for this query (filters + page)."""
    filterset, rows = summary_query(request, query)
    page = Paginator(rows, SUMMARY_PAGE_SIZE).get_page(query.get("page"))
    if query.get("page") and str(page.number) != query.get("page"):
        messages.warning(
            request,
            _("There is no page %(page)s; showing page %(shown)s.")
            % {"page": query.get("page")[:10], "shown": page.number},
        )
    filters_only = query.copy()
    filters_only.pop("page", None)
    can_confirm = _membership(request).can_confirm
    return {
        "filterset": filterset,
        "page": page,
        "rows": _summary_table(page.object_list, can_confirm=can_confirm, back=filters_only.urlencode()),
        "totals": rows.totals(),
        "filter_query": filters_only.urlencode(),
        "can_confirm": can_confirm,
        "pending": StatementStatus.PENDING,
    }


def _summary_table(incentives, *, can_confirm, back):
    """What each Summary row shows, as plain strings.

    reverse() and date formatting cost ~20 µs each, so they run once per page or per bill
    (a page holds one or two), not once per row.
    """
    incentive_url = reverse("incentives:incentive", args=[URL_MARKER])
    association_types = dict(AssociationType.choices)
    bills, rows = {}, []
    for incentive in incentives:
        bill = incentive["bill"]
        if bill.pk not in bills:
            confirmable = can_confirm and bill.status == StatementStatus.PENDING
            bills[bill.pk] = {
                "period": bill.period,
                "currency": bill.currency,
                "progress": progress(bill),
                "deadline": date_format(localtime(bill.confirmation_deadline), "Y-m-d H:i"),
                "confirm_url": reverse("incentives:confirm_bill", args=[bill.pk]) if confirmable else "",
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
    return rows


@login_required
def summary(request):
    """Confirm Incentives > Summary: the partner's incentives, filtered, with Confirm Bill."""
    _membership(request)
    context = _summary_context(request, request.GET)
    template = "incentives/_summary_results.html" if _is_htmx(request) else "incentives/summary.html"
    return render(request, template, context)


def _return_query(request) -> QueryDict:
    """The Summary filters to return to; only ever used as filter values, never as a URL."""
    return QueryDict((request.POST.get("next") or request.GET.get("next") or "")[:1000])


@login_required
@require_http_methods(["GET", "POST"])
def confirm_bill(request, pk):
    """Confirm Bill: GET shows the dialog (htmx) or a page (no JavaScript); POST confirms."""
    membership = _membership(request)
    statement = get_object_or_404(statements_for(request.user).select_related("period"), pk=pk)
    _require_confirm_role(membership)
    back = _return_query(request)
    if request.method == "POST":
        try:
            result = statement_confirm(statement_id=statement.pk, actor=request.user)
        except IncentiveError as error:
            messages.error(request, str(error))
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
            if value and name not in ("status", "page"):
                back[name] = value
        back["period"] = statement.period.code
        summary_url = f"{reverse('incentives:summary')}?{back.urlencode()}"
        if not _is_htmx(request):
            return redirect(summary_url)
        response = render(request, "incentives/_summary_results.html", _summary_context(request, back))
        response["HX-Push-Url"] = summary_url
        return response

    incentives = list(statement.incentives.select_related("program").order_by("incentive_id"))
    chosen = next(
        (i for i in incentives if i.incentive_id == request.GET.get("incentive")),
        incentives[0] if incentives else None,
    )
    context = {
        "statement": statement,
        "incentives": incentives,
        "chosen": chosen,
        "open_feedback": open_feedback_count(statement),
        "next": back.urlencode(),
        "pending": StatementStatus.PENDING,
    }
    template = "incentives/_confirm_dialog.html" if _is_htmx(request) else "incentives/confirm.html"
    return render(request, template, context)


@login_required
def incentive_detail(request, incentive_id):
    """The incentive page: status and timeline, policy, and the calculation of its amount."""
    membership = _membership(request)
    incentive = get_object_or_404(
        incentives_for(request.user).select_related("statement__period", "program"), incentive_id=incentive_id
    )
    calculation = incentive_calculation(incentive)
    lines_total = incentive.lines.aggregate(revenue=Sum("revenue"), amount=Sum("amount"), lines=Count("pk"))
    return render(
        request,
        "incentives/incentive_detail.html",
        {
            "incentive": incentive,
            "statement": incentive.statement,
            "events": incentive.statement.events.order_by("created_at", "id"),
            "calculation": calculation,
            "lines_total": lines_total,
            "rounding_rule": ROUNDING_RULE,
            "can_confirm": membership.can_confirm,
            "pending": StatementStatus.PENDING,
        },
    )
