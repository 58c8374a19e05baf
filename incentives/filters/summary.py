"""The Summary's filters, shared by the page and the API (one FilterSet, one behaviour).

Filters on the bill (field names starting with `statement__`) select bills; the others narrow
the incentives within them. selectors/summary.py applies both through `bill_lookups()` and
`narrow()`, so a filter declared here works on the page and the API without more code.
"""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from ..models import Incentive, StatementStatus
from ..selectors.catalogue import partner_periods, program_catalogue

BILL_PREFIX = "statement__"


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
            periods = list(partner_periods(request.user).values_list("code", flat=True))
        if programs is None:
            programs = program_catalogue()
        # Callables: Django deep-copies a form field's choice list, ~1 ms for a hundred choices.
        period_choices = [(code, code) for code in periods]
        program_choices = [(code, name) for _pk, code, name in programs]
        self.filters["period"].extra["choices"] = lambda: period_choices
        self.filters["program"].extra["choices"] = lambda: program_choices

    def _chosen(self, *, on_bill: bool):
        """(filter, value) of the valid filters that have a value, on the bill or on the incentive."""
        for name, spec in self.filters.items():
            value = self.form.cleaned_data.get(name)
            if value in EMPTY_VALUES:
                continue
            field = spec.field_name or name  # the metaclass set it to `name` if it was not given
            if field.startswith(BILL_PREFIX) == on_bill:
                yield spec, field, value

    def bill_lookups(self) -> Q:
        """The bill-level filters as a Q on Statement (the bill's own field names)."""
        lookups = Q()
        for spec, field, value in self._chosen(on_bill=True):
            lookups &= Q(**{f"{field.removeprefix(BILL_PREFIX)}__{spec.lookup_expr}": value})
        return lookups

    def narrows(self) -> bool:
        """Whether any incentive-level filter is chosen (else the bills' own counts are exact)."""
        return any(True for _chosen in self._chosen(on_bill=False))

    def narrow(self, incentives: QuerySet[Incentive]) -> QuerySet[Incentive]:
        """Apply the incentive-level filters to `incentives` (django-filter's own filter methods)."""
        for spec, _field, value in self._chosen(on_bill=False):
            incentives = spec.filter(incentives, value)
        return incentives
