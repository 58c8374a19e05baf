"""Customer authorisation (申请客户授权): a partner's request to order for a resale customer,
and its append-only trail of status changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_center.append_only import AppendOnlyModel
from partner_center.service_owned import ALL

from .customers import Customer
from .partners import Partner


class AuthorisationStatus(models.TextChoices):
    PENDING_DISTRIBUTOR = "pending_distributor", _("Pending distributor approval")
    PENDING_CUSTOMER = "pending_customer", _("Pending customer approval")
    AUTHORISED = "authorised", _("Authorised")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Authorisation(models.Model):
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="authorisations"
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="authorisations"
    )
    status = models.CharField(_("status"), max_length=30, choices=AuthorisationStatus.choices)
    notes = models.TextField(_("notes"), blank=True, max_length=1000)
    commitment_accepted_at = models.DateTimeField(
        _("commitment letter accepted at"),
        null=True,
        blank=True,
        help_text=_("Set on a partner's first request, when its user accepts the commitment letter."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was rejected or revoked."))

    SERVICE_OWNED_FIELDS = ALL  # its workflow (services/authorisations.py) writes every field

    class Meta:
        verbose_name = _("customer authorisation")
        verbose_name_plural = _("customer authorisations")
        ordering = ["-requested_at", "-id"]
        permissions = [("review_authorisation", "Can approve, reject and revoke customer authorisations")]
        indexes = [
            models.Index(fields=["partner", "-id"], name="authorisation_partner"),
            models.Index(fields=["status", "status_changed_at"], name="authorisation_pending"),
        ]

    def __str__(self):
        return f"{self.partner} → {self.customer} ({self.get_status_display()})"


class AuthorisationEvent(AppendOnlyModel):
    """One status change of a request: who (a user, or empty for the system), when, why."""

    authorisation = models.ForeignKey(Authorisation, on_delete=models.PROTECT, related_name="events")
    old_status = models.CharField(_("from"), max_length=30, blank=True)
    new_status = models.CharField(_("to"), max_length=30, choices=AuthorisationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=150)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("authorisation event")
        verbose_name_plural = _("authorisation events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.old_status or '-'} → {self.new_status} ({self.actor_label})"
