"""The dashboards' filter forms (GET): year, account manager, program; customer and alert filters."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class IncentiveDashboardForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    manager = forms.ChoiceField(label=_("Account manager"), required=False)
    program = forms.TypedChoiceField(
        label=_("Incentive program"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, data, *, years, managers, programs, manager_fixed):
        super().__init__(data)
        fields: dict[str, Any] = self.fields  # ChoiceFields: their choices are set here
        fields["year"].choices = [(year, str(year)) for year in years]
        fields["manager"].choices = [("", _("All account managers")), *((m, m) for m in managers)]
        if manager_fixed:
            fields["manager"].choices = [(manager_fixed, manager_fixed)]
        fields["program"].choices = [("", _("All programs")), *((p.pk, p.name) for p in programs)]


class ManagerForm(forms.Form):
    manager = forms.ChoiceField(label=_("Account manager"), required=False)

    def __init__(self, data, *, managers, manager_fixed):
        super().__init__(data)
        fields: dict[str, Any] = self.fields
        fields["manager"].choices = [("", _("All account managers")), *((m, m) for m in managers)]
        if manager_fixed:
            fields["manager"].choices = [(manager_fixed, manager_fixed)]
