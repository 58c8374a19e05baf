"""The vendor's catalogue in the admin: incentive programs with their rates, and periods."""

from django.contrib import admin

from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import IncentiveProgram, ProgramRate, ReconciliationPeriod


class ProgramRateInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = ProgramRate
    extra = 0


@admin.register(IncentiveProgram)
class IncentiveProgramAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["code", "name", "association_type"]
    list_filter = ["association_type"]
    search_fields = ["code", "name"]
    inlines = [ProgramRateInline]


@admin.register(ReconciliationPeriod)
class ReconciliationPeriodAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["code", "start", "end", "confirmation_deadline"]
    search_fields = ["code"]
