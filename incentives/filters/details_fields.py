"""The Details FilterSet's own form fields and filters: a period cleaned to the partner's bill,
a program code cleaned to its pk through the bill's facets, and the shared (not deep-copied)
fields of its one form class. incentives/filters/details.py puts them together."""

import copy

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import PERIOD_CODE, IncentiveProgram
from ..selectors.details import NO_FACETS, BillFacets


class PeriodField(forms.CharField):
    """A period code, cleaned to the partner's bill of that period (bills come from the FilterSet)."""

    bills: list = []

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        try:
            PERIOD_CODE(code)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not a reconciliation period; use the form YYYY-MM, e.g. 2026-10."),
                code="invalid",
                params={"value": code},
            ) from None
        for bill in self.bills:
            if bill.period.code == code:
                return bill
        raise ValidationError(
            _("There is no bill for reconciliation period %(value)s; choose one of yours."),
            code="invalid_choice",
            params={"value": code},
        )


class ProgramField(forms.CharField):
    """A program code, cleaned to the program's pk. The selected bill's programs (set per form,
    from its facets) answer without a query; only a code that is not one of them is looked up,
    to tell a program of other bills (no lines) from one that does not exist (an error)."""

    facets: BillFacets = NO_FACETS

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        pk = self.facets.program_pk(code)
        if pk is None:
            pk = IncentiveProgram.objects.filter(code=code).values_list("pk", flat=True).first()
        if pk is None:
            raise ValidationError(
                _("There is no incentive program %(value)s."), code="invalid_choice", params={"value": code}
            )
        return pk


class SharedFields(dict):
    """A form class's fields, copied shallowly into each form instead of deep-copied.

    Django deep-copies every field (choices, querysets, widgets, lazy labels) per form, ~1 ms
    a request for this FilterSet. Its forms are only validated, never rendered (the page
    writes its own inputs), and the per-request values, PeriodField.bills and ProgramField.facets,
    are set on the form's own copies of those fields."""

    def __deepcopy__(self, memo):
        return {name: copy.copy(field) for name, field in self.items()}


class PeriodFilter(django_filters.CharFilter):
    field_class = PeriodField

    def filter(self, qs, value):
        return qs if value is None else qs.filter(period_id=value.period_id)


class ProgramFilter(django_filters.CharFilter):
    field_class = ProgramField

    def filter(self, qs, value):
        return qs if value is None else qs.filter(program_id=value)
