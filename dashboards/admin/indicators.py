"""Operators maintain indicator definitions and answer partners' feedback on indicator values."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from customers.admin.authorisations import ask_reason, run_each
from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import Indicator, IndicatorFeedback, IndicatorValue
from ..services.indicators import indicator_feedback_reply


@admin.register(Indicator)
class IndicatorAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "scope",
        "method",
        "period_kind",
        "dimension",
        "program",
        "product_type",
        "active",
    ]
    list_filter = ["method", "period_kind", "active"]
    search_fields = ["code", "name"]


class IndicatorFeedbackInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = IndicatorFeedback
    extra = 0
    can_delete = False
    fields = readonly_fields = ("created_at", "author_kind", "author_label", "status", "text")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["indicator", "partner", "period_code", "value", "feedback_status", "feedback_at"]
    list_filter = ["feedback_status", "indicator"]
    search_fields = ["partner__name", "period_code", "indicator__name"]
    list_select_related = ["indicator", "partner"]
    inlines = [IndicatorFeedbackInline]
    actions = ["reply_feedback", "resolve_feedback"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_reply_indicator_feedback_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("dashboards.reply_indicator_feedback")

    @admin.action(description=_("Reply to the feedback"), permissions=["reply_indicator_feedback"])
    def reply_feedback(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        text = ask_reason(self, request, queryset, "reply_feedback", str(_("Reply to the feedback")))
        if isinstance(text, HttpResponse):
            return text
        run_each(
            request, queryset, lambda pk: indicator_feedback_reply(actor=request.user, value_id=pk, text=text)
        )
        return None

    @admin.action(description=_("Resolve the feedback"), permissions=["reply_indicator_feedback"])
    def resolve_feedback(self, request: HttpRequest, queryset: QuerySet) -> None:
        run_each(
            request,
            queryset,
            lambda pk: indicator_feedback_reply(actor=request.user, value_id=pk, text="", resolve=True),
        )
