"""Indicators (指标信息): definitions as data, their values per partner and period, feedback."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models.base import AppendOnlyModel
from incentives.models.lines import FeedbackAuthor, FeedbackStatus
from partner_center.service_owned import ALL


class IndicatorMethod(models.TextChoices):
    REVENUE_SUM = "revenue_sum", _("Sum of revenue")
    NEW_CUSTOMERS = "new_customers", _("Count of new customers")
    PAYING_CUSTOMERS = "paying_customers", _("Distinct paying customers")
    GROWTH_RATE = "growth_rate", _("Revenue growth rate")


class StatisticalPeriod(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class Indicator(models.Model):
    """An indicator's definition: what is counted (method) over which lines or customers
    (the program and product type, empty for all), per which period."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("indicator name"), max_length=200)
    scope = models.CharField(_("scope"), max_length=200, help_text=_("Who it applies to, in words."))
    method = models.CharField(_("statistical method"), max_length=20, choices=IndicatorMethod.choices)
    period_kind = models.CharField(_("statistical period"), max_length=10, choices=StatisticalPeriod.choices)
    dimension = models.CharField(_("dimension"), max_length=100, blank=True)
    program = models.ForeignKey(
        "incentives.IncentiveProgram", verbose_name=_("incentive program"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    product_type = models.CharField(_("product type"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)

    SERVICE_OWNED_FIELDS = ()  # the vendor's definitions, maintained by operators

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    """An indicator's value for one partner and period, written by the job (idempotent upsert)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    partner = models.ForeignKey("customers.Partner", on_delete=models.CASCADE, related_name="+")
    period_code = models.CharField(_("reconciliation period"), max_length=7)  # 2026-11, 2026-Q4, 2026
    period_start = models.DateField(_("start"))
    period_end = models.DateField(_("end"))
    value = models.DecimalField(_("indicator value"), max_digits=20, decimal_places=4)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    computed_at = models.DateTimeField(_("computed at"))
    feedback = models.TextField(_("feedback"), blank=True)
    feedback_reply = models.TextField(_("reply"), blank=True)
    feedback_status = models.CharField(
        _("feedback status"), max_length=10, choices=FeedbackStatus.choices, blank=True, default=""
    )
    feedback_at = models.DateTimeField(_("feedback updated at"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # the job's figures; the feedback service's denormalised thread

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["-period_code", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "partner", "period_code"], name="one_value_per_period"
            ),
        ]
        indexes = [models.Index(fields=["partner", "period_code", "id"], name="indicator_value_page")]
        permissions = [("reply_indicator_feedback", "Can reply to partners' feedback on indicator values")]

    def __str__(self):
        return f"{self.indicator_id} {self.partner_id} {self.period_code}"


class IndicatorFeedback(AppendOnlyModel):
    """One message of a value's feedback thread (partner's feedback, operator's reply); append-only."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="feedback_messages")
    author_kind = models.CharField(_("from"), max_length=10, choices=FeedbackAuthor.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_label = models.CharField(_("author"), max_length=150)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(_("feedback status"), max_length=10, choices=FeedbackStatus.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL

    class Meta:
        verbose_name = _("indicator feedback")
        verbose_name_plural = _("indicator feedback")
        ordering = ["value", "created_at", "id"]

    def __str__(self):
        return f"{self.value_id} {self.author_label}"
