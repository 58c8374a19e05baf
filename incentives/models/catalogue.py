"""The vendor's catalogue: incentive programs, their rates, and reconciliation periods."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from customers.models import AssociationType

from .base import PERIOD_CODE, RATE


class IncentiveProgram(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("incentive name"), max_length=200)
    association_type = models.CharField(_("association type"), max_length=20, choices=AssociationType.choices)
    policy = models.TextField(_("incentive policy"))

    SERVICE_OWNED_FIELDS = ()  # the vendor's catalogue, maintained by operators

    class Meta:
        verbose_name = _("incentive program")
        verbose_name_plural = _("incentive programs")
        ordering = ["code"]

    def __str__(self):
        return self.name


class ProgramRate(models.Model):
    """The calculation rule of a program, as data: the rate paid per product type."""

    program = models.ForeignKey(IncentiveProgram, on_delete=models.CASCADE, related_name="rates")
    product_type = models.CharField(_("product type"), max_length=40)
    rate = models.DecimalField(_("rate"), **RATE, validators=[MinValueValidator(0)])

    SERVICE_OWNED_FIELDS = ()

    class Meta:
        verbose_name = _("program rate")
        verbose_name_plural = _("program rates")
        ordering = ["program", "product_type"]
        constraints = [
            models.UniqueConstraint(fields=["program", "product_type"], name="rate_per_product_type"),
            models.CheckConstraint(condition=models.Q(rate__gte=0), name="rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.program.code} {self.product_type}: {self.rate}"


class ReconciliationPeriod(models.Model):
    code = models.CharField(_("reconciliation period"), max_length=7, unique=True, validators=[PERIOD_CODE])
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    confirmation_deadline = models.DateTimeField(_("confirmation deadline"))

    SERVICE_OWNED_FIELDS = ()

    class Meta:
        verbose_name = _("reconciliation period")
        verbose_name_plural = _("reconciliation periods")
        ordering = ["-code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_end_after_start"
            ),
        ]

    def __str__(self):
        return self.code
