"""Invoice requests: the partner asks the vendor for an invoice over some of its resale orders;
the orders it covers, and its append-only audit trail (its timeline)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incentives.models import MONEY, AppendOnlyModel
from partner_center.service_owned import ALL

from .invoice_info import ResaleOrder


class RequestBasis(models.TextChoices):
    PERIOD = "period", _("By period")
    ORDERS = "orders", _("By order")
    CUSTOMER = "customer", _("By customer and period")


class InvoiceKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary invoice")
    SPECIAL = "special", _("VAT special invoice")


class InvoiceMedium(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")


class InvoiceRequestStatus(models.TextChoices):
    PENDING_REVIEW = "pending_review", _("Pending review")
    REJECTED = "rejected", _("Rejected")
    ISSUING = "issuing", _("Issuing")
    CANCELLING = "cancelling", _("Cancelling")
    CANCELLED = "cancelled", _("Cancelled")
    CANCEL_FAILED = "cancel_failed", _("Issuing (cancellation failed)")
    PENDING_RECEIPT = "pending_receipt", _("Pending receipt")
    ISSUED = "issued", _("Issued")
    RETURNING = "returning", _("Return in progress")
    RETURN_REJECTED = "return_rejected", _("Return rejected")
    RETURNED = "returned", _("Returned")


def invoice_pdf_path(instance: "InvoiceRequest", filename: str) -> str:
    return f"private/invoice-requests/{instance.pk}/{filename}"


class InvoiceRequest(models.Model):
    partner = models.ForeignKey(
        "customers.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="invoice_requests",
    )
    basis = models.CharField(_("requested by"), max_length=10, choices=RequestBasis.choices)
    period = models.CharField(_("billing period"), max_length=7, blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("invoice kind"), max_length=10, choices=InvoiceKind.choices)
    medium = models.CharField(_("paper or electronic"), max_length=10, choices=InvoiceMedium.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvoiceRequestStatus.choices,
        default=InvoiceRequestStatus.PENDING_REVIEW,
    )
    total = models.DecimalField(_("amount (tax included)"), **MONEY)
    tax_amount = models.DecimalField(_("tax amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    # the invoice information as it was when the partner asked (the template may change later)
    title_info = models.JSONField(_("invoice information"), default=dict)
    submitted_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applied by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)  # the clerk's service level, if owed
    reason = models.TextField(_("reason"), blank=True)  # the latest reason given (rejection, refusal)
    invoice_number = models.CharField(_("invoice number"), max_length=20, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    carrier = models.CharField(_("carrier"), max_length=60, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    pdf = models.FileField(_("electronic invoice"), upload_to=invoice_pdf_path, blank=True)
    hidden_at = models.DateTimeField(_("deleted at"), null=True, blank=True)  # a rejected one, deleted

    SERVICE_OWNED_FIELDS = ALL  # its workflow (services/invoice_requests.py: TRANSITIONS)

    class Meta:
        verbose_name = _("invoice request")
        verbose_name_plural = _("invoice requests")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="invoice_request_queue"),
            models.Index(fields=["partner", "submitted_at"], name="invoice_request_list"),
        ]
        permissions = [("process_invoice", "Can process invoice requests (invoice clerk)")]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"IR{self.pk or 0:08d}"


class InvoiceRequestOrder(models.Model):
    """One order an invoice request covers. `live` is cleared when the request is rejected,
    cancelled or returned, so an order is in at most one live request (the constraint)."""

    request = models.ForeignKey(InvoiceRequest, on_delete=models.PROTECT, related_name="orders")
    order = models.ForeignKey(
        ResaleOrder, verbose_name=_("order"), on_delete=models.PROTECT, related_name="invoice_items"
    )
    amount = models.DecimalField(_("amount (tax included)"), **MONEY)
    tax_amount = models.DecimalField(_("tax amount"), **MONEY)
    live = models.BooleanField(default=True)

    SERVICE_OWNED_FIELDS = ALL

    class Meta:
        verbose_name = _("invoiced order")
        verbose_name_plural = _("invoiced orders")
        ordering = ["order__period", "order__order_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=Q(live=True), name="one_live_invoice_request_per_order"
            ),
        ]

    def __str__(self):
        return f"{self.request}: {self.order}"


class InvoiceRequestEvent(AppendOnlyModel):
    """Append-only audit trail of an invoice request: every status change, with actor and reason."""

    request = models.ForeignKey(InvoiceRequest, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=24)
    old_status = models.CharField(
        _("old status"), max_length=20, choices=InvoiceRequestStatus.choices, blank=True
    )
    new_status = models.CharField(_("new status"), max_length=20, choices=InvoiceRequestStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("invoice request event")
        verbose_name_plural = _("invoice request events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.request}: {self.action}"
