"""A partner's bill per period (Statement), its incentives, and the bill's audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_center.service_owned import ALL

from .base import MONEY, AppendOnlyModel
from .catalogue import IncentiveProgram, ReconciliationPeriod


class StatementStatus(models.TextChoices):
    ESTIMATED = "estimated", _("Estimated")
    PENDING = "pending_confirmation", _("Pending confirmation")
    ISSUING = "issuing", _("Issuing")
    ISSUED = "issued", _("Issued successfully")


class Statement(models.Model):
    """A partner's bill for one period: all its incentives, reconciled together."""

    partner = models.ForeignKey("customers.Partner", on_delete=models.PROTECT, related_name="statements")
    period = models.ForeignKey(ReconciliationPeriod, on_delete=models.PROTECT, related_name="statements")
    status = models.CharField(
        _("status"), max_length=24, choices=StatementStatus.choices, default=StatementStatus.ESTIMATED
    )
    total = models.DecimalField(_("bill total"), **MONEY, default=0)
    # Kept by the services with `total`: the Summary pages through bills by these two.
    incentive_count = models.PositiveIntegerField(_("incentives"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    # Starts as the period's deadline; an operator who returns a bill sets a new one.
    confirmation_deadline = models.DateTimeField(_("confirmation deadline"))
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system confirmed the bill after its deadline."),
    )

    # Written only by the figures import and the status transitions (services/figures.py,
    # services/statements.py); partner_center/service_owned.py explains the attribute.
    SERVICE_OWNED_FIELDS = ALL

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["-period__code", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "period"], name="one_bill_per_partner_period"),
        ]
        indexes = [
            # the deadline sweep: pending bills whose deadline has passed
            models.Index(fields=["status", "confirmation_deadline"], name="statement_status_deadline"),
            # the operators' review queue: Issuing bills, oldest confirmation first
            models.Index(fields=["status", "confirmed_at", "id"], name="statement_review_queue"),
        ]
        permissions = [
            ("publish_statement", "Can publish estimated bills to partners"),
            ("review_payout", "Can approve or return confirmed bills"),
        ]

    def __str__(self):
        return f"{self.partner} {self.period}"


class Incentive(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="incentives")
    program = models.ForeignKey(IncentiveProgram, on_delete=models.PROTECT, related_name="incentives")
    incentive_id = models.CharField(_("incentive ID"), max_length=40, unique=True)
    amount = models.DecimalField(_("incentive amount"), **MONEY, default=0)

    SERVICE_OWNED_FIELDS = ALL  # the figures import: its bill, program, ID and summed amount

    class Meta:
        verbose_name = _("incentive")
        verbose_name_plural = _("incentives")
        ordering = ["incentive_id"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "program"], name="one_incentive_per_program"),
        ]
        indexes = [
            # the Summary's rows of a bill, in page order
            models.Index(fields=["statement", "incentive_id"], name="incentive_bill_order"),
        ]

    def __str__(self):
        return self.incentive_id


class StatementEvent(AppendOnlyModel):
    """Append-only audit trail of every status change of a bill.

    Guarded here and, on PostgreSQL, by a trigger that refuses UPDATE and DELETE.
    """

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="events")
    old_status = models.CharField(_("old status"), max_length=24, choices=StatementStatus.choices)
    new_status = models.CharField(_("new status"), max_length=24, choices=StatementStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    SERVICE_OWNED_FIELDS = ALL  # the audit trail

    class Meta:
        verbose_name = _("bill event")
        verbose_name_plural = _("bill events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.statement}: {self.old_status} -> {self.new_status}"


class PayoutReview(Statement):
    """The operators' review queue in the admin: the same bills, seen as payouts to approve."""

    class Meta:
        proxy = True
        verbose_name = _("payout review")
        verbose_name_plural = _("payout reviews")
