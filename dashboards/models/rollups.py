"""The rollups the dashboards read: a few hundred rows per partner and year, never the lines."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models.base import MONEY
from partner_center.service_owned import ALL


class IncentiveRollup(models.Model):
    """The amount of a bill's lines per program, product type and account manager.

    Rebuilt from LineTotal with it (incentives/services/line_totals.py calls
    dashboards.services.rollups.incentive_rollup_rebuild for the same bills), so the incentive
    dashboard sums a year of a partner in a few hundred rows. The bill's status is read through
    `statement` at query time: a confirmation moves the figures without a rewrite.
    """

    partner = models.ForeignKey("customers.Partner", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(
        "incentives.ReconciliationPeriod", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    statement = models.ForeignKey("incentives.Statement", on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(
        "incentives.IncentiveProgram", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    association_type = models.CharField(_("association type"), max_length=20)
    product_type = models.CharField(_("product type"), max_length=40)
    account_manager = models.CharField(_("account manager"), max_length=100, blank=True)
    line_count = models.PositiveIntegerField(_("lines"))
    amount = models.DecimalField(_("amount"), **MONEY)

    SERVICE_OWNED_FIELDS = ALL  # kept by services/rollups.py

    class Meta:
        verbose_name = _("incentive rollup")
        verbose_name_plural = _("incentive rollups")
        indexes = [models.Index(fields=["partner", "period"], name="rollup_partner_period")]

    def __str__(self):
        return f"{self.statement_id}/{self.program_id}/{self.product_type}: {self.amount}"


class StatDimension(models.TextChoices):
    STATUS = "status", _("Status")
    LEVEL = "level", _("Level")
    INDUSTRY = "industry", _("Industry")
    REGION = "region", _("Region")
    SPEND_BAND = "spend_band", _("Monthly spend")
    ASSOCIATED_MONTH = "associated", _("Newly associated")
    DISASSOCIATED_MONTH = "disassociated", _("Disassociated")
    REVENUE = "revenue", _("Revenue contribution")


class CustomerStat(models.Model):
    """One figure of the customer dashboard: customers (and revenue) per dimension and key.

    Written per partner by the daily job (services/customer_stats.py), one row per account
    manager, dimension and key; `customer` is set only for the revenue rows (one per customer).
    """

    partner = models.ForeignKey("customers.Partner", on_delete=models.CASCADE, related_name="+")
    account_manager = models.CharField(_("account manager"), max_length=100, blank=True)
    dimension = models.CharField(_("dimension"), max_length=20, choices=StatDimension.choices)
    key = models.CharField(_("key"), max_length=200, blank=True)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    customers = models.PositiveIntegerField(_("customers"), default=0)
    amount = models.DecimalField(_("amount"), **MONEY, default=0)
    computed_at = models.DateTimeField(_("computed at"))

    SERVICE_OWNED_FIELDS = ALL  # the daily job's figures

    class Meta:
        verbose_name = _("customer figure")
        verbose_name_plural = _("customer figures")
        indexes = [models.Index(fields=["partner", "dimension"], name="customerstat_dimension")]

    def __str__(self):
        return f"{self.partner_id} {self.dimension} {self.key}: {self.customers}"
