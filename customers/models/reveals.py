"""The audit of revealed contacts: who saw which contact field of which customer, when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_center.append_only import AppendOnlyModel
from partner_center.service_owned import ALL

from .customers import Customer
from .partners import Partner


class ContactField(models.TextChoices):
    MOBILE = "mobile", _("Mobile")
    EMAIL = "email", _("E-mail")


class ContactReveal(AppendOnlyModel):
    """One reveal of one contact field of one customer (append-only; a trigger on PostgreSQL)."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="reveals"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revealed by"), on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField(_("field"), max_length=10, choices=ContactField.choices)
    at = models.DateTimeField(_("revealed at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail of who saw a contact

    class Meta:
        verbose_name = _("contact reveal")
        verbose_name_plural = _("contact reveals")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["partner", "-at"], name="reveal_partner_newest")]

    def __str__(self):
        return f"{self.actor} → {self.customer} ({self.field})"
