"""Capability-label demo data (called from customers/demo.py's seed_customers): the vendor's
labels with drawn badges, and Demo Distributor's certifications, one expiring within 90 days.
Idempotent: nothing is added once labels exist."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from .models import CapabilityLabel, Certification, LabelLevel, Partner

LABELS = [
    ("Cloud Migration", LabelLevel.ADVANCED, "#c7372f", True),
    ("Big Data", LabelLevel.CERTIFIED, "#2f6fc7", True),
    ("AI Solutions", LabelLevel.EXPERT, "#2f9e5b", True),
    ("Managed Services", LabelLevel.CERTIFIED, "#7a2fc7", False),
]


def _badge(name: str, color: str) -> ContentFile:
    image = Image.new("RGB", (400, 200), color)
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 180, 180), outline="white", width=8)
    draw.text((200, 90), name, fill="white")
    out = io.BytesIO()
    image.save(out, "PNG")
    return ContentFile(out.getvalue())


def seed_certifications() -> None:
    partner = Partner.objects.filter(code="P1001").first()
    if partner is None or CapabilityLabel.objects.exists():
        return
    made = []
    for name, level, color, shows_holder in LABELS:
        label = CapabilityLabel(
            name=name, level=level, shows_holder=shows_holder,
            description=f"{name}: capability recognised by the vendor.",
            criteria="At least two certified engineers; three reference customers in the past year.",
        )  # fmt: skip
        label.badge_image.save(f"{name}.png", _badge(name, color), save=False)
        label.save()
        made.append(label)
    today = timezone.localdate()
    for number, (label, days_left) in enumerate(zip(made[:3], (400, 45, 200), strict=True), 1):
        Certification.objects.create(
            partner=partner, label=label, certificate_number=f"HWCERT-{today.year}-{number:04d}",
            certified_on=today - timedelta(days=365 - days_left),
            valid_until=today + timedelta(days=days_left),
        )  # fmt: skip
