"""Capability labels (能力标签) and the partner's certifications (能力认证结果)."""

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .partners import Partner


class LabelLevel(models.TextChoices):
    CERTIFIED = "certified", _("Certified")
    ADVANCED = "advanced", _("Advanced")
    EXPERT = "expert", _("Expert")


def badge_path(label: "CapabilityLabel", filename: str) -> str:
    return f"badges/{uuid.uuid4().hex}.png"


class CapabilityLabel(models.Model):
    name = models.CharField(_("label name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=LabelLevel.choices)
    description = models.TextField(_("description"), max_length=2000)
    criteria = models.TextField(_("criteria"), max_length=4000, help_text=_("What a partner must meet."))
    badge_image = models.ImageField(_("badge image (PNG)"), upload_to=badge_path, max_length=200)
    shows_holder = models.BooleanField(
        _("badge shows the holder"),
        default=True,
        help_text=_("The downloaded badge carries the partner's name and validity."),
    )

    SERVICE_OWNED_FIELDS = ()  # the vendor's catalogue of labels, kept by operators

    class Meta:
        verbose_name = _("capability label")
        verbose_name_plural = _("capability labels")
        ordering = ["name", "level"]
        constraints = [models.UniqueConstraint(fields=["name", "level"], name="label_name_level")]

    def __str__(self):
        return f"{self.name} ({self.get_level_display()})"


class Certification(models.Model):
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="certifications"
    )
    label = models.ForeignKey(
        CapabilityLabel, verbose_name=_("label"), on_delete=models.PROTECT, related_name="certifications"
    )
    certified_on = models.DateField(_("certified on"))
    valid_until = models.DateField(_("valid until"))
    certificate_number = models.CharField(_("certificate number"), max_length=40, unique=True)

    SERVICE_OWNED_FIELDS = ()  # the certification body's results, entered by operators

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["valid_until", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("certified_on")), name="certification_dates"
            ),
        ]
        indexes = [models.Index(fields=["partner", "valid_until"], name="certification_partner")]

    def __str__(self):
        return f"{self.certificate_number} {self.label}"
