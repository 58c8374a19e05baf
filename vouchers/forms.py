"""The issue and recall forms: shapes only; the services decide what is allowed."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _


class IssueForm(forms.Form):
    quota = forms.ChoiceField(label=_("Quota number"))
    customer = forms.ChoiceField(label=_("Customer"))
    amount = forms.DecimalField(label=_("Amount"), max_digits=12, decimal_places=2, min_value=0.01)
    valid_until = forms.DateField(label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}))
    product_scope = forms.CharField(
        label=_("Product scope"),
        required=False,
        max_length=200,
        help_text=_("Product types, comma-separated, within the quota's; empty for the quota's whole scope."),
    )

    def __init__(self, *args, quotas, customers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["quota"]).choices = [
            (q.pk, f"{q.number} ({q.remaining_amount:,.2f} {q.currency})") for q in quotas
        ]
        cast(forms.ChoiceField, self.fields["customer"]).choices = [
            (c.pk, f"{c.name} ({c.account})") for c in customers
        ]


class RecallForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
