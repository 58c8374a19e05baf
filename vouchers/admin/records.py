"""The voucher operation log, read-only (append-only, a trigger on PostgreSQL too)."""

from django.contrib import admin

from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import OperationRecord


@admin.register(OperationRecord)
class OperationRecordAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["at", "partner", "operation", "result", "customer_name", "quota_number", "voucher_number",
                    "amount", "operator_label"]  # fmt: skip
    list_filter = ["operation", "result"]
    search_fields = ["voucher_number", "quota_number", "customer_name", "operator_label"]
    list_select_related = ["partner"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
