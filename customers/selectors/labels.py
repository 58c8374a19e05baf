"""The partner's capability certifications and the labels it does not hold yet."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from ..models import CapabilityLabel, Certification
from .tenancy import PortalUser, partner_of, partner_scoped

EXPIRING_DAYS = 90  # a certification valid for fewer days than this is "expiring soon"


def certifications_for(user: PortalUser) -> QuerySet[Certification]:
    return partner_scoped(Certification.objects.all(), user).select_related("label")


@dataclass(frozen=True)
class Certifications:
    valid: list[Certification]  # valid today, the soonest to expire first
    expiring: list[Certification]  # of those, valid for fewer than EXPIRING_DAYS more days
    not_held: list[CapabilityLabel]  # labels without a valid certification, with their criteria


def certification_overview(user: PortalUser, today: date) -> Certifications:
    valid = list(certifications_for(user).filter(certified_on__lte=today, valid_until__gte=today))
    soon = today + timedelta(days=EXPIRING_DAYS)
    held = {certification.label_id for certification in valid}
    labels = (
        CapabilityLabel.objects.exclude(pk__in=held) if partner_of(user) else CapabilityLabel.objects.none()
    )
    return Certifications(
        valid=valid,
        expiring=[certification for certification in valid if certification.valid_until < soon],
        not_held=list(labels),
    )
