"""Holds (frozen incentives) and the arrears list they can come from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models import MONEY, PERIOD_CODE


class Arrears(models.Model):
    """A partner's unpaid cloud bill of one period (the finance system's arrears list)."""

    partner = models.ForeignKey(
        "customers.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="arrears"
    )
    period = models.CharField(_("billing period"), max_length=7, validators=[PERIOD_CODE])
    amount = models.DecimalField(_("unpaid amount"), **MONEY)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ()  # the vendor's arrears list, kept by finance staff

    class Meta:
        verbose_name = _("arrears")
        verbose_name_plural = _("arrears")
        ordering = ["partner__name", "-period"]
        constraints = [models.UniqueConstraint(fields=["partner", "period"], name="one_arrears_per_period")]

    def __str__(self):
        return f"{self.partner} {self.period}"


class HoldSource(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    ARREARS = "arrears", _("Arrears")


class Hold(models.Model):
    """While active, the partner's payable incentives are frozen and payment requests refused."""

    partner = models.ForeignKey(
        "customers.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="holds"
    )
    reason = models.TextField(_("freezing reason"))
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: until lifted."))
    source = models.CharField(_("source"), max_length=10, choices=HoldSource.choices, default="operator")
    arrears = models.OneToOneField(
        Arrears,
        verbose_name=_("arrears"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hold",
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = (
        "source",
        "arrears",
        "lifted_at",
        "lifted_by",
        "created_at",
    )  # hold_place/hold_lift

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        ordering = ["-since", "-id"]
        indexes = [models.Index(fields=["partner", "lifted_at"], name="hold_partner_open")]

    def __str__(self):
        return f"{self.partner}: {self.reason[:40]}"
