"""A partner's customers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .partners import AssociationType, Partner, PartnerKind


class Customer(models.Model):
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="customers"
    )
    name = models.CharField(_("customer name"), max_length=200)
    account = models.CharField(_("customer account"), max_length=64)
    association_type = models.CharField(_("association type"), max_length=20, choices=AssociationType.choices)
    account_manager = models.CharField(_("account manager"), max_length=100, blank=True)
    tier2_reseller = models.ForeignKey(
        Partner,
        verbose_name=_("tier-2 reseller"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resold_customers",
        limit_choices_to={"kind": PartnerKind.RESELLER},
    )

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "account"], name="customer_account_per_partner"),
        ]

    def __str__(self):
        return f"{self.name} ({self.account})"
