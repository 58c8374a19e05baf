"""The Summary's filters, shared by the page and the API (one FilterSet, one behaviour)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from customers.selectors import partner_of

from .models import Incentive, IncentiveProgram, ReconciliationPeriod, Statement, StatementStatus


def partner_periods(request):
    """Only periods in which the partner has a bill are offered (and accepted)."""
    bills = Statement.objects.filter(partner=partner_of(request.user)).values("period_id")
    return ReconciliationPeriod.objects.filter(pk__in=bills).order_by("-code")


def partner_programs(request):
    incentives = Incentive.objects.filter(statement__partner=partner_of(request.user)).values("program_id")
    return IncentiveProgram.objects.filter(pk__in=incentives).order_by("name")


def program_catalogue():
    """[(id, code, name)] of the vendor's incentive programs (public, a few hundred at most), by name."""
    return list(IncentiveProgram.objects.order_by("name").values_list("pk", "code", "name"))


class IncentiveFilter(django_filters.FilterSet):
    """Status, period, program and Incentive ID.

    Periods are the partner's (those with a bill), programs the vendor's catalogue. A page
    that has them loaded already passes `periods` (codes, newest first) and `programs`, so
    validating and rendering the form costs no query.
    """

    status = django_filters.ChoiceFilter(
        field_name="statement__status",
        choices=StatementStatus.choices,
        label=_("Status"),
        empty_label=_("All statuses"),
        error_messages={"invalid_choice": _("Unknown status “%(value)s”.")},
    )
    period = django_filters.ChoiceFilter(
        field_name="statement__period__code",
        label=_("Reconciliation period"),
        empty_label=_("All periods"),
        error_messages={"invalid_choice": _("Unknown reconciliation period.")},
    )
    program = django_filters.ChoiceFilter(
        field_name="program__code",
        label=_("Incentive name"),
        empty_label=_("All incentive programs"),
        error_messages={"invalid_choice": _("Unknown incentive program.")},
    )
    incentive_id = django_filters.CharFilter(
        field_name="incentive_id",
        lookup_expr="istartswith",
        label=_("Incentive ID"),
        max_length=40,
        help_text=_("The whole ID or its beginning."),
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, periods=None, programs=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        if periods is None:
            periods = list(partner_periods(request).values_list("code", flat=True))
        if programs is None:
            programs = program_catalogue()
        # Callables: Django deep-copies a form field's choice list, ~1 ms for a hundred choices.
        period_choices = [(code, code) for code in periods]
        program_choices = [(code, name) for _pk, code, name in programs]
        self.filters["period"].extra["choices"] = lambda: period_choices
        self.filters["program"].extra["choices"] = lambda: program_choices
