"""The resources API's filters: the resources page's (billing mode, service, region, renewal due
within 7 / 15 / 30 days), and, since the API lists every customer's resources at once, which
customer (by id or by account)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .customers import TEXT_MAX, ResourceFilter


class ResourceApiFilter(ResourceFilter):
    customer = django_filters.NumberFilter(
        field_name="customer_id", label=_("Customer"), min_value=1, help_text=_("The customer's id.")
    )
    customer_account = django_filters.CharFilter(
        field_name="customer__account",
        lookup_expr="iexact",
        label=_("Customer account"),
        max_length=TEXT_MAX,
        help_text=_("The customer's account, exactly."),
    )

    class Meta(ResourceFilter.Meta):
        pass
