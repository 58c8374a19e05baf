"""Payment requests: a partner asks to be paid its issued incentives; the request's items,
the partner's VAT invoices, and the request's append-only audit trail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incentives.models import MONEY, AppendOnlyModel
from partner_center.service_owned import ALL


class PaymentOption(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    TOP_UP = "top_up", _("Top-up of the cloud account")
    COUPONS = "coupons", _("Cash coupons")


class PaymentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted (processing)")
    AWAITING_INVOICE = "awaiting_invoice", _("Awaiting invoice")
    INVOICE_REVIEW = "invoice_review", _("Invoice review")
    APPROVED = "approved", _("Approved")
    PAYMENT_FAILED = "payment_failed", _("Payment failed")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentRequest(models.Model):
    partner = models.ForeignKey(
        "customers.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="payment_requests",
    )
    option = models.CharField(_("payment option"), max_length=20, choices=PaymentOption.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.SUBMITTED
    )
    total = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    automatic = models.BooleanField(_("automatic request"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    # when the invoices that add up went to review: payment is due 30 calendar days later
    invoices_received_at = models.DateTimeField(_("invoices received at"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    paid_amount = models.DecimalField(_("paid amount"), **MONEY, null=True, blank=True)
    coupons_valid_until = models.DateField(_("coupons valid until"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # its workflow (services/payments.py: TRANSITIONS)

    class Meta:
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="payment_queue")]
        permissions = [("process_payment", "Can process payment requests (finance)")]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"PR{self.pk or 0:08d}"


class PaymentRequestItem(models.Model):
    """One incentive in a request. `active` is cleared when the request is cancelled, so an
    incentive is in at most one active request: the partial unique constraint below."""

    request = models.ForeignKey(PaymentRequest, on_delete=models.PROTECT, related_name="items")
    incentive = models.ForeignKey(
        "incentives.Incentive",
        verbose_name=_("incentive"),
        on_delete=models.PROTECT,
        related_name="payment_items",
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    active = models.BooleanField(default=True)

    SERVICE_OWNED_FIELDS = ALL

    class Meta:
        verbose_name = _("payment request item")
        verbose_name_plural = _("payment request items")
        ordering = ["incentive__incentive_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incentive"], condition=Q(active=True), name="one_active_payment_per_incentive"
            ),
        ]

    def __str__(self):
        return f"{self.request}: {self.incentive}"


class InvoiceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


def invoice_file_path(instance: "PaymentInvoice", filename: str) -> str:
    return f"private/payment-invoices/{instance.request_id}/{filename}"


class PaymentInvoice(models.Model):
    """A VAT special invoice (tax included) from the partner. Its number serves one request only,
    for ever: a rejected invoice is reissued under a new number (red-letter reversal)."""

    request = models.ForeignKey(PaymentRequest, on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(_("invoice number"), max_length=40, unique=True)
    issued_on = models.DateField(_("invoice date"))
    amount = models.DecimalField(_("amount (tax included)"), **MONEY)
    tax_amount = models.DecimalField(_("tax amount"), **MONEY)
    file = models.FileField(_("invoice file"), upload_to=invoice_file_path)
    status = models.CharField(
        _("status"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.SUBMITTED
    )
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # uploaded and reviewed through the services

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_invoice_amount_positive"),
            models.CheckConstraint(
                condition=Q(tax_amount__gte=0) & Q(tax_amount__lt=models.F("amount")),
                name="payment_invoice_tax_below_amount",
            ),
        ]

    def __str__(self):
        return self.number


class PaymentEvent(AppendOnlyModel):
    """Append-only audit trail of a request: every status change and every invoice handed in."""

    request = models.ForeignKey(PaymentRequest, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=24)
    old_status = models.CharField(_("old status"), max_length=20, choices=PaymentStatus.choices, blank=True)
    new_status = models.CharField(_("new status"), max_length=20, choices=PaymentStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.request}: {self.action}"
