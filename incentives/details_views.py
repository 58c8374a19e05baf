"""Confirm Incentives > Details: the list of detail lines, a line's details, its feedback.

Thin views: reads through the selectors and the shared DetailLineFilter, writes through
incentives/feedback.py. The feedback dialog is htmx; without JavaScript the same URLs work
as plain pages and form posts.
"""

from dataclasses import dataclass
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
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
from .models import DetailLine, StatementStatus
from .money import ROUNDING_RULE
from .paging import PageError, cursor_from, keyset_page
from .selectors import detail_lines_for, details_bills_for, incentives_for, line_totals_for
from .services import IncentiveError

PAGE_SIZE = 20
LINE_RELATED = ("incentive__statement__period", "program", "customer", "tier2_reseller")
LIST_RELATED = ("incentive__statement", "customer", "tier2_reseller")
TEXT_FILTERS = ("customer_name", "customer_account", "order_id", "incentive_id", "reseller")
TEXT_FILTERS += ("account_manager",)


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_lazy("Feedback"),
        strip=False,  # clean_feedback_text checks control characters before trimming
        error_messages={"required": _lazy("Write the feedback text; it cannot be empty.")},
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": FEEDBACK_MAX_LENGTH}),
        help_text=_lazy("At most %(limit)d characters.") % {"limit": FEEDBACK_MAX_LENGTH},
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
    bills = list(details_bills_for(request.user))
    context = {
        "filter": filterset,
        "bills": bills,
        "may_write": may_write_feedback(request.user),
        "text_filters": [
            (name, filterset.filters[name].label, filterset.data.get(name, "")) for name in TEXT_FILTERS
        ],
        "list_url": request.get_full_path(),
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
    period = filterset.selected_period
    context.update(_choices(request.user, period))
    context["bill"] = next((bill for bill in bills if bill.period_id == getattr(period, "pk", None)), None)
    context["query"] = _query_without_cursor(filterset.data)
    try:
        context["page"] = keyset_page(filterset.qs, cursor, PAGE_SIZE)
    except PageError as error:
        context["problems"] = [str(error)]
        return render(request, "incentives/details/list.html", context, status=404)
    context["totals"] = filterset.totals()
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
            line = detail_lines_for(request.user).select_related(*LIST_RELATED).get(pk=line.pk)
            saved = {"line": line, "may_write": True, "list_url": context["next"]}
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


def _problem(filterset, name, error):
    field = filterset.form.fields.get(name)
    return f"{field.label}: {error}" if field else error


def _choices(user, period):
    """The period's programs and product types, for the filter form's drop-downs."""
    if period is None:
        return {"programs": [], "product_types": []}
    incentives = incentives_for(user).filter(statement__period=period).select_related("program")
    product_types = (
        line_totals_for(user)
        .filter(period=period)
        .order_by("product_type")
        .values_list("product_type", flat=True)
    )
    return {
        "programs": [incentive.program for incentive in incentives.order_by("program__code")],
        "product_types": list(product_types.distinct()),
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
