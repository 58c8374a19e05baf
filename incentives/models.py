from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from customers.models import AssociationType

MONEY = {"max_digits": 18, "decimal_places": 2}
RATE = {"max_digits": 9, "decimal_places": 6}
PERIOD_CODE = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Use the form YYYY-MM, e.g. 2026-10."))


class StatementStatus(models.TextChoices):
    ESTIMATED = "estimated", _("Estimated")
    PENDING = "pending_confirmation", _("Pending confirmation")
    ISSUING = "issuing", _("Issuing")
    ISSUED = "issued", _("Issued successfully")


class FeedbackStatus(models.TextChoices):
    NONE = "", _("No feedback")
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")


class IncentiveProgram(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("incentive name"), max_length=200)
    association_type = models.CharField(_("association type"), max_length=20, choices=AssociationType.choices)
    policy = models.TextField(_("incentive policy"))

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
            models.Index(fields=["partner", "period", "program"], name="line_period_program"),
            models.Index(fields=["partner", "period", "customer"], name="line_period_customer"),
            models.Index(fields=["partner", "period", "order_id"], name="line_period_order"),
            models.Index(fields=["partner", "period", "product_type"], name="line_period_product"),
            models.Index(fields=["partner", "period", "tier2_reseller"], name="line_period_reseller"),
            models.Index(fields=["partner", "period", "account_manager"], name="line_period_manager"),
            models.Index(fields=["partner", "period", "feedback_status"], name="line_period_feedback"),
            # operators' "lines with feedback" list: a small partial index, not a million entries
            models.Index(
                fields=["feedback_status", "-feedback_at"],
                condition=~models.Q(feedback_status=""),
                name="line_with_feedback",
            ),
        ]

    def __str__(self):
        return f"{self.order_id} {self.product_type}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValueError("Audit events are append-only and cannot be changed.")

    def delete(self):
        raise ValueError("Audit events are append-only and cannot be deleted.")


class StatementEvent(models.Model):
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

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("bill event")
        verbose_name_plural = _("bill events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.statement}: {self.old_status} -> {self.new_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only and cannot be deleted.")


class ReminderKind(models.TextChoices):
    THREE_DAYS = "3d", _("3 days before the deadline")
    ONE_DAY = "1d", _("1 day before the deadline")


class DeadlineReminder(models.Model):
    """One reminder e-mail to one partner user that a bill awaits confirmation.

    The row is the record that makes each reminder go out once. It carries the deadline it
    reminds of: a bill returned by an operator has a new deadline, which gets its own reminders.
    """

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=2, choices=ReminderKind.choices)
    deadline = models.DateTimeField(_("confirmation deadline"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "user", "kind", "deadline"], name="one_reminder_per_bill_user_kind"
            ),
        ]
        indexes = [
            models.Index(
                fields=["deadline"], condition=models.Q(sent_at__isnull=True), name="reminder_unsent"
            ),
        ]

    def __str__(self):
        return f"{self.statement} → {self.user} ({self.get_kind_display()})"


class PayoutReview(Statement):
    """The operators' review queue in the admin: the same bills, seen as payouts to approve."""

    class Meta:
        proxy = True
        verbose_name = _("payout review")
        verbose_name_plural = _("payout reviews")


class ExportMethod(models.TextChoices):
    PERIOD = "period", _("Export by period")
    PROGRAMS = "programs", _("Export by incentive plan name")
    SELECTED = "selected", _("Export selected")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (.xlsx)")
    CSV = "csv", _("CSV (.csv)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class ExportJob(models.Model):
    """One export request: what to export, and the worker's progress and result."""

    partner = models.ForeignKey("customers.Partner", on_delete=models.PROTECT, related_name="exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    method = models.CharField(_("export method"), max_length=10, choices=ExportMethod.choices)
    file_format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    period = models.ForeignKey(ReconciliationPeriod, on_delete=models.PROTECT, null=True, blank=True)
    programs = models.ManyToManyField(IncentiveProgram, blank=True, verbose_name=_("programs"))
    detail_ids = models.JSONField(_("selected lines"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows to write"), null=True, blank=True)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True, max_length=255)
    file_name = models.CharField(_("file name"), max_length=120, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    total_amount = models.DecimalField(_("total amount"), **MONEY, null=True, blank=True)
    error = models.TextField(_("reason"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["partner", "-requested_at"], name="export_history"),
            models.Index(fields=["status", "expires_at"], name="export_expiry"),
        ]
        permissions = [("download_any_export", "Can download any partner's export")]

    def __str__(self):
        return self.file_name or f"export {self.pk}"

    @property
    def is_active(self):
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)


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


class FeedbackMessage(models.Model):
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

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["line", "created_at", "id"]
        indexes = [models.Index(fields=["line", "created_at"], name="feedback_thread")]

    def __str__(self):
        return f"{self.line_id} {self.author_label} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Feedback messages are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Feedback messages are append-only and cannot be deleted.")


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

    class Meta:
        verbose_name = _("line total")
        verbose_name_plural = _("line totals")
        indexes = [models.Index(fields=["partner", "period"], name="linetotal_period")]

    def __str__(self):
        return f"{self.incentive_id}/{self.customer_id}/{self.product_type}: {self.line_count}"
