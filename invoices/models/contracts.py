"""Offline contracts (线下合同): signed on paper, entered by operators, searched by the partner."""

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from incentives.models.base import MONEY


def contract_pdf_path(contract: "OfflineContract", filename: str) -> str:
    return f"contracts/{uuid.uuid4().hex}.pdf"


class OfflineContract(models.Model):
    """A commitment: the partner buys at least `committed_amount` within the commitment period,
    at the discounts per product type. What it has completed is computed from its orders."""

    code = models.CharField(_("contract code"), max_length=40, unique=True)
    partner = models.ForeignKey(
        "customers.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="contracts"
    )
    signed_on = models.DateField(_("signing date"))
    starts_on = models.DateField(_("commitment starts on"))
    ends_on = models.DateField(_("commitment ends on"))
    committed_amount = models.DecimalField(_("committed amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    signed_pdf = models.FileField(_("signed contract (PDF)"), upload_to=contract_pdf_path, max_length=200)
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ()  # operators' master data, entered in the admin

    class Meta:
        verbose_name = _("offline contract")
        verbose_name_plural = _("offline contracts")
        ordering = ["-signed_on", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="contract_period_order"),
            models.CheckConstraint(condition=Q(committed_amount__gt=0), name="contract_commitment_positive"),
        ]
        indexes = [models.Index(fields=["partner", "code"], name="contract_partner_code")]

    def __str__(self):
        return self.code


class ContractDiscount(models.Model):
    contract = models.ForeignKey(OfflineContract, on_delete=models.CASCADE, related_name="discounts")
    product_type = models.CharField(_("product type"), max_length=40)
    discount = models.DecimalField(
        _("discount"),
        max_digits=5,
        decimal_places=4,
        help_text=_("The share taken off the list price, e.g. 0.1500 for 15 percent off."),
    )

    SERVICE_OWNED_FIELDS = ()

    class Meta:
        verbose_name = _("discount")
        verbose_name_plural = _("discounts per product type")
        ordering = ["product_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "product_type"], name="contract_one_discount_per_product"
            ),
            models.CheckConstraint(
                condition=Q(discount__gte=0, discount__lte=1), name="contract_discount_share"
            ),
        ]

    def __str__(self):
        return f"{self.product_type}: {self.discount}"
