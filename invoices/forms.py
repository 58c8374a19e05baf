"""Forms of the partner pages (the services check everything again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PaymentOption, TitleType


class InvoiceForm(forms.Form):
    number = forms.CharField(label=_("Invoice number"), max_length=40)
    issued_on = forms.DateField(label=_("Invoice date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(
        label=_("Amount (tax included)"), max_digits=18, decimal_places=2, min_value=0
    )
    tax_amount = forms.DecimalField(label=_("Tax amount"), max_digits=18, decimal_places=2, min_value=0)
    file = forms.FileField(label=_("Invoice file (PDF or image, at most 10 MB)"))


class PayeeForm(forms.Form):
    signing_entity = forms.CharField(label=_("Signing entity"), max_length=200)
    tax_id = forms.CharField(label=_("Tax ID"), max_length=40)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="CNY")
    bank_name = forms.CharField(label=_("Bank name"), max_length=200)
    account_holder = forms.CharField(label=_("Account holder"), max_length=200)
    account_number = forms.CharField(label=_("Account number"), max_length=40)
    bank_letter = forms.FileField(
        label=_("Bank confirmation letter (PDF or image, at most 10 MB)"),
        required=False,
        help_text=_("Needed for a new or changed bank account."),
    )


class AutomaticForm(forms.Form):
    auto_request = forms.BooleanField(
        label=_("Submit a payment request every month automatically"), required=False
    )
    auto_option = forms.ChoiceField(
        label=_("Payment option of automatic requests"),
        choices=[("", "—"), *PaymentOption.choices],
        required=False,
    )


class InvoiceProfileForm(forms.Form):
    """The invoice-information template (invoice requests)."""

    title_type = forms.ChoiceField(label=_("Title type"), choices=TitleType.choices)
    title = forms.CharField(label=_("Invoice title"), max_length=200)
    tax_id = forms.CharField(label=_("Taxpayer ID"), max_length=20, required=False)
    registered_address = forms.CharField(label=_("Registered address"), max_length=200, required=False)
    registered_phone = forms.CharField(label=_("Registered phone"), max_length=30, required=False)
    bank_name = forms.CharField(label=_("Bank"), max_length=100, required=False)
    bank_account = forms.CharField(label=_("Bank account"), max_length=40, required=False)
    email = forms.CharField(label=_("E-mail for electronic invoices"), max_length=254, required=False)
    recipient = forms.CharField(label=_("Recipient"), max_length=100, required=False)
    recipient_phone = forms.CharField(label=_("Recipient's phone"), max_length=30, required=False)
    mailing_address = forms.CharField(label=_("Mailing address"), max_length=300, required=False)
