"""Deadline reminder e-mails, one row per reminder so that each goes out once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_center.service_owned import ALL

from .statements import Statement


class ReminderKind(models.TextChoices):
    THREE_DAYS = "3d", _("3 days before the deadline")
    ONE_DAY = "1d", _("1 day before the deadline")


class DeadlineReminder(models.Model):
    """One reminder e-mail to one partner user that a bill awaits confirmation.

    The row is the record that makes each reminder go out once. It carries the deadline it
    reminds of: a bill returned by an operator has a new deadline, which gets its own reminders.
    """

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=2, choices=ReminderKind.choices)
    deadline = models.DateTimeField(_("confirmation deadline"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # the reminder job's record

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "user", "kind", "deadline"], name="one_reminder_per_bill_user_kind"
            ),
        ]
        indexes = [
            models.Index(
                fields=["deadline"], condition=models.Q(sent_at__isnull=True), name="reminder_unsent"
            ),
        ]

    def __str__(self):
        return f"{self.statement} → {self.user} ({self.get_kind_display()})"
