"""The partner's invoice-information template (one per partner) and its resale orders, the
billing records it invoices (fed from the same data as the incentive detail lines)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models import MONEY, PERIOD_CODE


class TitleType(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    INDIVIDUAL = "individual", _("Individual")


class InvoiceProfile(models.Model):
    """What the vendor prints on the partner's invoices and where it sends them."""

    partner = models.OneToOneField(
        "customers.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="invoice_profile",
    )
    title_type = models.CharField(_("title type"), max_length=10, choices=TitleType.choices)
    title = models.CharField(_("invoice title"), max_length=200)
    tax_id = models.CharField(_("taxpayer ID"), max_length=20, blank=True)
    registered_address = models.CharField(_("registered address"), max_length=200, blank=True)
    registered_phone = models.CharField(_("registered phone"), max_length=30, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail for electronic invoices"), blank=True)
    recipient = models.CharField(_("recipient"), max_length=100, blank=True)
    recipient_phone = models.CharField(_("recipient's phone"), max_length=30, blank=True)
    mailing_address = models.CharField(_("mailing address"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    SERVICE_OWNED_FIELDS = ("updated_at", "updated_by")  # saved by invoice_profile_save

    class Meta:
        verbose_name = _("invoice information")
        verbose_name_plural = _("invoice information")
        ordering = ["partner__name"]

    def __str__(self):
        return f"{self.partner}: {self.title}"


class ResaleOrder(models.Model):
    """One resale order of a partner's customer in a billing period: its spend (tax included),
    the amount an invoice request covers."""

    partner = models.ForeignKey(
        "customers.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="resale_orders"
    )
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="+"
    )
    order_id = models.CharField(_("order ID"), max_length=40)
    period = models.CharField(_("billing period"), max_length=7, validators=[PERIOD_CODE])
    product_type = models.CharField(_("product type"), max_length=40, blank=True)
    amount = models.DecimalField(_("amount (tax included)"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")

    SERVICE_OWNED_FIELDS = ()  # the billing system's records

    class Meta:
        verbose_name = _("resale order")
        verbose_name_plural = _("resale orders")
        ordering = ["period", "order_id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "order_id"], name="resale_order_per_partner"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="resale_order_amount_positive"),
        ]
        indexes = [models.Index(fields=["partner", "period", "customer"], name="resale_order_period")]

    def __str__(self):
        return self.order_id
