"""Customer alerts (客户预警): what the daily job derived, who handles it, how it ended."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models.base import AppendOnlyModel
from partner_center.service_owned import ALL


class AlertScenario(models.TextChoices):
    CHURN_RISK = "churn_risk", _("Churn risk")
    EXPIRING_RESOURCE = "expiring_resource", _("Resource expiring without renewal")
    NO_CONSUMPTION = "no_consumption", _("No consumption")
    QUOTA_LOW = "quota_low", _("Quota nearly used up")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("To be handled")
    CLOSED = "closed", _("Handled")


class AlertOutcome(models.TextChoices):
    LOST = "lost", _("Customer lost")
    NOT_LOST = "not_lost", _("Customer not lost")
    RESOLVED = "resolved", _("Resolved")


class CustomerAlert(models.Model):
    partner = models.ForeignKey("customers.Partner", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="alerts"
    )
    scenario = models.CharField(_("scenario"), max_length=30, choices=AlertScenario.choices)
    # what exactly was seen (a resource and its expiry, the two months compared, ...): with the
    # scenario it is the alert's cause; the same cause is raised at most once a day
    cause = models.CharField(_("cause"), max_length=120)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    raised_on = models.DateField(_("time generated"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handler_label = models.CharField(_("handler"), max_length=150)
    account_manager = models.CharField(_("account manager"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=AlertOutcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # derived by the daily job, processed by services/alerts.py

    class Meta:
        verbose_name = _("customer alert")
        verbose_name_plural = _("customer alerts")
        ordering = ["-raised_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "scenario", "cause", "raised_on"], name="alert_once_per_cause_and_day"
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "status", "-raised_on"], name="alert_partner_status"),
            models.Index(fields=["customer", "scenario", "cause"], name="alert_customer_cause"),
        ]

    def __str__(self):
        return f"{self.customer_id} {self.scenario} {self.raised_on}"


class AlertEvent(AppendOnlyModel):
    """The audit trail of an alert: raised, then processed (by whom, with which outcome)."""

    alert = models.ForeignKey(CustomerAlert, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    outcome = models.CharField(_("outcome"), max_length=10, choices=AlertOutcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("alert event")
        verbose_name_plural = _("alert events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.alert_id} {self.action}"
