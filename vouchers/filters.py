"""The operation log's filters (one per column), shared by the page, the API and the export."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Operation, OperationRecord, OperationResult


class OperationRecordFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    operation = django_filters.ChoiceFilter(choices=Operation.choices, label=_("Operation type"))
    result = django_filters.ChoiceFilter(choices=OperationResult.choices, label=_("Result"))
    customer = django_filters.CharFilter(
        field_name="customer_name", lookup_expr="icontains", label=_("Customer")
    )
    quota = django_filters.CharFilter(
        field_name="quota_number", lookup_expr="iexact", label=_("Quota number")
    )
    voucher = django_filters.CharFilter(
        field_name="voucher_number", lookup_expr="iexact", label=_("Voucher ID")
    )
    amount_min = django_filters.NumberFilter(field_name="amount", lookup_expr="gte", label=_("Amount from"))
    amount_max = django_filters.NumberFilter(field_name="amount", lookup_expr="lte", label=_("Amount to"))
    operator = django_filters.CharFilter(
        field_name="operator_label", lookup_expr="iexact", label=_("Operator")
    )

    class Meta:
        model = OperationRecord
        fields: list[str] = []


FILTER_NAMES = tuple(OperationRecordFilter.base_filters)
