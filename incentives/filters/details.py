"""The one FilterSet of Confirm Incentives > Details, shared by the page and the REST API.

Every filter is written with the field names DetailLine and LineTotal share, so the same
FilterSet selects the page of lines (DetailLine) and sums the count and total of all
matching lines from the small LineTotal table, or from the bills' rollup rows when the
filters ask only about attributes those keep too (`totals()`). Text filters match
case-insensitively; IDs match exactly or by prefix (also case-insensitively). Attributes
of the small tables (customers, resellers, incentives, account managers, product types) are
resolved to keys first, so the big table is only ever filtered on indexed columns.
"""

import copy
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, cast

import django_filters
from django import forms
from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from customers.models import Partner, PartnerKind
from customers.selectors import PortalUser, customers_for
from dashboards.selectors.incentive_dashboard import rollups_for

from ..models import DetailLine, FeedbackStatus
from ..money import CENT
from ..selectors.details import bill_facets, default_bill, details_bills_for, line_totals_for
from ..selectors.statements import incentives_for
from .details_fields import PeriodField, PeriodFilter, ProgramField, ProgramFilter, SharedFields

FEEDBACK_CHOICES = [
    ("with", _("With feedback")),
    ("without", _("Without feedback")),
    (FeedbackStatus.OPEN, _("Feedback open")),
    (FeedbackStatus.ANSWERED, _("Feedback answered")),
    (FeedbackStatus.RESOLVED, _("Feedback resolved")),
]
TEXT_MAX = 100
# the filters whose attributes the bills' rollup rows (dashboards' IncentiveRollup) keep too
ROLLUP_FILTERS = frozenset({"period", "program", "product_type", "account_manager"})
# Above this many matching keys the IN list becomes a subquery (still correct, less cheap).
MAX_LISTED_KEYS = 2000


@dataclass(frozen=True)
class Totals:
    count: int
    amount: Decimal


def _text(label, method, help_text):
    return django_filters.CharFilter(label=label, method=method, max_length=TEXT_MAX, help_text=help_text)


class DetailLineFilter(django_filters.FilterSet):
    period = PeriodFilter(
        label=_("Reconciliation period"),
        help_text=_("YYYY-MM; defaults to the latest period with a formal (not Estimated) bill."),
    )
    feedback = django_filters.ChoiceFilter(
        label=_("Feedback"), choices=FEEDBACK_CHOICES, method="filter_feedback", empty_label=_("Any")
    )
    program = ProgramFilter(label=_("Incentive program"), help_text=_("Program code, e.g. RSL."))
    customer_name = _text(_("Customer name"), "filter_customer_name", _("Part of the name, any case."))
    customer_account = _text(_("Customer account"), "filter_customer_account", _("Account or its start."))
    order_id = _text(_("Order ID"), "filter_order_id", _("Order ID or its start."))
    incentive_id = _text(_("Incentive ID"), "filter_incentive_id", _("Incentive ID or its start."))
    product_type = _text(_("Product type"), "filter_product_type", _("e.g. ECS, any case."))
    reseller = _text(_("Tier-2 reseller"), "filter_reseller", _("Part of the reseller's name, any case."))
    account_manager = _text(_("Account manager"), "filter_account_manager", _("Part of the name, any case."))

    class Meta:
        model = DetailLine
        fields: list[str] = []

    data: QueryDict  # FilterSet keeps `data or QueryDict()`: never None (its stub says it may be)

    def __init__(
        self,
        data: QueryDict | None = None,
        queryset: QuerySet[DetailLine] | None = None,
        *,
        request: HttpRequest | None = None,
        prefix: str | None = None,
    ) -> None:
        # the partner's bills, newest first: the periods to choose from (one query, reused)
        self.bills = list(details_bills_for(request.user)) if request is not None else []
        default = default_bill(self.bills)
        # no period, or only spaces (which the field strips to nothing): the default one
        if data is not None and not (data.get("period") or "").strip() and default is not None:
            data = data.copy()
            data["period"] = default.period.code
        self._init_without_deepcopy(data, queryset, request, prefix)
        self._keys: dict[str, Any] = {}
        # the facets of the bill the data asks for (the period field checks that it is one)
        code = (self.data.get("period") or "").strip()
        self.facets = bill_facets(next((bill for bill in self.bills if bill.period.code == code), None))

    _form_class: ClassVar[type[forms.Form] | None] = None

    def _init_without_deepcopy(self, data, queryset, request, prefix) -> None:
        """BaseFilterSet.__init__, with each filter copied shallowly instead of deep-copied: a
        filter holds no per-request state but its parent (and its method, bound to it)."""
        if queryset is None:
            queryset = DetailLine.objects.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset, self.request, self.form_prefix = queryset, request, prefix
        self.filters = OrderedDict()
        for name, shared in self.base_filters.items():
            spec = copy.copy(shared)
            if spec.method is not None:
                spec.method = spec.method  # re-binds its FilterMethod to this copy
            spec.model, spec.parent = queryset.model, self  # type: ignore[attr-defined]
            self.filters[name] = spec

    def get_form_class(self):
        """One form class for every request (django-filter builds one per FilterSet instance)."""
        cls = type(self)
        if cls.__dict__.get("_form_class") is None:
            form_class = super().get_form_class()
            form_class.base_fields = SharedFields(form_class.base_fields)
            cls._form_class = form_class
        return cls._form_class

    @property
    def form(self):
        form = super().form
        cast(PeriodField, form.fields["period"]).bills = self.bills  # PeriodFilter.field_class
        cast(ProgramField, form.fields["program"]).facets = self.facets  # ProgramFilter.field_class
        return form

    @property
    def selected_bill(self):
        return self.form.cleaned_data.get("period") if self.is_valid() else None

    @property
    def selected_period(self):
        bill = self.selected_bill
        return bill.period if bill else None

    def filter_queryset(self, queryset):
        if self.form.cleaned_data.get("period") is None:
            return queryset.none()  # a partner without any bill yet
        return super().filter_queryset(queryset)

    def totals(self) -> Totals:
        """Count and amount of ALL matching lines, exact to the cent, from the smallest table
        that has every attribute the filters ask about."""
        if not self.is_valid():
            return Totals(count=0, amount=Decimal("0.00"))
        asked = {name for name, value in self.form.cleaned_data.items() if value not in (None, "")}
        if "order_id" in asked:
            # order IDs are not in LineTotal; an order ID (prefix) selects few lines anyway
            sums = self.qs.aggregate(count=Count("id"), amount=Sum("amount"))
        else:
            # a bill's LineTotal rows are per customer, incentive, reseller and feedback status
            # too: thousands; its rollup rows are per program, product type and account manager
            rows = rollups_for(self._user) if asked <= ROLLUP_FILTERS else line_totals_for(self._user)
            totals = self.filter_queryset(rows)
            sums = totals.aggregate(count=Sum("line_count"), amount=Sum("amount"))
        # quantize: SQLite sums decimals as floats and returns them unrounded
        return Totals(count=sums["count"] or 0, amount=(sums["amount"] or Decimal(0)).quantize(CENT))

    @property
    def _user(self) -> PortalUser:
        """Whose partner's lines these are: the FilterSet is always built with the request."""
        assert self.request is not None, "DetailLineFilter filters per partner: pass the request"
        return self.request.user

    # --- filters (each works on DetailLine and LineTotal alike) -------------------------

    def filter_feedback(self, queryset, name, value):
        if value == "with":
            return queryset.exclude(feedback_status=FeedbackStatus.NONE)
        if value == "without":
            return queryset.filter(feedback_status=FeedbackStatus.NONE)
        return queryset.filter(feedback_status=value)

    def filter_customer_name(self, queryset, name, value):
        return self._in(queryset, name, "customer_id", lambda: self._customers(name__icontains=value))

    def filter_customer_account(self, queryset, name, value):
        return self._in(queryset, name, "customer_id", lambda: self._customers(account__istartswith=value))

    def filter_order_id(self, queryset, name, value):
        return queryset.filter(order_id__istartswith=value)

    def filter_incentive_id(self, queryset, name, value):
        start = value.upper()
        known = [pk for pk, code in self.facets.incentives if code.upper().startswith(start)]
        incentives = incentives_for(self._user).filter(
            statement__period=self.selected_period, incentive_id__istartswith=value
        )
        pks = lambda: incentives.values_list("pk", flat=True)  # noqa: E731
        return self._in(queryset, name, "incentive_id", pks, known)

    def filter_product_type(self, queryset, name, value):
        wanted = value.upper()
        known = [kind for kind in self.facets.line_product_types if kind.upper() == wanted]
        values = lambda: self._period_values("product_type", product_type__iexact=value)  # noqa: E731
        return self._in(queryset, name, "product_type", values, known)

    def filter_reseller(self, queryset, name, value):
        return self._in(queryset, name, "tier2_reseller_id", lambda: self._resellers(name__icontains=value))

    def filter_account_manager(self, queryset, name, value):
        part = value.upper()
        known = [manager for manager in self.facets.account_managers if part in manager.upper()]
        values = lambda: self._period_values("account_manager", account_manager__icontains=value)  # noqa: E731
        return self._in(queryset, name, "account_manager", values, known)

    # --- helpers ------------------------------------------------------------------------

    def _customers(self, **lookup):
        return customers_for(self._user).filter(**lookup).values_list("pk", flat=True)

    def _resellers(self, **lookup):
        return Partner.objects.filter(kind=PartnerKind.RESELLER, **lookup).values_list("pk", flat=True)

    def _period_values(self, field, **lookup):
        """Distinct values of `field` among the period's lines, from the small LineTotal table."""
        totals = line_totals_for(self._user).filter(period=self.selected_period, **lookup)
        return totals.order_by().values_list(field, flat=True).distinct()

    def _in(self, queryset, name, field, matching, known=None):
        """Filter `field IN keys`; the keys (from a small table) are looked up once per FilterSet.
        `known`: the keys as the bill's facets have them, used unless there are too many to list."""
        if name not in self._keys and known is not None and len(known) <= MAX_LISTED_KEYS:
            self._keys[name] = known
        if name not in self._keys:
            source = matching()
            keys = list(source[: MAX_LISTED_KEYS + 1])
            self._keys[name] = source if len(keys) > MAX_LISTED_KEYS else keys
        keys = self._keys[name]
        if not keys:
            return queryset.none()
        return queryset.filter(**{f"{field}__in": keys})
