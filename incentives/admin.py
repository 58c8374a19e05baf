"""Operators' Django admin: declarative, statuses and money read-only.

Status changes happen only through the services (admin actions), never by editing a field.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .feedback import FEEDBACK_MAX_LENGTH, REPLY_STATUSES, clean_feedback_text, feedback_reply
from .models import (
    DetailLine,
    FeedbackLine,
    FeedbackMessage,
    FeedbackStatus,
    Incentive,
    IncentiveProgram,
    ProgramRate,
    ReconciliationPeriod,
    Statement,
    StatementEvent,
)
from .services import IncentiveError, statement_publish


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProgramRateInline(admin.TabularInline):
    model = ProgramRate
    extra = 0


@admin.register(IncentiveProgram)
class IncentiveProgramAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "association_type"]
    list_filter = ["association_type"]
    search_fields = ["code", "name"]
    inlines = [ProgramRateInline]


@admin.register(ReconciliationPeriod)
class ReconciliationPeriodAdmin(admin.ModelAdmin):
    list_display = ["code", "start", "end", "confirmation_deadline"]
    search_fields = ["code"]


class ReadOnlyInline(admin.TabularInline):
    """Rows shown under their parent, never added, edited or deleted there."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class IncentiveInline(ReadOnlyInline):
    model = Incentive
    fields = ["incentive_id", "program", "amount"]
    show_change_link = True


class StatementEventInline(ReadOnlyInline):
    model = StatementEvent
    fields = ["created_at", "old_status", "new_status", "actor_label", "reason"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = [
        "partner",
        "period",
        "status",
        "total",
        "currency",
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

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Publish to partner (Estimated → Pending confirmation)"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        done, refused = 0, []
        for statement in queryset:
            try:
                if statement_publish(statement_id=statement.pk, actor=request.user).changed:
                    done += 1
            except IncentiveError as error:
                refused.append(f"{statement}: {error}")
        self.message_user(request, ngettext("%d bill published.", "%d bills published.", done) % done)
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)

    def has_publish_permission(self, request):
        return request.user.has_perm("incentives.publish_statement")


@admin.register(Incentive)
class IncentiveAdmin(admin.ModelAdmin):
    list_display = ["incentive_id", "statement", "program", "amount"]
    list_filter = ["program", "statement__period", "statement__status"]
    search_fields = ["incentive_id", "statement__partner__name"]
    list_select_related = ["statement__partner", "statement__period", "program"]
    readonly_fields = ["incentive_id", "statement", "program", "amount"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DetailLine)
class DetailLineAdmin(admin.ModelAdmin):
    list_display = [
        "order_id",
        "incentive",
        "customer",
        "product_type",
        "revenue",
        "rate",
        "amount",
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
        "feedback_status",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatementEvent)
class StatementEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "statement", "old_status", "new_status", "actor_label", "reason"]
    list_filter = ["new_status", "statement__period"]
    search_fields = ["statement__partner__name", "actor_label", "reason"]
    list_select_related = ["statement__partner", "statement__period"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("incentives.view_statementevent")


# --- Feedback on detail lines (Confirm Incentives > Details) -------------------------------


class FeedbackReplyForm(forms.ModelForm):
    reply = forms.CharField(
        label=_("Reply to the partner"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": FEEDBACK_MAX_LENGTH}),
        help_text=_("Required to answer; optional to resolve. The partner sees it on the line."),
    )
    new_status = forms.ChoiceField(
        label=_("Set the feedback to"),
        choices=[(status.value, status.label) for status in REPLY_STATUSES],
    )

    class Meta:
        model = FeedbackLine
        fields: list[str] = []

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("new_status")
        try:
            cleaned["reply"] = clean_feedback_text(
                cleaned.get("reply"), required=status == FeedbackStatus.ANSWERED
            )
        except ValidationError as error:
            self.add_error("reply", error)
        return cleaned


class FeedbackMessageInline(ReadOnlyInline):
    model = FeedbackMessage
    fields = ["created_at", "author_kind", "author_label", "text", "status"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FeedbackLine)
class FeedbackLineAdmin(admin.ModelAdmin):
    """Partners' feedback to answer: reply, and set it answered or resolved (via the service)."""

    form = FeedbackReplyForm
    list_display = ["order_id", "partner", "period", "customer", "amount", "feedback_status", "feedback_at"]
    list_filter = ["feedback_status", "period", ("partner", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["=order_id", "=incentive__incentive_id", "partner__name", "feedback"]
    list_select_related = ["partner", "period", "customer"]
    ordering = ["-feedback_at"]
    readonly_fields = [
        "partner",
        "period",
        "incentive",
        "program",
        "order_id",
        "customer",
        "product_type",
        "revenue",
        "rate",
        "amount",
        "feedback_status",
        "feedback",
        "feedback_reply",
        "feedback_at",
    ]
    fieldsets = [
        (_("Line"), {"fields": readonly_fields[:10]}),
        (_("Feedback"), {"fields": ["feedback_status", "feedback", "feedback_reply", "feedback_at"]}),
        (_("Reply"), {"fields": ["reply", "new_status"]}),
    ]
    inlines = [FeedbackMessageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(feedback_status=FeedbackStatus.NONE)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("incentives.reply_feedback")

    def save_model(self, request, obj, form, change):
        try:
            feedback_reply(
                line_id=obj.pk,
                actor=request.user,
                text=form.cleaned_data["reply"],
                status=form.cleaned_data["new_status"],
            )
        except IncentiveError as error:
            self.message_user(request, str(error), messages.ERROR)

    def save_related(self, request, form, formsets, change):
        pass  # the thread is append-only; save_model wrote the reply through the service

    def construct_change_message(self, request, form, formsets, add=False):
        return [{"changed": {"fields": ["feedback_status"]}}]


@admin.register(FeedbackMessage)
class FeedbackMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "line", "author_kind", "author_label", "status"]
    list_filter = ["author_kind", "status"]
    search_fields = ["=line__order_id", "author_label", "text"]
    list_select_related = ["line"]


# The payout review queue, the reminders' record and the exports live in their own modules.
from . import admin_exports, admin_review  # noqa: E402,F401
