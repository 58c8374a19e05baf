"""The operators' view of customer alerts (read-only: alerts are derived and processed by services)."""

from django.contrib import admin

from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import AlertEvent, CustomerAlert
from . import indicators  # noqa: F401  (registers the indicators' admin)


class AlertEventInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = AlertEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ("created_at", "action", "actor_label", "outcome", "note")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CustomerAlert)
class CustomerAlertAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = [
        "raised_on",
        "partner",
        "customer",
        "scenario",
        "detail",
        "handler_label",
        "status",
        "outcome",
    ]
    list_filter = ["status", "scenario", "outcome", "raised_on"]
    search_fields = ["customer__name", "customer__account", "partner__name"]
    list_select_related = ["partner", "customer"]
    date_hierarchy = "raised_on"
    inlines = [AlertEventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
