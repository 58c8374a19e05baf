"""Bills, incentives, detail lines and the bills' audit trail in the operators' admin."""

from django.contrib import admin
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import DetailLine, Incentive, Statement, StatementEvent
from ..services.statements import statement_publish
from .base import (
    IncentiveAmountColumn,
    ReadOnlyAdmin,
    ReadOnlyInline,
    StaffRequest,
    bill_total,
    incentive_amount,
    line_amount,
    line_rate,
    line_revenue,
)
from .review_actions import BillReviewAdmin, run_each


class IncentiveInline(IncentiveAmountColumn, ReadOnlyInline):
    model = Incentive
    fields = ["incentive_id", "program", "amount_in_bill"]
    show_change_link = True


class StatementEventInline(ReadOnlyInline):
    """The bill's timeline, newest first: what an operator reads first is what happened last."""

    model = StatementEvent
    fields = ["created_at", "old_status", "new_status", "actor_label", "reason"]
    ordering = ["-created_at", "-id"]


@admin.register(Statement)
class StatementAdmin(BillReviewAdmin):
    """Every bill; Publish in bulk, and a bill under review gets Approve / Return on its page."""

    list_display = [
        "partner",
        "period",
        "status",
        bill_total,
        "confirmation_deadline",
        "confirmed_at",
        "confirmed_by",
    ]
    list_filter = ["status", "period", "partner__kind"]
    search_fields = ["partner__name", "partner__code", "incentives__incentive_id"]
    list_select_related = ["partner", "period", "confirmed_by"]
    readonly_fields = [
        "partner",
        "period",
        "status",
        "total",
        "incentive_count",
        "currency",
        "status_changed_at",
        "confirmed_at",
        "confirmed_by",
    ]
    inlines = [IncentiveInline, StatementEventInline]
    actions = ["publish"]

    def has_add_permission(self, request):
        return False  # bills are created by the figures import, never by hand

    def has_change_permission(self, request, obj=None):
        return False  # every field is the services' (Publish, Approve, Return are the changes)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Publish to partner (Estimated → Pending confirmation)"), permissions=["publish"]
    )
    def publish(self, request: StaffRequest, queryset: QuerySet[Statement]) -> None:
        outcome = run_each(queryset, lambda pk: statement_publish(statement_id=pk, actor=request.user))
        n, same = outcome.done, outcome.unchanged
        self._report(
            request,
            outcome,
            done=ngettext("%d bill published.", "%d bills published.", n) % n,
            unchanged=ngettext("%d bill was already published.", "%d bills were already published.", same)
            % same,
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("incentives.publish_statement")


@admin.register(Incentive)
class IncentiveAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["incentive_id", "statement", "program", incentive_amount]
    list_filter = ["program", "statement__period", "statement__status"]
    search_fields = ["incentive_id", "statement__partner__name"]
    list_select_related = ["statement__partner", "statement__period", "program"]
    readonly_fields = ["incentive_id", "statement", "program", "amount"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the figures import's

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DetailLine)
class DetailLineAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = [
        "order_id",
        "incentive",
        "customer",
        "product_type",
        line_revenue,
        line_rate,
        line_amount,
        "feedback_status",
    ]
    list_filter = ["feedback_status", "period", "program", "product_type"]
    search_fields = ["=order_id", "=incentive__incentive_id", "customer__name", "=customer__account"]
    list_select_related = ["incentive", "customer"]
    show_full_result_count = False  # a million lines: skip the second unfiltered COUNT
    readonly_fields = [
        "incentive",
        "partner",
        "period",
        "program",
        "order_id",
        "customer",
        "product_type",
        "tier2_reseller",
        "account_manager",
        "revenue",
        "rate",
        "amount",
        "feedback",
        "feedback_reply",
        "feedback_status",
        "feedback_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the import's figures and the feedback service's; replies: Line feedback

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatementEvent)
class StatementEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "statement", "old_status", "new_status", "actor_label", "reason"]
    list_filter = ["new_status", "statement__period"]
    search_fields = ["statement__partner__name", "actor_label", "reason"]
    list_select_related = ["statement__partner", "statement__period"]
    ordering = ["-created_at", "-id"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("incentives.view_statementevent")
