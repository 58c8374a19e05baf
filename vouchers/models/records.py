"""The voucher operation log (操作记录): every issue and recall, successful or failed. Append-only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models.base import MONEY, AppendOnlyModel
from partner_center.service_owned import ALL


class Operation(models.TextChoices):
    """The nine operation types of the vendor's voucher operation log."""

    ISSUE = "issue", _("Issue")
    MANUAL_RECALL = "manual_recall", _("Manual recall")
    RECALL_UNBINDING = "recall_unbinding", _("Recall on unbinding")
    RECALL_EXPIRY = "recall_expiry", _("Recall on expiry")
    RECALL_UNSUBSCRIPTION = "recall_unsubscription", _("Recall on unsubscription")
    RECALL_REFUND_REVERSAL = "recall_refund_reversal", _("Recall on refund reversal")
    RECALL_ASSOCIATION = "recall_association", _("Recall on change of association")
    RECALL_ASSOCIATION_MODE = "recall_association_mode", _("Recall on change of association mode")
    RECALL_TRANSFER = "recall_transfer", _("Recall on transfer between resellers")


class OperationResult(models.TextChoices):
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class OperationRecord(AppendOnlyModel):
    """One operation as it happened: the customer's, quota's and voucher's names are copied,
    so a record reads the same however its objects change later."""

    partner = models.ForeignKey(
        "customers.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    operation = models.CharField(_("operation type"), max_length=24, choices=Operation.choices)
    result = models.CharField(_("result"), max_length=10, choices=OperationResult.choices)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    customer_name = models.CharField(_("customer"), max_length=200, blank=True)
    quota = models.ForeignKey(
        "vouchers.VoucherQuota", on_delete=models.PROTECT, null=True, blank=True, related_name="records"
    )
    quota_number = models.CharField(_("quota number"), max_length=20, blank=True)
    voucher = models.ForeignKey(
        "vouchers.Voucher", on_delete=models.PROTECT, null=True, blank=True, related_name="records"
    )
    voucher_number = models.CharField(_("voucher ID"), max_length=20, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY, null=True, blank=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    operator_label = models.CharField(_("operator"), max_length=150)
    message = models.TextField(_("details"), blank=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("voucher operation record")
        verbose_name_plural = _("voucher operation records")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["partner", "-at", "-id"], name="voucher_log_page"),
            models.Index(fields=["partner", "operation", "-at"], name="voucher_log_operation"),
            models.Index(fields=["partner", "voucher_number"], name="voucher_log_voucher"),
            models.Index(fields=["partner", "quota_number"], name="voucher_log_quota"),
        ]

    def __str__(self):
        return f"{self.get_operation_display()} {self.voucher_number} ({self.get_result_display()})"
