"""Vouchers, read-only; the actions record the system's recalls (unsubscription, refund reversal,
change of association or its mode, transfer between resellers, expiry) through the service."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.errors import DomainError

from ..models import Operation, Voucher
from ..policies import SYSTEM_RECALLS
from ..services.recall import voucher_system_recall


def _recall_action(operation: str):
    def run(modeladmin, request, queryset):
        done = 0
        for voucher in queryset:
            try:
                done += voucher_system_recall(
                    voucher_id=voucher.pk, operation=operation, actor=request.user
                ).changed
            except DomainError as error:
                modeladmin.message_user(request, f"{voucher.number}: {error.message}", messages.ERROR)
        modeladmin.message_user(request, _("%(count)d vouchers recalled.") % {"count": done})

    run.__name__ = f"recall_{operation}"
    return admin.action(description=Operation(operation).label, permissions=["change"])(run)


@admin.register(Voucher)
class VoucherAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = [
        "number",
        "partner",
        "customer",
        "quota",
        "amount",
        "used_amount",
        "status",
        "valid_until",
    ]
    list_filter = ["status", "recall_operation"]
    search_fields = ["number", "customer__name", "partner__name", "quota__number"]
    list_select_related = ["partner", "customer", "quota"]
    actions = [_recall_action(op) for op in SYSTEM_RECALLS]

    def has_add_permission(self, request):
        return False  # partners issue vouchers (the portal and the API)

    def has_delete_permission(self, request, obj=None):
        return False
