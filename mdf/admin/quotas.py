"""MDF quotas: the vendor grants each partner a fund per half-year or year."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.formatting import money

from ..models import Quota
from ..selectors.quotas import quota_figures


@admin.register(Quota)
class QuotaAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["partner", "year", "span", "quota", "requested", "approved", "claimed", "paid", "left"]
    list_filter = ["year", "span"]
    search_fields = ["partner__name", "partner__code"]
    list_select_related = ["partner"]
    fields = ["partner", "year", "span", "amount", "currency", "starts_on", "ends_on"]
    readonly_fields = ["starts_on", "ends_on"]
    autocomplete_fields = ["partner"]

    def has_delete_permission(self, request, obj=None):
        return False  # applications refer to it; set the amount instead

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.applications.exists():
            return ["partner", "year", "span", *self.readonly_fields]  # only the amount moves
        return self.readonly_fields

    @admin.display(description=_("quota (tax included)"))
    def quota(self, obj):
        return money(obj.amount)

    @admin.display(description=_("Requested"))
    def requested(self, obj):
        return money(quota_figures(obj).requested)

    @admin.display(description=_("Approved"))
    def approved(self, obj):
        return money(quota_figures(obj).approved)

    @admin.display(description=_("Claimed"))
    def claimed(self, obj):
        return money(quota_figures(obj).claimed)

    @admin.display(description=_("Paid"))
    def paid(self, obj):
        return money(quota_figures(obj).paid)

    @admin.display(description=_("Left"))
    def left(self, obj):
        return money(quota_figures(obj).left)
