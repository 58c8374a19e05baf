"""The MDF audit trail (append-only) and the claim-deadline reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models.base import AppendOnlyModel
from partner_center.service_owned import ALL

from .applications import Application
from .claims import Claim

ACTION_LABELS = {
    "create": _("Draft created"),
    "submit": _("Application submitted"),
    "approve": _("Application approved"),
    "return": _("Application returned"),
    "reject": _("Application rejected"),
    "cancel": _("Application cancelled"),
    "claim_overdue": _("Claim deadline passed"),
    "claim_create": _("Claim started"),
    "claim_submit": _("Claim submitted"),
    "claim_start_review": _("Claim review started"),
    "claim_approve": _("Claim approved"),
    "claim_return": _("Claim returned"),
    "claim_reject": _("Claim rejected"),
    "claim_pay": _("Claim paid"),
}


class MdfEvent(AppendOnlyModel):
    """One change of an application or its claim: who, when, from and to which status, why."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, null=True, blank=True, related_name="events")
    action = models.CharField(_("action"), max_length=24)
    old_status = models.CharField(_("from"), max_length=16)
    new_status = models.CharField(_("to"), max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("by"), max_length=150)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("MDF event")
        verbose_name_plural = _("MDF events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.action_label} ({self.actor_label})"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


class ReminderKind(models.TextChoices):
    DAYS_14 = "14d", _("14 days before the claim deadline")
    DAYS_3 = "3d", _("3 days before the claim deadline")


class MdfReminder(models.Model):
    """A claim-deadline reminder, at most one per application, kind and deadline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=4, choices=ReminderKind.choices)
    due_on = models.DateField(_("claim due on"))
    recipients = models.TextField(_("recipients"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # the deadline job's record

    class Meta:
        verbose_name = _("MDF reminder")
        verbose_name_plural = _("MDF reminders")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "due_on"], name="mdf_one_reminder"),
        ]

    def __str__(self):
        return f"{self.application} {self.kind}"
