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


class IncentiveFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        field_name="statement__status",
        choices=StatementStatus.choices,
        label=_("Status"),
        empty_label=_("All statuses"),
        error_messages={"invalid_choice": _("Unknown status “%(value)s”.")},
    )
    period = django_filters.ModelChoiceFilter(
        field_name="statement__period",
        to_field_name="code",
        queryset=partner_periods,
        label=_("Reconciliation period"),
        empty_label=_("All periods"),
        error_messages={"invalid_choice": _("Unknown reconciliation period.")},
    )
    program = django_filters.ModelChoiceFilter(
        field_name="program",
        to_field_name="code",
        queryset=partner_programs,
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
