"""The one FilterSet of Customer Management, shared by the page and the REST API.

Every column of the list filters: names match any part in any case, the account exactly or by
its start, the choices exactly, the association date, quota and discount by a range (the
discount in percent off the list price, as the page shows it). All of them live in the URL.
"""

from datetime import timedelta
from decimal import Decimal

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import AssociationType, BillingMode, Customer, CustomerLevel, CustomerStatus, Industry, Resource

TEXT_MAX = 100
HUNDRED = Decimal(100)


def _text(label, lookup, field_name, help_text):
    return django_filters.CharFilter(
        field_name=field_name, lookup_expr=lookup, label=label, max_length=TEXT_MAX, help_text=help_text
    )


def _choice(label, choices, empty_label):
    return django_filters.ChoiceFilter(
        choices=choices,
        label=label,
        empty_label=empty_label,
        error_messages={"invalid_choice": _("Unknown value “%(value)s”.")},
    )


class CustomerFilter(django_filters.FilterSet):
    name = _text(_("Customer name"), "icontains", "name", _("Part of the name, any case."))
    account = _text(_("Customer account"), "istartswith", "account", _("Account or its start."))
    association_type = _choice(_("Association type"), AssociationType.choices, _("All association types"))
    associated_from = django_filters.DateFilter(
        field_name="association_date", lookup_expr="gte", label=_("Associated from")
    )
    associated_to = django_filters.DateFilter(
        field_name="association_date", lookup_expr="lte", label=_("Associated until")
    )
    account_manager = _text(
        _("Account manager"), "icontains", "account_manager", _("Part of the name, any case.")
    )
    reseller = _text(
        _("Tier-2 reseller"), "icontains", "tier2_reseller__name", _("Part of the reseller's name, any case.")
    )
    industry = _choice(_("Industry"), Industry.choices, _("All industries"))
    level = _choice(_("Level"), CustomerLevel.choices, _("All levels"))
    quota_min = django_filters.NumberFilter(
        field_name="available_quota", lookup_expr="gte", label=_("Available quota from")
    )
    quota_max = django_filters.NumberFilter(
        field_name="available_quota", lookup_expr="lte", label=_("Available quota up to")
    )
    discount_min = django_filters.NumberFilter(
        method="filter_discount_min", label=_("Discount from (%)"), min_value=0, max_value=100
    )
    discount_max = django_filters.NumberFilter(
        method="filter_discount_max", label=_("Discount up to (%)"), min_value=0, max_value=100
    )
    status = _choice(_("Status"), CustomerStatus.choices, _("All statuses"))

    class Meta:
        model = Customer
        fields: list[str] = []

    def filter_discount_min(
        self, queryset: QuerySet[Customer], name: str, value: Decimal
    ) -> QuerySet[Customer]:
        return queryset.filter(discount__gte=value / HUNDRED)

    def filter_discount_max(
        self, queryset: QuerySet[Customer], name: str, value: Decimal
    ) -> QuerySet[Customer]:
        return queryset.filter(discount__lte=value / HUNDRED)


class SubCustomerFilter(django_filters.FilterSet):
    """Sub-customers of resellers: basic information only, so only basic filters."""

    name = _text(_("Customer name"), "icontains", "name", _("Part of the name, any case."))
    account = _text(_("Customer account"), "istartswith", "account", _("Account or its start."))
    reseller = _text(_("Reseller"), "icontains", "partner__name", _("Part of the reseller's name, any case."))
    associated_from = django_filters.DateFilter(
        field_name="association_date", lookup_expr="gte", label=_("Associated from")
    )
    associated_to = django_filters.DateFilter(
        field_name="association_date", lookup_expr="lte", label=_("Associated until")
    )

    class Meta:
        model = Customer
        fields: list[str] = []


DUE_CHOICES = [("7", _("Within 7 days")), ("15", _("Within 15 days")), ("30", _("Within 30 days"))]


class ResourceFilter(django_filters.FilterSet):
    """A customer's resources: billing mode, service, region, and renewals due within 7 / 15 / 30 days."""

    billing_mode = _choice(_("Billing mode"), BillingMode.choices, _("All billing modes"))
    service = _text(_("Service"), "icontains", "service", _("e.g. ECS, any case."))
    region = _text(_("Region"), "icontains", "region", _("Part of the region, any case."))
    due_within = django_filters.ChoiceFilter(
        choices=DUE_CHOICES, method="filter_due_within", label=_("Renewal due"), empty_label=_("Any time")
    )

    class Meta:
        model = Resource
        fields: list[str] = []

    def filter_due_within(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        return queryset.filter(
            billing_mode=BillingMode.YEARLY_MONTHLY,
            expiry__gte=today,
            expiry__lte=today + timedelta(days=int(value)),
        )
