"""The deadline reminders' record in the admin (read-only: the beat job writes it)."""

from django.contrib import admin

from ..models import DeadlineReminder
from .base import ReadOnlyAdmin


@admin.register(DeadlineReminder)
class DeadlineReminderAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "statement", "user", "kind", "deadline", "sent_at"]
    list_filter = ["kind", "statement__period"]
    search_fields = ["statement__partner__name", "user__username"]
    list_select_related = ["statement__partner", "statement__period", "user"]
