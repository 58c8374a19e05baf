"""Confirm Incentives > Details: the list of detail lines, a line's details, its feedback.

Thin views: reads through the selectors and the shared DetailLineFilter, writes through
incentives/feedback.py. The feedback dialog is htmx; without JavaScript the same URLs work
as plain pages and form posts.
"""

from dataclasses import dataclass
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from customers.selectors import membership_of

from .details_filters import DetailLineFilter
from .feedback import (
    FEEDBACK_MAX_LENGTH,
    VIEWER_REFUSAL,
    clean_feedback_text,
    feedback_add,
    issued_refusal,
    may_write_feedback,
)
from .models import DetailLine, ExportFormat, FeedbackStatus, ProgramRate, StatementStatus
from .money import ROUNDING_RULE
from .paging import PageError, cursor_from, keyset_page
from .selectors import detail_lines_for
from .services import IncentiveError
from .templatetags.details import money, rate_percent

PAGE_SIZE = 20
LINE_RELATED = ("incentive__statement__period", "program", "customer", "tier2_reseller")
LIST_RELATED = ("incentive", "customer", "tier2_reseller")  # the bill is the page's, one for all rows
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
        label=_lazy("Feedback"),
        strip=False,  # clean_feedback_text checks control characters before trimming
        error_messages={"required": _lazy("Write the feedback text; it cannot be empty.")},
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": FEEDBACK_MAX_LENGTH}),
        help_text=format_lazy(_lazy("At most {limit} characters."), limit=FEEDBACK_MAX_LENGTH),
    )

    def clean_text(self):
        return clean_feedback_text(self.cleaned_data["text"])


@dataclass(frozen=True)
class _Refusal:
    message: str
    status: int


def _partner_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if membership_of(request.user) is None:
            return render(request, "incentives/no_partner.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


@_partner_required
def details(request):
    """Pick a period, filter, page; count and total cover every matching line."""
    lines = detail_lines_for(request.user).select_related(*LIST_RELATED)
    filterset = DetailLineFilter(request.GET, queryset=lines, request=request)
    context = {
        "filter": filterset,
        "bills": filterset.bills,
        "text_filters": [
            (name, filterset.filters[name].label, filterset.data.get(name, "")) for name in TEXT_FILTERS
        ],
    }
    problems = [
        _problem(filterset, name, error) for name, errors in filterset.errors.items() for error in errors
    ]
    try:
        cursor = cursor_from(request.GET)
    except PageError as error:
        problems.append(str(error))
    if problems:
        context["problems"] = problems
        return render(request, "incentives/details/list.html", context, status=400)
    context["bill"] = filterset.selected_bill
    context.update(_choices(context["bill"]))
    context["query"] = _query_without_cursor(filterset.data)
    context.update(_rows_context(request.user, context["bill"], request.get_full_path()))
    try:
        context["page"] = keyset_page(filterset.qs, cursor, PAGE_SIZE)
    except PageError as error:
        context["problems"] = [str(error)]
        return render(request, "incentives/details/list.html", context, status=404)
    context["rows"] = _display_rows(context["page"].rows, context["lines_url"])
    context["totals"] = filterset.totals()
    context["export_limit"] = settings.EXPORT_SELECTED_LIMIT
    context["export_formats"] = ExportFormat.choices
    return render(request, "incentives/details/list.html", context)


@_partner_required
def detail_line(request, pk):
    """Every field of one line, its calculation, program policy, bill status and feedback."""
    line = get_object_or_404(detail_lines_for(request.user).select_related(*LINE_RELATED), pk=pk)
    context = {
        "line": line,
        "bill": line.incentive.statement,
        "exact_amount": line.revenue * line.rate,
        "rounding_rule": ROUNDING_RULE,
        "thread": line.feedback_messages.order_by("created_at", "id"),
        "may_write": may_write_feedback(request.user),
        "form": FeedbackForm(),
        "next": request.get_full_path(),
    }
    return render(request, "incentives/details/line.html", context)


@require_http_methods(["GET", "POST"])
@_partner_required
def detail_feedback(request, pk):
    """GET: the feedback form (a dialog under htmx). POST: save it, then show it on the line."""
    line = get_object_or_404(detail_lines_for(request.user).select_related(*LINE_RELATED), pk=pk)
    htmx = request.headers.get("HX-Request") == "true"
    context = {"line": line, "next": _safe_next(request), "htmx": htmx}
    template = "incentives/details/_feedback_dialog.html" if htmx else "incentives/details/feedback.html"
    problem = _feedback_refusal(request.user, line)
    if problem:
        context["problem"] = problem
        return render(request, template, context, status=problem.status)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if request.method != "POST":
        return render(request, template, context)
    if form.is_valid():
        try:
            line = feedback_add(line_id=line.pk, actor=request.user, text=form.cleaned_data["text"])
        except (IncentiveError, PermissionDenied) as error:
            context["problem"] = _Refusal(str(error), 403 if isinstance(error, PermissionDenied) else 409)
            return render(request, template, context, status=context["problem"].status)
        except DetailLine.DoesNotExist:
            raise Http404 from None
        if htmx:
            line = detail_lines_for(request.user).select_related(*LINE_RELATED).get(pk=line.pk)
            saved = _rows_context(request.user, line.incentive.statement, context["next"])
            saved["rows"] = _display_rows([line], saved["lines_url"])
            return render(request, "incentives/details/_feedback_saved.html", saved)
        messages.success(request, _("Feedback saved. Operations will answer it here."))
        return redirect(context["next"] or reverse("incentives:detail_line", args=[line.pk]))
    return render(request, template, context, status=422)


def _feedback_refusal(user, line):
    if not may_write_feedback(user):
        return _Refusal(str(VIEWER_REFUSAL), 403)
    if line.incentive.statement.status == StatementStatus.ISSUED:
        return _Refusal(issued_refusal(line.incentive.statement), 409)
    return None


def _rows_context(user, bill, list_url):
    """What every row of a page shares: its bill, where links go, whether Feedback is open."""
    closed = ""
    if not may_write_feedback(user):
        closed = _("Viewers cannot write feedback.")
    elif bill is not None and bill.status == StatementStatus.ISSUED:
        closed = _("The bill is issued; its lines no longer take feedback.")
    membership = membership_of(user)
    return {
        "bill": bill,
        "lines_url": reverse("incentives:details"),
        "next_query": urlencode({"next": list_url}),
        "feedback_closed": closed,
        "can_export": membership is not None and membership.can_confirm,
    }


def _display_rows(lines, lines_url):
    """What each row of the Details list shows, as plain strings.

    The template then reads dictionaries instead of walking model relations, filters and
    translations per cell: a page of rows renders in a fraction of the time.
    """
    feedback_labels = dict(FeedbackStatus.choices)
    return [
        {
            "pk": line.pk,
            "url": f"{lines_url}{line.pk}/",
            "incentive_id": line.incentive.incentive_id,
            "order_id": line.order_id,
            "customer_name": line.customer.name,
            "customer_account": line.customer.account,
            "product_type": line.product_type,
            "reseller": line.tier2_reseller.name if line.tier2_reseller else "—",
            "account_manager": line.account_manager or "—",
            "revenue": money(line.revenue),
            "rate": rate_percent(line.rate),
            "amount": money(line.amount),
            "feedback_status": line.feedback_status,
            "feedback_status_label": feedback_labels[line.feedback_status],
            "feedback": line.feedback,
            "feedback_short": Truncator(line.feedback).chars(40),
            "feedback_reply": line.feedback_reply,
            "feedback_reply_short": Truncator(line.feedback_reply).chars(60),
        }
        for line in lines
    ]


def _problem(filterset, name, error):
    field = filterset.form.fields.get(name)
    return f"{field.label}: {error}" if field else error


def _choices(bill):
    """The bill's programs and their product types, for the filter form's drop-downs."""
    if bill is None:
        return {"programs": [], "product_types": []}
    rates = ProgramRate.objects.filter(program__incentives__statement=bill).select_related("program")
    rates = list(rates.order_by("program__code", "product_type"))
    programs = {rate.program.code: rate.program for rate in rates}
    return {
        "programs": list(programs.values()),
        "product_types": sorted({rate.product_type for rate in rates}),
    }


def _query_without_cursor(params):
    query = params.copy()
    for name in ("after", "before", "last"):
        query.pop(name, None)
    return query.urlencode()


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if allowed else ""
