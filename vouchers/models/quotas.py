"""The voucher quota (代金券额度) the vendor grants a partner: amount, validity, product scope."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from incentives.models.base import MONEY


def new_quota_number() -> str:
    return f"VQ{secrets.token_hex(5).upper()}"


def scope_list(text: str) -> list[str]:
    """A product scope as written ("ECS, OBS"): its product types, upper case, each once, sorted;
    an empty scope is every product."""
    return sorted(
        {part.strip().upper() for part in (text or "").replace(";", ",").split(",") if part.strip()}
    )


class VoucherQuota(models.Model):
    """What a partner may issue as vouchers. issued and recalled are kept by the services under
    this row's lock; the database also refuses any row whose issued amount, less what recalls
    returned, exceeds the quota."""

    partner = models.ForeignKey(
        "customers.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="voucher_quotas",
    )
    number = models.CharField(_("quota number"), max_length=20, unique=True, default=new_quota_number)
    amount = models.DecimalField(_("quota amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    product_scope = models.CharField(
        _("product scope"),
        max_length=200,
        blank=True,
        help_text=_("Product types, comma-separated (e.g. ECS, OBS); empty for all products."),
    )
    issued_amount = models.DecimalField(_("issued"), **MONEY, default=0)
    recalled_amount = models.DecimalField(_("recalled"), **MONEY, default=0)
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ("issued_amount", "recalled_amount")  # issue and recall services

    class Meta:
        verbose_name = _("voucher quota")
        verbose_name_plural = _("voucher quotas")
        ordering = ["-valid_until", "number"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="voucher_quota_not_negative"),
            models.CheckConstraint(
                condition=Q(recalled_amount__gte=0, recalled_amount__lte=F("issued_amount")),
                name="voucher_quota_recalled_within_issued",
            ),
            models.CheckConstraint(
                condition=Q(issued_amount__lte=F("amount") + F("recalled_amount")),
                name="voucher_quota_never_overdrawn",
            ),
            models.CheckConstraint(condition=Q(valid_until__gte=F("valid_from")), name="voucher_quota_dates"),
        ]
        indexes = [models.Index(fields=["partner", "-valid_until"], name="voucher_quota_partner")]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.product_scope = ", ".join(scope_list(self.product_scope))
        super().save(*args, **kwargs)

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The quota cannot end before it starts.")})
        if self.amount is not None and self.amount < self.used_amount:
            raise ValidationError(
                {"amount": _("The quota cannot be less than what its vouchers already use.")}
            )

    @property
    def used_amount(self):
        """Held by vouchers now: what was issued less what recalls returned."""
        return (self.issued_amount or 0) - (self.recalled_amount or 0)

    @property
    def remaining_amount(self):
        return self.amount - self.used_amount

    @property
    def products(self) -> list[str]:
        return scope_list(self.product_scope)
