"""Voucher quotas: operators grant a partner a quota (number, amount, validity, product scope)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.formatting import money

from ..models import VoucherQuota


@admin.register(VoucherQuota)
class VoucherQuotaAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = [
        "number",
        "partner",
        "quota",
        "used",
        "remaining",
        "valid_from",
        "valid_until",
        "product_scope",
    ]
    list_filter = ["valid_until"]
    search_fields = ["number", "partner__name", "partner__code"]
    list_select_related = ["partner"]
    fields = ["partner", "number", "amount", "currency", "valid_from", "valid_until", "product_scope",
              "issued_amount", "recalled_amount"]  # fmt: skip
    autocomplete_fields = ["partner"]

    def has_delete_permission(self, request, obj=None):
        return False  # vouchers and the log refer to it

    def get_readonly_fields(self, request, obj=None):
        fixed = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.vouchers.exists():
            return ["partner", "number", "currency", *fixed]  # the amount, dates and scope still move
        return fixed

    @admin.display(description=_("quota amount"))
    def quota(self, obj):
        return money(obj.amount, obj.currency)

    @admin.display(description=_("Used"))
    def used(self, obj):
        return money(obj.used_amount)

    @admin.display(description=_("Remaining"))
    def remaining(self, obj):
        return money(obj.remaining_amount)
