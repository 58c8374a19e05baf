from django.contrib import admin

from ..models import Customer, Membership, Partner
from .disassociation import CustomerEventInline, DisassociationActions


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "distributor"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["distributor"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner", "role"]
    list_filter = ["role", "partner__kind"]
    search_fields = ["user__username", "partner__name"]
    list_select_related = ["user", "partner"]
    autocomplete_fields = ["user", "partner"]


@admin.register(Customer)
class CustomerAdmin(DisassociationActions):
    list_display = [
        "name", "account", "partner", "association_type", "account_manager", "tier2_reseller", "status",
    ]  # fmt: skip
    list_filter = ["status", "association_type", "partner__kind"]
    readonly_fields = ["status"]
    inlines = [CustomerEventInline]
    search_fields = ["name", "=account", "partner__name", "account_manager"]
    list_select_related = ["partner", "tier2_reseller"]
    autocomplete_fields = ["partner", "tier2_reseller"]
