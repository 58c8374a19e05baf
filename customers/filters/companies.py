"""The enterprise encyclopedia's FilterSet, shared by the search page and the REST API: the name
matches any part in any case, the rest exactly. On PostgreSQL a part of three characters or more
is found through the trigram index on UPPER(name) (migration 0009); a part of two, which trigrams
cannot index, through the character-pair index (0010), the same icontains checking each row."""

import django_filters
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Company, CompanySize, Industry, Site
from .customers import TEXT_MAX, _choice


class CompanyFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        method="filter_name",
        label=_("Company name"),
        max_length=TEXT_MAX,
        help_text=_("Part of the registered name, any case."),
    )
    industry = _choice(_("Industry"), Industry.choices, _("All industries"))
    size = _choice(pgettext_lazy("company", "Size"), CompanySize.choices, _("All sizes"))
    site = _choice(_("Site"), Site.choices, _("Both sites"))

    class Meta:
        model = Company
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet[Company], name: str, value: str) -> QuerySet[Company]:
        found = queryset.filter(name__icontains=value)
        pair = value.upper()
        if len(value) == len(pair) == 2 and pair.isalnum() and connection.vendor == "postgresql":
            found = found.extra(  # noqa: S610 (a fixed clause; the pair, letters or digits, a parameter)
                where=["customers_bigrams(customers_company.name) @@ %s::tsquery"], params=[f"'{pair}'"]
            )
        return found
