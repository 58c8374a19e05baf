"""Partners' feedback on detail lines, answered by operators (Confirm Incentives > Details)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, Value, When
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.errors import DomainError, InvalidInput

from ..models import FeedbackLine, FeedbackMessage, FeedbackStatus
from ..services.feedback import FEEDBACK_MAX_LENGTH, REPLY_STATUSES, clean_feedback_text, feedback_reply
from .base import ReadOnlyAdmin, ReadOnlyInline, line_amount

LIST_TEXT_LENGTH = 80  # characters of the feedback and the reply shown in the list
OPEN_FIRST = Case(When(feedback_status=FeedbackStatus.OPEN, then=Value(0)), default=Value(1)).asc()


def shortened(text: str) -> str:
    """The list's cell: one line, at most LIST_TEXT_LENGTH characters (escaped by the admin)."""
    return Truncator(" ".join(text.split())).chars(LIST_TEXT_LENGTH)


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
        super().clean()
        cleaned = self.cleaned_data  # what ModelForm.clean() returns (its stub allows None)
        status = cleaned.get("new_status")
        try:
            cleaned["reply"] = clean_feedback_text(
                cleaned.get("reply"), required=status == FeedbackStatus.ANSWERED
            )
        except InvalidInput as error:
            self.add_error("reply", error.as_validation_error())
        return cleaned


class FeedbackMessageInline(ReadOnlyInline):
    model = FeedbackMessage
    fields = ["created_at", "author_kind", "author_label", "text", "status"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FeedbackLine)
class FeedbackLineAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    """Partners' feedback to answer: reply, and set it answered or resolved (via the service)."""

    form = FeedbackReplyForm
    list_display = [
        "order_id",
        "partner",
        "period",
        "customer",
        line_amount,
        "feedback_status",
        "feedback_text",
        "reply_text",
        "feedback_at",
    ]
    list_filter = ["feedback_status", "period", ("partner", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["=order_id", "=incentive__incentive_id", "partner__name", "feedback"]
    list_select_related = ["partner", "period", "customer"]
    # What waits for a reply first, then the newest (lines with feedback: a small partial index).
    ordering = [OPEN_FIRST, "-feedback_at", "-id"]  # type: ignore[list-item]  # stub gap: expressions order too
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
        (_("Line"), {"fields": tuple(readonly_fields[:10])}),
        (_("Feedback"), {"fields": ["feedback_status", "feedback", "feedback_reply", "feedback_at"]}),
        (_("Reply"), {"fields": ["reply", "new_status"]}),
    ]
    inlines = [FeedbackMessageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(feedback_status=FeedbackStatus.NONE)

    @admin.display(description=_("feedback"), ordering="feedback")
    def feedback_text(self, line: FeedbackLine) -> str:
        return shortened(line.feedback)

    @admin.display(description=_("reply"), ordering="feedback_reply")
    def reply_text(self, line: FeedbackLine) -> str:
        return shortened(line.feedback_reply) or "-"

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
        except DomainError as error:
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
