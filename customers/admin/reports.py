"""Operators' admin of the enterprise encyclopedia and of customer reports (报备): Approve (the
company becomes the partner's associated customer) and Reject (with a reason) call the services
report by report; every field of a report is read-only."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incentives.admin.base import StaffRequest
from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import Company, CustomerReport, CustomerReportEvent
from ..services.reports import report_approve, report_reject
from .authorisations import ask_reason, run_each


@admin.register(Company)
class CompanyAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["name", "credit_code", "industry", "region", "site", "size", "founded"]
    list_filter = ["site", "industry", "size"]
    search_fields = ["name", "=credit_code"]
    show_full_result_count = False  # 50,000 and more rows: no second COUNT per page


class ReportEventInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = CustomerReportEvent
    extra = 0
    can_delete = False
    fields = ["at", "old_status", "new_status", "actor_label", "reason"]
    readonly_fields = ["at", "old_status", "new_status", "actor_label", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CustomerReport)
class CustomerReportAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = [
        "id",
        "company",
        "partner",
        "status",
        "expected_spend",
        "requested_by",
        "requested_at",
        "expires_at",
    ]
    list_filter = ["status", "partner__kind", "company__site"]
    search_fields = ["company__name", "=company__credit_code", "partner__name"]
    list_select_related = ["company", "partner", "requested_by"]
    readonly_fields = [
        "partner", "company", "status", "association_type", "expected_spend", "notes", "requested_by",
        "requested_at", "expires_at", "status_changed_at", "reason", "customer",
    ]  # fmt: skip
    inlines = [ReportEventInline]
    actions = ["approve", "reject"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_customerreport_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("customers.review_customerreport")

    @admin.action(
        description=gettext_lazy("Approve (the company becomes the partner's customer)"),
        permissions=["review_customerreport"],
    )
    def approve(self, request: StaffRequest, queryset: QuerySet[CustomerReport]) -> None:
        actor = request.user
        run_each(request, queryset, lambda pk: report_approve(report_id=pk, actor=actor))

    @admin.action(description=gettext_lazy("Reject (with a reason)"), permissions=["review_customerreport"])
    def reject(self, request: StaffRequest, queryset: QuerySet[CustomerReport]) -> HttpResponse | None:
        reason = ask_reason(self, request, queryset, "reject", _("Reject customer reports"))
        if isinstance(reason, HttpResponse):
            return reason
        actor = request.user
        run_each(request, queryset, lambda pk: report_reject(report_id=pk, actor=actor, reason=reason))
        return None
