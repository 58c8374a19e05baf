"""The operators' payout review queue: Issuing bills to approve or return to the partner.

Read-only views of the bills; the only writes are Approve payout and Return to partner
(review_actions.py), as bulk actions here and as buttons on each bill's page, each calling
the transition service per bill and reporting what was done and what was refused and why.
"""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from customers.models import Partner
from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.params import whole_number

from ..models import (
    DetailLine,
    FeedbackStatus,
    Incentive,
    IncentiveProgram,
    PayoutReview,
    Statement,
    StatementStatus,
)
from .base import IncentiveAmountColumn, bill_total
from .review_actions import BillReviewAdmin
from .statements import StatementEventInline

S = StatementStatus


class ReviewStatusFilter(admin.SimpleListFilter):
    """Status, defaulting to the queue itself (Issuing) rather than every bill."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*S.choices, (self.ALL, _("All"))]

    def value(self):
        chosen = super().value()  # a value that is no status is ignored, like no value
        return chosen if chosen in S.values or chosen == self.ALL else S.ISSUING

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())


class ProgramFilter(admin.SimpleListFilter):
    """Bills with an incentive of the program (a subquery, so no DISTINCT over the bills)."""

    title = _("incentive program")
    parameter_name = "program"

    def lookups(self, request, model_admin):
        return IncentiveProgram.objects.values_list("pk", "name")

    def queryset(self, request, queryset):
        program_id = whole_number(self.value())  # a pk of lookups(); anything else is ignored
        if program_id is not None:
            incentives = Incentive.objects.filter(program_id=program_id)
            return queryset.filter(pk__in=incentives.values("statement_id"))
        return queryset


class ReviewIncentiveInline(IncentiveAmountColumn, ServiceOwnedReadOnly, admin.TabularInline):
    model = Incentive
    readonly_fields = ("incentive_id", "program", "amount_in_bill", "lines")
    fields = readonly_fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("detail lines"))
    def lines(self, incentive):
        url = reverse("admin:incentives_detailline_changelist") + "?" + urlencode({"incentive": incentive.pk})
        return format_html('<a href="{}">{}</a>', url, _("View lines"))


@admin.register(PayoutReview)
class PayoutReviewAdmin(BillReviewAdmin):
    list_display = [
        "partner",
        "period",
        "status",
        bill_total,
        "confirmed_at",
        "confirmed_by_label",
        "open_feedback",
    ]
    list_display_links = ["partner"]
    list_filter = [ReviewStatusFilter, "period", "partner__kind", ProgramFilter]
    search_fields = ["partner__name", "=incentives__incentive_id"]  # see get_search_results
    search_help_text = _("Partner name, or an exact Incentive ID")
    list_select_related = ["partner", "period", "confirmed_by"]
    ordering = ["confirmed_at", "id"]  # the queue is worked oldest confirmation first (an index)
    readonly_fields = (
        "partner",
        "period",
        "status",
        "total_shown",
        "confirmation_deadline",
        "status_changed_at",
        "confirmed_at",
        "confirmed_by",
    )
    fields = readonly_fields
    inlines = [ReviewIncentiveInline, StatementEventInline]
    actions = ["approve_payout", "return_to_partner"]

    def get_queryset(self, request):
        # partner and period repeat on each line, so this count uses the lines' feedback index.
        open_lines = (
            DetailLine.objects.filter(
                partner=OuterRef("partner_id"),
                period=OuterRef("period_id"),
                feedback_status=FeedbackStatus.OPEN,
            )
            .order_by()
            .values("partner")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(open_feedback=Coalesce(Subquery(open_lines, output_field=IntegerField()), Value(0)))
        )

    def get_search_results(self, request, queryset, search_term):
        # search_fields' join through incentives would make the admin add DISTINCT to every page.
        term = search_term.strip()
        if not term:
            return queryset, False
        partners = Partner.objects.filter(name__icontains=term).values("pk")
        by_incentive = Incentive.objects.filter(incentive_id=term).values("statement_id")
        return queryset.filter(Q(partner__in=partners) | Q(pk__in=by_incentive)), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("bill total"))
    def total_shown(self, statement: Statement) -> str:
        return bill_total(statement)

    @admin.display(description=_("confirmed by"), ordering="confirmed_by__username")
    def confirmed_by_label(self, statement):
        if statement.confirmed_by_id:
            return statement.confirmed_by.get_username()
        return _("System") if statement.confirmed_at else "-"

    @admin.display(description=_("open feedback"), ordering="open_feedback")
    def open_feedback(self, statement):
        if not statement.open_feedback:
            return 0
        query = {"partner": statement.partner_id, "period": statement.period_id, "feedback_status": "open"}
        url = reverse("admin:incentives_detailline_changelist") + "?" + urlencode(query)
        return format_html('<a href="{}">{}</a>', url, statement.open_feedback)
