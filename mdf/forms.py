"""The partner pages' forms: they parse what people typed; the services judge it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActivityType, CostKind, ProofKind


class DateInput(forms.DateInput):
    input_type = "date"


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Activity title"), max_length=200)
    activity_type = forms.ChoiceField(label=_("Activity type"), choices=ActivityType.choices)
    starts_on = forms.DateField(label=_("Activity starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Activity ends on"), widget=DateInput)
    location = forms.CharField(label=_("Location"), max_length=200)
    plan = forms.CharField(
        label=_("Activity plan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    agreement_accepted = forms.BooleanField(
        label=_("I accept the MDF agreement: the funds pay only for this activity, claimed with proof."),
    )


class ObjectivesForm(forms.Form):
    objectives = forms.CharField(
        label=_("Objectives"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    expected_attendance = forms.IntegerField(label=_("Expected attendance"), min_value=0, required=False)
    expected_leads = forms.IntegerField(label=_("Expected leads"), min_value=0, required=False)


class BudgetForm(forms.Form):
    """One optional amount (and description) per cost kind; the filled ones are the budget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in CostKind.choices:
            self.fields[f"amount_{kind}"] = forms.DecimalField(
                label=label, required=False, min_value=0, max_digits=12, decimal_places=2
            )
            self.fields[f"description_{kind}"] = forms.CharField(
                label=_("Description"), required=False, max_length=200
            )

    def rows(self):
        return [(self[f"amount_{kind}"], self[f"description_{kind}"]) for kind in CostKind.values]

    def items(self) -> list[tuple[str, str, object]]:
        data = self.cleaned_data
        return [
            (kind, data.get(f"description_{kind}") or "", data[f"amount_{kind}"])
            for kind in CostKind.values
            if data.get(f"amount_{kind}")
        ]


class SubmitForm(forms.Form):
    late_reason = forms.CharField(
        label=_("Reason for applying fewer than 10 working days before the activity"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm_duplicate = forms.BooleanField(
        label=_("This is a different activity: submit anyway."), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClaimForm(forms.Form):
    held_starts_on = forms.DateField(label=_("Held from"), widget=DateInput)
    held_ends_on = forms.DateField(label=_("Held until"), widget=DateInput)
    attendance = forms.IntegerField(label=_("Attendance"), min_value=0)
    summary = forms.CharField(
        label=_("Activity summary"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    over_reason = forms.CharField(
        label=_("Reason for costs above the approved amount"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, cost_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cost_items = list(cost_items)
        for item in self.cost_items:
            self.fields[f"expense_{item.pk}"] = forms.DecimalField(
                label=item.get_kind_display(), min_value=0, max_digits=12, decimal_places=2
            )

    def fact_fields(self):
        return [
            self[name] for name in ("held_starts_on", "held_ends_on", "attendance", "summary", "over_reason")
        ]

    def expense_fields(self):
        return [(item, self[f"expense_{item.pk}"]) for item in self.cost_items]

    def amounts(self) -> dict[int, object]:
        return {item.pk: self.cleaned_data[f"expense_{item.pk}"] for item in self.cost_items}


class ProofForm(forms.Form):
    kind = forms.ChoiceField(label=_("Proof kind"), choices=ProofKind.choices)
    cost_item = forms.TypedChoiceField(
        label=_("Cost item (for a cost photo)"), required=False, coerce=int, empty_value=None
    )
    file = forms.FileField(label=_("File (JPEG, PNG or PDF, at most 20 MB)"))

    def __init__(self, *args, cost_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cost_item"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—")] + [(item.pk, item.get_kind_display()) for item in cost_items]
