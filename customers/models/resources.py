"""A customer's cloud resources: pay-per-use or yearly/monthly, with expiry and renewal."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .customers import Customer
from .partners import Partner


class BillingMode(models.TextChoices):
    PAY_PER_USE = "pay_per_use", _("Pay-per-use")
    YEARLY_MONTHLY = "yearly_monthly", _("Yearly/Monthly")


class Resource(models.Model):
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="resources"
    )
    service = models.CharField(_("service"), max_length=40)
    specification = models.CharField(_("specification"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=40)
    billing_mode = models.CharField(_("billing mode"), max_length=20, choices=BillingMode.choices)
    start = models.DateField(_("start"))
    expiry = models.DateField(
        _("expiry"), null=True, blank=True, help_text=_("Yearly/monthly resources only.")
    )
    auto_renew = models.BooleanField(_("auto-renew"), default=False)
    monthly_spend = models.DecimalField(_("monthly spend"), max_digits=18, decimal_places=2, default=0)

    SERVICE_OWNED_FIELDS = ()  # the cloud's resource records, maintained by operators

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["customer", "id"]
        indexes = [
            models.Index(fields=["customer", "id"], name="resource_customer_page"),
            models.Index(fields=["customer", "expiry"], name="resource_customer_expiry"),
            models.Index(fields=["partner", "expiry"], name="resource_partner_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(billing_mode="pay_per_use", expiry__isnull=True)
                | models.Q(billing_mode="yearly_monthly", expiry__isnull=False),
                name="resource_expiry_only_yearly_monthly",
            ),
        ]

    def __str__(self):
        return f"{self.service} {self.specification} ({self.region})"
