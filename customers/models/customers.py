"""A partner's customers: who they are, how they are associated, their quota and discount."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .partners import AssociationType, Partner, PartnerKind


class CustomerStatus(models.TextChoices):
    ASSOCIATED = "associated", _("Associated")
    DISASSOCIATION_REQUESTED = "disassociation_requested", _("Disassociation requested")
    DISASSOCIATED = "disassociated", _("Disassociated")


class Industry(models.TextChoices):
    INTERNET = "internet", _("Internet")
    FINANCE = "finance", pgettext_lazy("industry", "Finance")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    RETAIL = "retail", _("Retail")
    EDUCATION = "education", _("Education")
    HEALTHCARE = "healthcare", _("Healthcare")
    GOVERNMENT = "government", _("Government")
    LOGISTICS = "logistics", _("Transport and logistics")
    MEDIA = "media", _("Media and entertainment")
    OTHER = "other", _("Other")


class CustomerLevel(models.TextChoices):
    """Huawei Cloud's customer levels V0 (new) to V5 (largest spend)."""

    V0 = "V0", "V0"
    V1 = "V1", "V1"
    V2 = "V2", "V2"
    V3 = "V3", "V3"
    V4 = "V4", "V4"
    V5 = "V5", "V5"


class Customer(models.Model):
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="customers"
    )
    name = models.CharField(_("customer name"), max_length=200)
    account = models.CharField(_("customer account"), max_length=64)
    association_type = models.CharField(_("association type"), max_length=20, choices=AssociationType.choices)
    association_date = models.DateField(_("association date"), default=timezone.localdate)
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
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices, blank=True)
    level = models.CharField(_("level"), max_length=2, choices=CustomerLevel.choices, blank=True)
    available_quota = models.DecimalField(_("available quota"), default=0, max_digits=18, decimal_places=2)
    budget = models.DecimalField(_("budget"), null=True, blank=True, max_digits=18, decimal_places=2)
    discount = models.DecimalField(
        _("discount"),
        max_digits=5,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("The share taken off the list price, e.g. 0.1500 for 15 percent off."),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=CustomerStatus.choices, default=CustomerStatus.ASSOCIATED
    )
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    company = models.ForeignKey(
        "customers.Company",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="customers",
        help_text=_("The enterprise encyclopedia's company, for a customer that came from a report."),
    )

    SERVICE_OWNED_FIELDS = ("status",)  # disassociation (services/disassociation.py); the rest is master data

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["name"]
        permissions = [("review_disassociation", "Can approve and reject disassociation requests")]
        constraints = [
            models.UniqueConstraint(fields=["partner", "account"], name="customer_account_per_partner"),
            models.CheckConstraint(
                condition=models.Q(discount__gte=0, discount__lte=1), name="customer_discount_is_a_share"
            ),
        ]
        indexes = [
            # the list's keyset pages and counts: each filter with the partner, ending in id
            models.Index(fields=["partner", "id"], name="customer_partner_page"),
            models.Index(fields=["partner", "status", "id"], name="customer_partner_status"),
            models.Index(fields=["partner", "association_type", "id"], name="customer_partner_assoc"),
            models.Index(fields=["partner", "industry", "id"], name="customer_partner_industry"),
            models.Index(fields=["partner", "level", "id"], name="customer_partner_level"),
            models.Index(fields=["partner", "association_date", "id"], name="customer_partner_date"),
            models.Index(fields=["partner", "available_quota"], name="customer_partner_quota"),
            models.Index(fields=["partner", "discount"], name="customer_partner_discount"),
            models.Index(fields=["tier2_reseller", "id"], name="customer_reseller_page"),
        ]

    def __str__(self):
        return f"{self.name} ({self.account})"
