"""The payee profile ("business information"): who receives a partner's bank transfers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models import AppendOnlyModel
from partner_center.service_owned import ALL


class PayeeStatus(models.TextChoices):
    PENDING = "pending_verification", _("Pending verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


def bank_letter_path(instance: "PayeeProfile", filename: str) -> str:
    return f"private/payees/{instance.partner_id}/{filename}"


class PayeeProfile(models.Model):
    partner = models.OneToOneField(
        "customers.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="payee"
    )
    signing_entity = models.CharField(_("signing entity"), max_length=200)
    tax_id = models.CharField(_("tax ID"), max_length=40)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    bank_name = models.CharField(_("bank name"), max_length=200)
    account_holder = models.CharField(_("account holder"), max_length=200)
    account_number = models.CharField(_("account number"), max_length=40)
    bank_letter = models.FileField(_("bank confirmation letter"), upload_to=bank_letter_path, blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=PayeeStatus.choices, default=PayeeStatus.PENDING
    )
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The partner's setting for automatic monthly requests, and the option they use.
    auto_request = models.BooleanField(_("automatic payment requests"), default=False)
    auto_option = models.CharField(_("default payment option"), max_length=20, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # the partner's edits and the verification, through services/payees.py

    class Meta:
        verbose_name = _("payee profile")
        verbose_name_plural = _("payee profiles")
        ordering = ["partner__name"]
        permissions = [("verify_payee", "Can verify or reject payee profiles")]

    def __str__(self):
        return f"{self.partner} ({self.signing_entity})"

    @property
    def masked_account(self) -> str:
        """The account number as shown after saving: only its last four digits."""
        digits = self.account_number.replace(" ", "")
        if len(digits) <= 4:
            return "*" * len(digits)
        return "**** " * 2 + digits[-4:]


class PayeeEvent(AppendOnlyModel):
    """Append-only audit trail of a payee profile: saves, verification, rejection."""

    profile = models.ForeignKey(PayeeProfile, on_delete=models.PROTECT, related_name="events")
    old_status = models.CharField(_("old status"), max_length=24, choices=PayeeStatus.choices, blank=True)
    new_status = models.CharField(_("new status"), max_length=24, choices=PayeeStatus.choices)
    action = models.CharField(_("action"), max_length=24)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("payee event")
        verbose_name_plural = _("payee events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.profile}: {self.action}"
