from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from partner_center.admin_read_only import ServiceOwnedReadOnly

from .models import Customer, Membership, Partner


class MembershipInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Partner)
class PartnerAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "distributor"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["distributor"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["user", "partner", "role"]
    list_filter = ["role", "partner__kind"]
    search_fields = ["user__username", "partner__name"]
    list_select_related = ["user", "partner"]
    autocomplete_fields = ["user", "partner"]


@admin.register(Customer)
class CustomerAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["name", "account", "partner", "association_type", "account_manager", "tier2_reseller"]
    list_filter = ["association_type", "partner__kind"]
    search_fields = ["name", "=account", "partner__name", "account_manager"]
    list_select_related = ["partner", "tier2_reseller"]
    autocomplete_fields = ["partner", "tier2_reseller"]


# Django's user admin, with what Django itself writes (the last sign-in, the account's creation)
# read-only like every service-owned field (partner_center/service_owned.py: OTHER_MODELS).
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(ServiceOwnedReadOnly, UserAdmin):
    pass
