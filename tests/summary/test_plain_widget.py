"""The Summary's Incentive ID input is written in Python: the very markup of Django's widget."""

import pytest
from django import forms

from incentives.filters.summary import PlainTextInput


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, {}),
        ('INC-"<b>&', {"id": "id_x", "aria-describedby": "id_x_helptext"}),
        ("v", {"required": True, "disabled": False, "placeholder": "ID"}),
    ],
)
def test_the_plain_input_is_djangos_markup(value, attrs):
    def form(widget):
        field = forms.CharField(max_length=40, required=False, help_text="h", widget=widget)
        return type("F", (forms.Form,), {"x": field})(data={"x": value} if value else None)

    django_input = form(forms.TextInput)["x"].as_widget(attrs=dict(attrs))
    assert form(PlainTextInput)["x"].as_widget(attrs=dict(attrs)) == django_input
