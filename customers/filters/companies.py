"""The enterprise encyclopedia's FilterSet, shared by the search page and the REST API: the name
matches any part in any case (a trigram index on PostgreSQL), the rest exactly."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import Company, CompanySize, Industry, Site
from .customers import TEXT_MAX, _choice


class CompanyFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        field_name="name",
        lookup_expr="icontains",
        label=_("Company name"),
        max_length=TEXT_MAX,
        help_text=_("Part of the registered name, any case."),
    )
    industry = _choice(_("Industry"), Industry.choices, _("All industries"))
    size = _choice(_("Size"), CompanySize.choices, _("All sizes"))
    site = _choice(_("Site"), Site.choices, _("Both sites"))

    class Meta:
        model = Company
        fields: list[str] = []
