"""A voucher (代金券) issued to one of the partner's customers from a quota."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from incentives.models.base import MONEY
from partner_center.service_owned import ALL

from .quotas import VoucherQuota, scope_list


def new_voucher_number() -> str:
    return f"VC{secrets.token_hex(6).upper()}"


class VoucherStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RECALLED = "recalled", _("Recalled")


class Voucher(models.Model):
    partner = models.ForeignKey(
        "customers.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="vouchers"
    )
    quota = models.ForeignKey(
        VoucherQuota, verbose_name=_("quota"), on_delete=models.PROTECT, related_name="vouchers"
    )
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="vouchers"
    )
    number = models.CharField(_("voucher ID"), max_length=20, unique=True, default=new_voucher_number)
    amount = models.DecimalField(_("face value"), **MONEY)
    used_amount = models.DecimalField(_("used by the customer"), **MONEY, default=0)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    product_scope = models.CharField(_("product scope"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VoucherStatus.choices, default=VoucherStatus.ACTIVE
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    recall_operation = models.CharField(_("recalled by"), max_length=24, blank=True)
    returned_amount = models.DecimalField(_("returned to the quota"), **MONEY, default=0)
    recalled_at = models.DateTimeField(_("recalled at"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # issue, usage and recall services

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="voucher_positive"),
            models.CheckConstraint(
                condition=Q(used_amount__gte=0, used_amount__lte=F("amount")), name="voucher_used_within_face"
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "-issued_at"], name="voucher_partner"),
            models.Index(fields=["status", "valid_until"], name="voucher_expiry"),
            models.Index(fields=["customer", "status"], name="voucher_customer"),
        ]

    def __str__(self):
        return self.number

    @property
    def unused_amount(self):
        return self.amount - self.used_amount

    @property
    def products(self) -> list[str]:
        return scope_list(self.product_scope)
