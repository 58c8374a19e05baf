from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from knox.admin import AuthTokenAdmin
from knox.models import AuthToken

from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import Customer, Membership, Partner
from .disassociation import CustomerEventInline, DisassociationActions


class MembershipInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = Membership
    fk_name = "partner"
    extra = 0
    autocomplete_fields = ["user", "supervisor"]  # Membership.clean: a sales user of the same partner


@admin.register(Partner)
class PartnerAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "distributor"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["distributor"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["user", "partner", "role", "supervisor"]
    list_filter = ["role", "partner__kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "partner__name"]
    list_select_related = ["user", "partner", "supervisor__user", "supervisor__partner"]
    # the supervisor: a sales user of the same partner (Membership.clean, run by the admin's form)
    autocomplete_fields = ["user", "partner", "supervisor"]


@admin.register(Customer)
class CustomerAdmin(ServiceOwnedReadOnly, DisassociationActions):
    list_display = [
        "name", "account", "partner", "association_type", "account_manager", "tier2_reseller", "status",
    ]  # fmt: skip
    list_filter = ["status", "association_type", "partner__kind"]
    inlines = [CustomerEventInline]
    search_fields = ["name", "=account", "partner__name", "account_manager"]
    list_select_related = ["partner", "tier2_reseller"]
    autocomplete_fields = ["partner", "tier2_reseller"]


# Django's user admin, with what Django itself writes (the last sign-in, the account's creation)
# read-only like every service-owned field (partner_center/service_owned.py: OTHER_MODELS).
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(ServiceOwnedReadOnly, UserAdmin):
    pass


# knox's token admin, read-only: a token is made only by its user signing in through the API
# (an operator minting one would act as that partner), and revoked here or by its user.
admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class ApiTokenAdmin(ServiceOwnedReadOnly, AuthTokenAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
