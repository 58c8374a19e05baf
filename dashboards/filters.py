"""The customer alerts' filters (View alerts / Handle alerts), all in the URL."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import AlertScenario, AlertStatus, CustomerAlert

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
