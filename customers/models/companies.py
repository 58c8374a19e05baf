"""The enterprise encyclopedia (企业百科): a directory of companies a partner may prospect, and
reporting one as the partner's customer (报备客户) with its append-only trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partner_center.append_only import AppendOnlyModel
from partner_center.service_owned import ALL

from .customers import Customer, Industry
from .partners import AssociationType, Partner, Site


class CompanySize(models.TextChoices):
    MICRO = "micro", _("Micro (under 10 staff)")
    SMALL = "small", _("Small (10-99 staff)")
    MEDIUM = "medium", _("Medium (100-999 staff)")
    LARGE = "large", _("Large (1,000 staff or more)")


class Company(models.Model):
    """One registered company; master data (in production an imported directory)."""

    name = models.CharField(_("registered name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=32,
        unique=True,
        help_text=_("The 18-character code of a mainland company; the local registration number abroad."),
    )
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    region = models.CharField(_("region"), max_length=100)
    site = models.CharField(
        _("site"),
        max_length=20,
        choices=Site.choices,
        help_text=_("The cloud site where the company is registered: mainland China or international."),
    )
    size = models.CharField(pgettext_lazy("company", "size"), max_length=20, choices=CompanySize.choices)
    registered_capital = models.DecimalField(_("registered capital (CNY)"), max_digits=18, decimal_places=2)
    founded = models.DateField(_("founded"))

    SERVICE_OWNED_FIELDS = ()  # master data

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "id"]
        # on PostgreSQL a trigram index on UPPER(name) serves the search (migration 0009)

    def __str__(self):
        return self.name


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")


class CustomerReport(models.Model):
    """A partner's report of a company as its customer (报备), reviewed by operators."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="customer_reports"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices)
    association_type = models.CharField(_("association type"), max_length=20, choices=AssociationType.choices)
    expected_spend = models.DecimalField(_("expected monthly spend (CNY)"), max_digits=18, decimal_places=2)
    notes = models.TextField(_("notes"), blank=True, max_length=1000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was rejected."))
    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The customer created when the report was approved."),
    )

    SERVICE_OWNED_FIELDS = ALL  # its workflow (services/reports.py) writes every field

    class Meta:
        verbose_name = _("customer report")
        verbose_name_plural = _("customer reports")
        ordering = ["-requested_at", "-id"]
        permissions = [("review_customerreport", "Can approve and reject customer reports")]
        constraints = [
            # the database's own guard behind the company row lock: one pending report per company
            models.UniqueConstraint(
                fields=["company"],
                condition=models.Q(status="pending"),
                name="one_pending_report_per_company",
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "-id"], name="report_partner"),
            models.Index(fields=["status", "expires_at"], name="report_pending"),
        ]

    def __str__(self):
        return f"{self.partner} → {self.company} ({self.get_status_display()})"


class CustomerReportEvent(AppendOnlyModel):
    report = models.ForeignKey(CustomerReport, on_delete=models.PROTECT, related_name="events")
    old_status = models.CharField(_("from"), max_length=20, blank=True)
    new_status = models.CharField(_("to"), max_length=20, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=150)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("customer report event")
        verbose_name_plural = _("customer report events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.old_status or '-'} → {self.new_status} ({self.actor_label})"
