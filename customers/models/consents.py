"""The customer's own answer to an authorisation: a one-time verification code e-mailed to the
customer's contact with a signed link to a small public page (approve, or later revoke)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_center.service_owned import ALL

from .authorisations import Authorisation


class ConsentPurpose(models.TextChoices):
    APPROVE = "approve", _("Approve the authorisation")
    REVOKE = "revoke", _("Revoke the authorisation")


class CustomerConsent(models.Model):
    authorisation = models.ForeignKey(
        Authorisation, verbose_name=_("authorisation"), on_delete=models.PROTECT, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    sent_to = models.EmailField(_("sent to"))
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    failed_attempts = models.PositiveSmallIntegerField(_("wrong codes"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # services/consents.py writes every field

    class Meta:
        verbose_name = _("customer verification code")
        verbose_name_plural = _("customer verification codes")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.authorisation_id}: {self.get_purpose_display()} ({self.sent_to})"
