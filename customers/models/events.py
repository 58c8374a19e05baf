"""The append-only trail of a customer's association status (disassociation requests and answers)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_center.append_only import AppendOnlyModel
from partner_center.service_owned import ALL

from .customers import Customer, CustomerStatus


class CustomerEvent(AppendOnlyModel):
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="events")
    old_status = models.CharField(_("from"), max_length=30, choices=CustomerStatus.choices)
    new_status = models.CharField(_("to"), max_length=30, choices=CustomerStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=150)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("customer event")
        verbose_name_plural = _("customer events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["customer", "new_status", "at"], name="customerevent_rule")]

    def __str__(self):
        return f"{self.customer}: {self.old_status} → {self.new_status}"
