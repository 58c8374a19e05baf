"""Offline contracts: operators enter the contract, its discounts per product type and the
signed PDF (checked to be a PDF by its content, at most 20 MB)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.formatting import money

from ..models import ContractDiscount, OfflineContract
from ..selectors.contracts import contract_progress

MAX_PDF_BYTES = 20 * 1024 * 1024


class ContractForm(forms.ModelForm):
    class Meta:
        model = OfflineContract
        fields = [
            "code", "partner", "signed_on", "starts_on", "ends_on", "committed_amount", "currency",
            "signed_pdf",
        ]  # fmt: skip

    def clean_signed_pdf(self):
        upload = self.cleaned_data["signed_pdf"]
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            head = upload.read(5)
            upload.seek(0)
            if head != b"%PDF-":
                raise forms.ValidationError(_("The signed contract must be a PDF file."))
            if upload.size > MAX_PDF_BYTES:
                raise forms.ValidationError(_("The PDF may be at most 20 MB."))
        return upload

    def clean(self):
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise forms.ValidationError(_("The commitment period cannot end before it starts."))
        return data


class DiscountInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = ContractDiscount
    extra = 1


@admin.register(OfflineContract)
class OfflineContractAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    form = ContractForm
    list_display = ["code", "partner", "signed_on", "starts_on", "ends_on", "committed", "completed"]
    search_fields = ["code", "partner__name", "partner__code"]
    list_filter = ["signed_on"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]
    inlines = [DiscountInline]

    @admin.display(description=_("committed amount"))
    def committed(self, obj):
        return money(obj.committed_amount, obj.currency)

    @admin.display(description=_("Completed amount"))
    def completed(self, obj):
        progress = contract_progress(obj)
        return f"{money(progress.completed)} ({progress.percent}%)"
