"""A claim (after the activity): the activity as held, actual expenses and their proof."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incentives.models.base import MONEY
from partner_center.service_owned import ALL

from .applications import Application, CostItem


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", _("Rejected")


class ProofKind(models.TextChoices):
    TOPIC = "topic", _("Photo: activity topic")
    BRANDING = "branding", _("Photo: vendor logo or banner")
    SPEAKER = "speaker", _("Photo: speaker")
    ATTENDANCE = "attendance", _("Photo: attendance")
    COST = "cost", _("Photo: cost item incurred")
    SIGN_IN = "sign_in", _("Sign-in sheet")
    INVOICE = "invoice", _("Cost invoice")


class Claim(models.Model):
    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="claim"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    held_starts_on = models.DateField(_("held from"), null=True, blank=True)
    held_ends_on = models.DateField(_("held until"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    summary = models.TextField(_("activity summary"), max_length=4000, blank=True)
    over_reason = models.TextField(
        _("reason for costs above the approved amount"), max_length=2000, blank=True
    )
    amount = models.DecimalField(_("claimed amount (tax included)"), **MONEY, default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    resubmit_due_on = models.DateField(_("resubmit by"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    invoice_due_on = models.DateField(_("partner's invoice due on"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # the claim workflow (services)

    class Meta:
        verbose_name = _("MDF claim")
        verbose_name_plural = _("MDF claims")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.application.number} {_('claim')}"


class ClaimItem(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="items")
    cost_item = models.ForeignKey(
        CostItem, verbose_name=_("cost item"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("actual amount (tax included)"), **MONEY)

    SERVICE_OWNED_FIELDS = ALL

    class Meta:
        verbose_name = _("actual expense")
        verbose_name_plural = _("actual expenses")
        ordering = ["cost_item_id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "cost_item"], name="mdf_one_expense_per_cost_item"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="mdf_expense_not_negative"),
        ]

    def __str__(self):
        return f"{self.cost_item}: {self.amount}"


def proof_path(proof: "Proof", filename: str) -> str:
    return f"mdf/proofs/{proof.claim_id}/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class Proof(models.Model):
    """One stored file of proof: an image re-encoded without EXIF, or a PDF as uploaded."""

    claim = models.ForeignKey(Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="proofs")
    kind = models.CharField(_("proof kind"), max_length=16, choices=ProofKind.choices)
    cost_item = models.ForeignKey(
        CostItem,
        verbose_name=_("cost item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=proof_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=proof_path, max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=40)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    original_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    SERVICE_OWNED_FIELDS = ALL  # uploads, checked and re-encoded by the services

    class Meta:
        verbose_name = _("proof")
        verbose_name_plural = _("proof")
        ordering = ["kind", "id"]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
