"""Detail lines (one order's contribution to an incentive), their totals and feedback thread."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_center.service_owned import ALL

from .base import MONEY, RATE, AppendOnlyModel
from .catalogue import IncentiveProgram, ReconciliationPeriod
from .statements import Incentive, Statement


class FeedbackStatus(models.TextChoices):
    NONE = "", _("No feedback")
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")


class DetailLine(models.Model):
    """One order's contribution to an incentive.

    partner, period and program repeat the incentive's so that the Details filters
    ("period plus one attribute", always within one partner) hit one composite index.
    The services that write lines keep them equal to the incentive's.
    """

    incentive = models.ForeignKey(Incentive, on_delete=models.PROTECT, related_name="lines", db_index=False)
    partner = models.ForeignKey(
        "customers.Partner", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    period = models.ForeignKey(
        ReconciliationPeriod, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    program = models.ForeignKey(IncentiveProgram, on_delete=models.PROTECT, related_name="+", db_index=False)
    order_id = models.CharField(_("order ID"), max_length=40)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="detail_lines", db_index=False
    )
    product_type = models.CharField(_("product type"), max_length=40)
    tier2_reseller = models.ForeignKey(
        "customers.Partner",
        verbose_name=_("tier-2 reseller"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    account_manager = models.CharField(_("account manager"), max_length=100, blank=True)
    revenue = models.DecimalField(_("revenue"), **MONEY)
    rate = models.DecimalField(_("rate"), **RATE)
    amount = models.DecimalField(_("amount"), **MONEY)
    # Denormalised from the feedback thread (FeedbackMessage) by incentives/feedback.py, so the
    # Details list shows and filters feedback without a join: the partner's latest feedback
    # text, the operators' reply to it, the thread's status and the time of its latest message.
    feedback = models.TextField(_("feedback"), blank=True)
    feedback_reply = models.TextField(_("reply"), blank=True)
    feedback_status = models.CharField(
        _("feedback status"), max_length=10, choices=FeedbackStatus.choices, blank=True, default=""
    )
    feedback_at = models.DateTimeField(_("feedback updated at"), null=True, blank=True)

    # The import writes the figures, the feedback service the denormalised feedback.
    SERVICE_OWNED_FIELDS = ALL

    class Meta:
        verbose_name = _("detail line")
        verbose_name_plural = _("detail lines")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incentive", "order_id", "product_type"], name="line_per_order_product"
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "period", "id"], name="line_period_page"),
            # an incentive's lines in page order (Details filtered by Incentive ID, the incentive page)
            models.Index(fields=["incentive", "id"], name="line_incentive_page"),
            # one filter value (a program, a customer, ...) of a period in page order: a Details page
            # filtered to it reads its 20 rows from the index instead of scanning the period
            models.Index(fields=["partner", "period", "program", "id"], name="line_period_program"),
            models.Index(fields=["partner", "period", "customer", "id"], name="line_period_customer"),
            models.Index(fields=["partner", "period", "order_id"], name="line_period_order"),
            models.Index(fields=["partner", "period", "product_type", "id"], name="line_period_product"),
            models.Index(fields=["partner", "period", "tier2_reseller", "id"], name="line_period_reseller"),
            models.Index(fields=["partner", "period", "account_manager", "id"], name="line_period_manager"),
            models.Index(fields=["partner", "period", "feedback_status", "id"], name="line_period_feedback"),
            # Details sorted by amount (either way), keyset-paged on (amount, id)
            models.Index(fields=["partner", "period", "amount", "id"], name="line_period_amount"),
            # operators' "lines with feedback" list: a small partial index, not a million entries
            models.Index(
                fields=["feedback_status", "-feedback_at"],
                condition=~models.Q(feedback_status=""),
                name="line_with_feedback",
            ),
        ]

    def __str__(self):
        return f"{self.order_id} {self.product_type}"


class LineTotal(models.Model):
    """Count and amount of the detail lines that share every filterable attribute but the order.

    The Details page shows the count and total of ALL lines matching a filter; summing a
    partner's ~120k lines of a period takes ~100 ms, summing these few thousand rows ~1 ms.
    The field names are DetailLine's, so the one Details FilterSet filters both models.
    Kept exact by incentives/line_totals.py: rebuilt per bill whenever lines are imported,
    and moved between feedback statuses in the same transaction as the line's status.
    """

    partner = models.ForeignKey("customers.Partner", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(
        ReconciliationPeriod, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    incentive = models.ForeignKey(Incentive, on_delete=models.CASCADE, related_name="+", db_index=False)
    program = models.ForeignKey(IncentiveProgram, on_delete=models.CASCADE, related_name="+", db_index=False)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    product_type = models.CharField(_("product type"), max_length=40)
    tier2_reseller = models.ForeignKey(
        "customers.Partner", on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False
    )
    account_manager = models.CharField(_("account manager"), max_length=100, blank=True)
    feedback_status = models.CharField(
        _("feedback status"), max_length=10, choices=FeedbackStatus.choices, blank=True, default=""
    )
    line_count = models.PositiveIntegerField(_("lines"))
    amount = models.DecimalField(_("amount"), **MONEY)

    SERVICE_OWNED_FIELDS = ALL  # kept by services/line_totals.py

    class Meta:
        verbose_name = _("line total")
        verbose_name_plural = _("line totals")
        indexes = [
            models.Index(fields=["partner", "period"], name="linetotal_period"),
            # the overview's answered feedback per period, without reading all the partner's totals
            models.Index(fields=["partner", "feedback_status", "period"], name="linetotal_feedback"),
            # a customer filter's total: the rows of its customers, not all the period's
            models.Index(fields=["partner", "period", "customer"], name="linetotal_customer"),
        ]

    def __str__(self):
        return f"{self.incentive_id}/{self.customer_id}/{self.product_type}: {self.line_count}"


class FeedbackLine(DetailLine):
    """Detail lines seen from the operators' side: the feedback to answer (Django admin)."""

    class Meta:
        proxy = True
        verbose_name = _("line feedback")
        verbose_name_plural = _("line feedback")
        permissions = [("reply_feedback", "Can reply to partners' feedback on detail lines")]


class FeedbackAuthor(models.TextChoices):
    PARTNER = "partner", _("Partner")
    OPERATOR = "operator", _("Operations")


class FeedbackMessage(AppendOnlyModel):
    """One message of a line's feedback thread; append-only, so it is also the audit trail.

    A partner's feedback opens the thread; an operator's reply answers or resolves it.
    `status` is the line's feedback status right after this message.
    """

    line = models.ForeignKey(DetailLine, on_delete=models.PROTECT, related_name="feedback_messages")
    author_kind = models.CharField(_("from"), max_length=10, choices=FeedbackAuthor.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_label = models.CharField(_("author"), max_length=150)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(_("feedback status"), max_length=10, choices=FeedbackStatus.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # the feedback's audit trail

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["line", "created_at", "id"]
        indexes = [models.Index(fields=["line", "created_at"], name="feedback_thread")]

    def __str__(self):
        return f"{self.line_id} {self.author_label} {self.created_at:%Y-%m-%d %H:%M}"
