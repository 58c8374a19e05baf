"""An MDF application (before the activity) and its budget by cost item."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models.base import MONEY
from partner_center.service_owned import ALL

from .quotas import Quota


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityType(models.TextChoices):
    SEMINAR = "seminar", _("Seminar or summit")
    EXHIBITION = "exhibition", _("Exhibition")
    TRAINING = "training", _("Customer training")
    ONLINE = "online", _("Online campaign")
    OTHER = "other", _("Other marketing activity")


class CostKind(models.TextChoices):
    VENUE = "venue", _("Venue")
    ADVERTISING = "advertising", _("Advertising")
    MATERIAL = "material", _("Marketing material")
    CATERING = "catering", _("Catering")
    SPEAKER = "speaker", _("Speakers and staff")
    OTHER = "other", _("Other costs")


class Application(models.Model):
    """Step 1: plan and agreement; step 2: objectives; step 3: budget (cost items)."""

    partner = models.ForeignKey(
        "customers.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="mdf_applications",
    )
    quota = models.ForeignKey(
        Quota,
        verbose_name=_("quota"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # step 1: plan and agreement
    title = models.CharField(_("activity title"), max_length=200)
    activity_type = models.CharField(_("activity type"), max_length=16, choices=ActivityType.choices)
    starts_on = models.DateField(_("activity starts on"))
    ends_on = models.DateField(_("activity ends on"))
    location = models.CharField(_("location"), max_length=200)
    plan = models.TextField(_("activity plan"), max_length=4000)
    agreement_accepted = models.BooleanField(_("MDF agreement accepted"), default=False)
    # step 2: objectives
    objectives = models.TextField(_("objectives"), max_length=4000, blank=True)
    expected_attendance = models.PositiveIntegerField(_("expected attendance"), null=True, blank=True)
    expected_leads = models.PositiveIntegerField(_("expected leads"), null=True, blank=True)
    # step 3: the budget; amount is the sum of the cost items (tax included), kept by the services
    amount = models.DecimalField(_("amount (tax included)"), **MONEY, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    steps_done = models.PositiveSmallIntegerField(_("steps saved"), default=0)
    late_reason = models.TextField(_("reason for a late application"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    claim_due_on = models.DateField(_("claim due on"), null=True, blank=True)
    claim_overdue = models.BooleanField(_("claim overdue"), default=False)

    SERVICE_OWNED_FIELDS = ALL  # the partner's steps and the review, through services (TRANSITIONS)

    class Meta:
        verbose_name = _("MDF application")
        verbose_name_plural = _("MDF applications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["partner", "status"], name="mdf_application_partner"),
            models.Index(fields=["status", "claim_due_on"], name="mdf_application_due"),
        ]
        permissions = [("review_mdf", "Can review MDF applications and claims")]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"MDF{self.pk or 0:06d}"


class CostItem(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="cost_items")
    kind = models.CharField(_("cost item"), max_length=16, choices=CostKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (tax included)"), **MONEY)

    SERVICE_OWNED_FIELDS = ALL

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="mdf_one_cost_item_per_kind"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="mdf_cost_item_positive"),
        ]

    def __str__(self):
        return self.get_kind_display()
