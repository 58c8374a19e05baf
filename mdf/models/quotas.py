"""The MDF quota a vendor grants a partner for a half-year or a year."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models.base import MONEY


class QuotaSpan(models.TextChoices):
    H1 = "h1", _("First half-year")
    H2 = "h2", _("Second half-year")
    YEAR = "year", _("Whole year")


class Quota(models.Model):
    """A partner's fund for a span of one year. The figures (requested, approved, claimed,
    paid, left) are computed from its applications under this row's lock
    (mdf/selectors/quotas.py), so they never drift from the applications themselves."""

    partner = models.ForeignKey(
        "customers.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="mdf_quotas"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    span = models.CharField(_("span"), max_length=4, choices=QuotaSpan.choices)
    amount = models.DecimalField(_("quota (tax included)"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    starts_on = models.DateField(_("starts on"), editable=False)
    ends_on = models.DateField(_("ends on"), editable=False)

    SERVICE_OWNED_FIELDS = (
        "starts_on",
        "ends_on",
    )  # derived from the year and span; the rest operators grant

    class Meta:
        verbose_name = _("MDF quota")
        verbose_name_plural = _("MDF quotas")
        ordering = ["-year", "span", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "year", "span"], name="mdf_one_quota_per_span"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="mdf_quota_not_negative"),
        ]

    def __str__(self):
        return f"{self.partner} {self.year} {self.get_span_display()}"

    def save(self, *args, **kwargs):
        self.starts_on, self.ends_on = span_dates(self.year, self.span)
        super().save(*args, **kwargs)

    def clean(self):
        if not self.year or not self.span:
            return
        self.starts_on, self.ends_on = span_dates(self.year, self.span)
        others = Quota.objects.filter(partner_id=self.partner_id, year=self.year).exclude(pk=self.pk)
        if self.span == QuotaSpan.YEAR and others.exists() or others.filter(span=QuotaSpan.YEAR).exists():
            raise ValidationError(
                _("A partner has either a whole-year quota or half-year quotas for a year.")
            )


def span_dates(year: int, span: str):
    from datetime import date

    if span == QuotaSpan.H1:
        return date(year, 1, 1), date(year, 6, 30)
    if span == QuotaSpan.H2:
        return date(year, 7, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)
