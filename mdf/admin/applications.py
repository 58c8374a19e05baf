"""MDF applications for reviewers: the plan, objectives and budget, the partner's quota
figures, the timeline, and Approve / Return / Reject calling the services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from incentives.admin.base import ReadOnlyInline
from partner_center.formatting import money

from ..models import Application, ApplicationStatus, CostItem
from ..policies import application_is_under_review
from ..selectors.applications import likely_duplicates
from ..selectors.quotas import quota_covering, quota_figures
from ..services.applications import application_approve, application_reject, application_return
from .review import Decisions, EventInline, ReviewAdmin


class CostItemInline(ReadOnlyInline):
    model = CostItem
    fields = ["kind", "description", "amount"]


class ApplicationStatusFilter(admin.SimpleListFilter):
    """Status, defaulting to the review queue (Under review)."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*ApplicationStatus.choices, (self.ALL, _("All"))]

    def value(self):
        return super().value() or ApplicationStatus.UNDER_REVIEW

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())


SHOWN = (
    "partner",
    "status",
    "title",
    "activity_type",
    "starts_on",
    "ends_on",
    "location",
    "plan",
    "agreement_accepted",
    "objectives",
    "expected_attendance",
    "expected_leads",
    "amount_shown",
    "late_reason",
    "quota",
    "created_by",
    "submitted_at",
    "decided_at",
    "claim_due_on",
    "claim_overdue",
)


@admin.register(Application)
class ApplicationAdmin(ReviewAdmin):
    list_display = [
        "number",
        "partner",
        "title",
        "starts_on",
        "ends_on",
        "amount_shown",
        "status",
        "submitted_at",
    ]
    list_filter = [ApplicationStatusFilter, "activity_type"]
    search_fields = ["title", "partner__name", "partner__code"]
    list_select_related = ["partner"]
    ordering = ["submitted_at", "id"]
    fields = SHOWN
    readonly_fields = SHOWN
    inlines = [CostItemInline, EventInline]
    decisions: Decisions = {
        "approve": (_("Approve"), application_approve, True),
        "return": (_("Return to partner"), application_return, True),
        "reject": (_("Reject"), application_reject, True),
    }

    @admin.display(description=_("amount (tax included)"), ordering="amount")
    def amount_shown(self, obj):
        return money(obj.amount, obj.currency)

    def offered(self, obj):
        return list(self.decisions) if application_is_under_review(obj) else []

    def review_context(self, obj):
        quota = obj.quota or quota_covering(obj.partner_id, obj.starts_on)
        return {
            "quota_figures": quota_figures(quota) if quota else None,
            "duplicates": likely_duplicates(obj),
            "reason_required_for": ["return", "reject"],
        }
