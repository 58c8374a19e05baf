"""The customer alerts' filters (View alerts / Handle alerts), all in the URL."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from incentives.models import FeedbackStatus

from .models import (
    AlertScenario,
    AlertStatus,
    CustomerAlert,
    Indicator,
    IndicatorMethod,
    IndicatorValue,
    StatisticalPeriod,
)

TEXT_MAX = 100


class AlertFilter(django_filters.FilterSet):
    customer = django_filters.CharFilter(
        label=_("Customer"),
        method="filter_customer",
        max_length=TEXT_MAX,
        help_text=_("Name or account, any part."),
    )
    account_manager = django_filters.CharFilter(
        label=_("Account manager"), lookup_expr="icontains", max_length=TEXT_MAX
    )
    scenario = django_filters.ChoiceFilter(
        label=_("Scenario"), choices=AlertScenario.choices, empty_label=_("All scenarios")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AlertStatus.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = CustomerAlert
        fields: list[str] = []

    def filter_customer(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(customer__name__icontains=value) | Q(customer__account__icontains=value))


class IndicatorValueFilter(django_filters.FilterSet):
    """Every column of the indicator list filters (page and URL)."""

    indicator = django_filters.ModelChoiceFilter(
        label=_("Indicator name"),
        queryset=Indicator.objects.filter(active=True),
        empty_label=_("All indicators"),
    )
    method = django_filters.ChoiceFilter(
        field_name="indicator__method", label=_("Statistical method"), choices=IndicatorMethod.choices,
        empty_label=_("All methods"),
    )  # fmt: skip
    period_kind = django_filters.ChoiceFilter(
        field_name="indicator__period_kind", label=_("Statistical period"), choices=StatisticalPeriod.choices,
        empty_label=_("All periods"),
    )  # fmt: skip
    period_code = django_filters.CharFilter(
        label=_("Reconciliation period"),
        lookup_expr="startswith",
        max_length=7,
        help_text=_("e.g. 2026, 2026-Q4, 2026-11"),
    )
    value_min = django_filters.NumberFilter(field_name="value", lookup_expr="gte", label=_("Value from"))
    value_max = django_filters.NumberFilter(field_name="value", lookup_expr="lte", label=_("Value to"))
    feedback_status = django_filters.ChoiceFilter(
        label=_("Feedback"), choices=FeedbackStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = IndicatorValue
        fields: list[str] = []
